// The sketchpad's MNIST preprocessing against hand-made drawings whose answers are worked out by
// hand, and against real MNIST test images, which were made by the same procedure and so must
// come back (nearly) unchanged.
import {beforeAll, describe, expect, test} from "vitest";
import {
  boundingBox,
  centreOfMass,
  EMPTY_MESSAGE,
  mnistPreprocess,
  scaleBox,
  type GreyImage
} from "../../../src/lib/cnn/mnist-preprocess.js";
import {readMnist, type Dataset} from "../../../src/data/lib/datasets/datasets.js";

/** A blank width × height drawing with the given rectangles of full ink (ends exclusive). */
function drawing(width: number, height: number, rects: [top: number, left: number, bottom: number, right: number][]): GreyImage {
  const data = new Float32Array(width * height);
  for (const [t, l, b, r] of rects) for (let y = t; y < b; y++) for (let x = l; x < r; x++) data[y * width + x] = 1;
  return {width, height, data};
}

const value = <T>(r: {ok: true; value: T} | {ok: false; message: string}): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

/** Rows and columns of the output that hold any ink: [top, left, bottom, right), ends exclusive. */
const inkBox = (pixels: Float32Array, size = 28) => boundingBox({width: size, height: size, data: pixels}, 1e-6);

describe("the pieces", () => {
  test("bounding box and centre of mass of a hand-made drawing", () => {
    const image = drawing(10, 8, [[2, 3, 4, 9]]); // rows 2–3, columns 3–8
    expect(boundingBox(image)).toEqual({top: 2, left: 3, bottom: 4, right: 9});
    expect(centreOfMass(image)).toEqual([2.5, 5.5]);
    expect(boundingBox(drawing(4, 4, []))).toBeNull();
    expect(centreOfMass(drawing(4, 4, []))).toBeNull();
  });

  test("area scaling by 1/2 averages 2×2 blocks; by 1 it is the identity", () => {
    const image: GreyImage = {width: 4, height: 2, data: [1, 0, 0.5, 0.5, 1, 0, 0, 0]};
    const half = scaleBox(image, {top: 0, left: 0, bottom: 2, right: 4}, 0.5);
    expect([half.width, half.height]).toEqual([2, 1]);
    expect(Array.from(half.data)).toEqual([0.5, 0.25]);
    const same = scaleBox(image, {top: 0, left: 0, bottom: 2, right: 4}, 1);
    expect(Array.from(same.data)).toEqual(Array.from(image.data));
  });

  test("scaling keeps the total ink times scale², as an area filter must", () => {
    const image = drawing(50, 50, [
      [5, 7, 33, 12],
      [30, 7, 35, 40]
    ]);
    const box = boundingBox(image)!;
    const scale = 20 / 33;
    const scaled = scaleBox(image, box, scale);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(scaled.data)).toBeCloseTo(sum(image.data) * scale * scale, 3);
  });
});

