// The shift test's image arithmetic on small hand-made images whose answers are written out by
// hand, and the scoring loop with a classifier whose answers are known.
import {describe, expect, test} from "vitest";
import {recentre, recentringOffset, shiftImage, shiftSet} from "../../../src/lib/cnn/shift.js";
import {changedImages, clippedCount, framing, shiftAccuracy} from "../../../src/lib/cnn/shift-test.js";

// 4 × 4, ink values 1–4 so that every moved pixel can be told apart.
const grid = Float32Array.from([0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0]);

describe("shiftImage", () => {
  test("one pixel right: each row moves right, the left column becomes paper", () => {
    expect(Array.from(shiftImage(grid, 4, 0, 1))).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0]);
  });
  test("two pixels up: the top row falls off, the bottom rows are paper", () => {
    expect(Array.from(shiftImage(grid, 4, -2, 0))).toEqual([0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
  test("down and left at once; a shift of the whole width leaves a blank image", () => {
    expect(Array.from(shiftImage(grid, 4, 1, -1))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]);
    expect(Array.from(shiftImage(grid, 4, 0, 4))).toEqual(new Array(16).fill(0));
  });
  test("no shift is the image itself; bad input is refused", () => {
    expect(Array.from(shiftImage(grid, 4, 0, 0))).toEqual(Array.from(grid));
    expect(() => shiftImage(grid, 5, 0, 1)).toThrow("needs 25 values, got 16");
    expect(() => shiftImage(grid, 4, 0.5, 0)).toThrow("whole pixels");
  });
});

describe("recentre", () => {
  // A single pixel at row 0, column 1 of a 6 × 6 image: its centre of mass is (0, 1), the
  // centre is (3, 3), so it moves 3 down and 2 right.
  const dot = new Float32Array(36);
  dot[1] = 1;
  test("moves the centre of mass to (size / 2, size / 2)", () => {
    expect(recentringOffset(dot, 6)).toEqual([3, 2]);
    const back = recentre(dot, 6);
    expect(back[3 * 6 + 3]).toBe(1);
    expect(back.reduce((a, b) => a + b, 0)).toBe(1);
  });
  test("a 2 × 2 block at rows 0–1, columns 4–5 of 6 × 6: centre of mass (0.5, 4.5), moved by round(2.5) = 3 and round(−1.5) = −1", () => {
    const block = new Float32Array(36);
    for (const [y, x] of [
      [0, 4],
      [0, 5],
      [1, 4],
      [1, 5]
    ])
      block[y * 6 + x] = 1;
    // Math.round rounds halves up: 2.5 → 3, −1.5 → −1.
    expect(recentringOffset(block, 6)).toEqual([3, -1]);
  });
  test("an image already centred is left alone, and so is a blank one", () => {
    const centred = new Float32Array(36);
    centred[3 * 6 + 3] = 1;
    expect(recentringOffset(centred, 6)).toEqual([0, 0]);
    expect(recentringOffset(new Float32Array(36), 6)).toEqual([0, 0]);
  });
});

describe("shiftSet", () => {
  test("image i moves in direction i mod 4: right, down, left, up", () => {
    const four = new Float32Array(4 * 16);
    for (let i = 0; i < 4; i++) four.set(grid, i * 16);
    const moved = shiftSet(four, 4, 1, false);
    expect(Array.from(moved.subarray(0, 16))).toEqual(Array.from(shiftImage(grid, 4, 0, 1)));
    expect(Array.from(moved.subarray(16, 32))).toEqual(Array.from(shiftImage(grid, 4, 1, 0)));
    expect(Array.from(moved.subarray(32, 48))).toEqual(Array.from(shiftImage(grid, 4, 0, -1)));
    expect(Array.from(moved.subarray(48, 64))).toEqual(Array.from(shiftImage(grid, 4, -1, 0)));
  });
  test("re-centred, an unclipped shift comes back to the original exactly", () => {
    const dot = new Float32Array(2 * 36);
    dot[3 * 6 + 3] = 1;
    dot[36 + 3 * 6 + 3] = 1;
    expect(Array.from(shiftSet(dot, 6, 2, true))).toEqual(Array.from(dot));
    expect(changedImages(shiftSet(dot, 6, 2, false), dot, 36)).toEqual([0, 1]);
    expect(clippedCount(dot, shiftSet(dot, 6, 2, false), 36)).toBe(0);
    // 3 right pushes the dot off the 6-wide image; 3 down does too.
    expect(clippedCount(dot, shiftSet(dot, 6, 3, false), 36)).toBe(2);
  });
});

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
