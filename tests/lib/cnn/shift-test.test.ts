// The shift test's scoring loop with a classifier whose answers are known, and MNIST's framing
// counted on hand-made images.
import {describe, expect, test} from "vitest";
import {framing, shiftAccuracy} from "../../../src/lib/cnn/shift-test.js";

describe("shiftAccuracy", () => {
  // A "classifier" that answers 1 when the ink is in column 3, else 0; two 4 × 4 images, both
  // one dot at the centre (2, 2), labelled 0.
  const images = new Float32Array(32);
  images[2 * 4 + 2] = 1;
  images[16 + 2 * 4 + 2] = 1;
  const labels = Uint8Array.from([0, 0]);
  test("counts right answers per shift and kind, and sends the model only images that changed", async () => {
    const seen: number[] = [];
    const classify = async (pixels: Float32Array, count: number) => {
      seen.push(count);
      return Uint8Array.from({length: count}, (_, i) => (pixels.subarray(i * 16, (i + 1) * 16).findIndex((v) => v > 0) % 4 === 3 ? 1 : 0));
    };
    const points = await shiftAccuracy(classify, images, labels, {size: 4, shifts: [0, 1]});
    // Shift 1: image 0 moves right (to column 3: answered 1, wrong), image 1 moves down (still column 2: right);
    // re-centred, both are back at (2, 2).
    expect(points.map((p) => [p.shift, p.recentred, p.correct])).toEqual([
      [0, false, 2],
      [0, true, 2],
      [1, false, 1],
      [1, true, 2]
    ]);
    expect(points[2].accuracy).toBe(0.5);
    // The unshifted pass, then the two shifted images; the re-centred ones equal the originals.
    expect(seen).toEqual([2, 2]);
  });
  test("a set that does not fit its labels is refused", async () => {
    await expect(shiftAccuracy(async () => new Uint8Array(), images, Uint8Array.from([0]), {size: 4, shifts: [0]})).rejects.toThrow(
      "do not make 1 images"
    );
  });
});

describe("framing", () => {
  test("counts the longer side of each ink box and the images already centred", () => {
    // 6 × 6: a 2 × 3 block centred on (3, 3) (rows 2–3, columns 2–4: centre of mass (2.5, 3)),
    // and a single dot at (0, 0), longer side 1, far from the centre.
    const two = new Float32Array(72);
    for (let y = 2; y < 4; y++) for (let x = 2; x < 5; x++) two[y * 6 + x] = 1;
    two[36] = 1;
    // Block: round(3 − 2.5) = 1 (halves round up), round(3 − 3) = 0: not centred.
    expect(framing(two, 6)).toEqual({
      boxSides: [
        {side: 1, count: 1},
        {side: 3, count: 1}
      ],
      centred: 0
    });
    const centred = new Float32Array(36);
    centred[3 * 6 + 3] = 1;
    expect(framing(centred, 6)).toEqual({boxSides: [{side: 1, count: 1}], centred: 1});
  });
});