describe("mnistPreprocess on hand-made drawings", () => {
  test("a vertical bar drawn in a corner ends up 20 pixels tall, 4 wide and centred", () => {
    // 200×200 pad, bar 100 tall and 20 wide in the top-left: scale 20/100 = 0.2 → 20×4.
    const out = value(mnistPreprocess(drawing(200, 200, [[10, 15, 110, 35]])));
    expect(out.scale).toBeCloseTo(0.2, 12);
    expect(out.scaled).toEqual([4, 20]);
    // Symmetric bar: centre of mass at (9.5, 1.5) in the box; shift round(14 − 9.5) = 5 (4.5 rounds up), round(14 − 1.5) = 13.
    expect(out.offset).toEqual([5, 13]);
    expect(inkBox(out.pixels)).toEqual({top: 5, left: 13, bottom: 25, right: 17});
    expect(out.centreOfMass[0]).toBeCloseTo(14.5, 6);
    expect(out.centreOfMass[1]).toBeCloseTo(14.5, 6);
    // Full ink stays full ink: every inked output pixel is covered by the bar entirely.
    expect(Math.min(...Array.from(out.pixels).filter((v) => v > 0))).toBeCloseTo(1, 6);
    expect(out.clipped).toBe(0);
  });

  test("the same bar anywhere on the pad gives the same image", () => {
    const a = value(mnistPreprocess(drawing(200, 200, [[10, 15, 110, 35]])));
    const b = value(mnistPreprocess(drawing(200, 200, [[90, 170, 190, 190]])));
    expect(Array.from(b.pixels)).toEqual(Array.from(a.pixels));
  });

  test("a wide shape keeps its aspect ratio: 150×50 becomes 20×(20/3), the last row partly inked", () => {
    const out = value(mnistPreprocess(drawing(200, 200, [[100, 20, 150, 170]])));
    expect(out.scale).toBeCloseTo(20 / 150, 12);
    expect(out.scaled).toEqual([20, 7]); // 6.67 rows: 6 full, one two-thirds inked
    const rows = Array.from({length: 28}, (_, r) => out.pixels[r * 28 + 14]);
    const inked = rows.filter((v) => v > 0);
    expect(inked.length).toBe(7);
    expect(inked.slice(0, 6).every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
    expect(inked[6]).toBeCloseTo(2 / 3, 5);
    // Width 20 columns, height 20/3 rows: the ink's extent has the drawing's 3:1 ratio.
    const box = inkBox(out.pixels)!;
    expect(box.right - box.left).toBe(20);
  });

  test("the centre of mass lands within half a pixel of (14, 14), even for a lopsided shape", () => {
    // An L: a long bar and a heavy foot; its centre of mass is nowhere near the box's centre.
    const out = value(
      mnistPreprocess(
        drawing(300, 300, [
          [20, 40, 260, 70],
          [200, 40, 260, 200]
        ])
      )
    );
    const [r, c] = out.centreOfMass;
    expect(Math.abs(r - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c - 14)).toBeLessThanOrEqual(0.5);
    // Its bounding box is not centred (the foot pulls the mass down and right).
    const box = inkBox(out.pixels)!;
    expect(box.bottom - box.top).toBe(20);
    expect((box.top + box.bottom) / 2).toBeLessThan(14);
  });

  test("an empty pad, and faint specks only, ask for a digit", () => {
    const empty = mnistPreprocess(drawing(100, 100, []));
    expect(empty).toEqual({ok: false, message: EMPTY_MESSAGE});
    const specks = new Float32Array(100 * 100).fill(0.01);
    expect(mnistPreprocess({width: 100, height: 100, data: specks}).ok).toBe(false);
  });

  test("bad sizes get a message, not a throw", () => {
    const bad = mnistPreprocess({width: 3, height: 3, data: [1, 2]});
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain("needs 9 values");
  });
});

describe("mnistPreprocess on real MNIST test images", () => {
  let mnist: Dataset;
  beforeAll(() => {
    mnist = readMnist();
  });

  const image = (k: number, factor = 1): GreyImage => {
    // The test image upscaled `factor` times by repeating pixels: a drawing on a bigger pad.
    const size = 28 * factor;
    const data = new Float32Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        data[y * size + x] = mnist.test.images[k * 784 + Math.floor(y / factor) * 28 + Math.floor(x / factor)] / 255;
    return {width: size, height: size, data};
  };
  const meanAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

  test("the first 1,000 test images come back close to themselves (most exactly)", () => {
    let exact = 0;
    let worst = 0;
    for (let k = 0; k < 1000; k++) {
      const original = image(k);
      const out = value(mnistPreprocess(original, {threshold: 0}));
      const d = meanAbs(out.pixels, original.data);
      if (d < 1e-6) exact++;
      worst = Math.max(worst, d);
    }
    // A one-pixel shift, where MNIST's own centre of mass sat right at a rounding boundary, is the
    // only way to differ: compare against a whole-image mean ink of about 0.13.
    expect(exact).toBeGreaterThan(900);
    expect(worst).toBeLessThan(0.1);
  });

  test("a test image drawn 10× larger on a pad comes back as the same 28×28 image", () => {
    for (const k of [0, 1, 2, 3, 4]) {
      const out = value(mnistPreprocess(image(k, 10), {threshold: 0}));
      expect(meanAbs(out.pixels, image(k).data)).toBeLessThan(1e-5);
    }
  });
});

describe("picking test images", () => {
  test("the first n of each class, class by class", async () => {
    const {firstPerClass} = await import("../../../src/ui/image-picker.js");
    expect(firstPerClass([2, 0, 0, 1, 2, 0, 1], 3, 2)).toEqual([1, 2, 3, 6, 0, 4]);
    expect(firstPerClass([1, 1], 3, 2)).toEqual([0, 1]);
  });
});
