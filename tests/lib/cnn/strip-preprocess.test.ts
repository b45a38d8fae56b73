// The strip made from a row of digits: hand-made drawings with known ink, a row of real MNIST
// digits painted ten times larger (as the page paints them) coming back pixel for pixel, and
// the messages for an empty or too narrow drawing.
import {describe, expect, test} from "vitest";
import {PIXELS, readMnist} from "../../../src/data/lib/datasets/datasets.js";
import {digitRow} from "../../../src/lib/cnn/digit-row.js";
import {EMPTY_STRIP_MESSAGE, inkRuns, stripPreprocess} from "../../../src/lib/cnn/strip-preprocess.js";
import {unwrap} from "../../../src/lib/core/result.js";

/** A width × height drawing with full ink in the given rectangles [left, top, right, bottom). */
function drawing(width: number, height: number, rects: [number, number, number, number][]) {
  const data = new Float32Array(width * height);
  for (const [l, t, r, b] of rects) for (let y = t; y < b; y++) for (let x = l; x < r; x++) data[y * width + x] = 1;
  return {width, height, data};
}

/** Nearest-neighbour enlargement by a whole factor. */
function enlarge({width, height, data}: {width: number; height: number; data: Float32Array}, k: number) {
  const out = new Float32Array(width * k * height * k);
  for (let y = 0; y < height * k; y++)
    for (let x = 0; x < width * k; x++) out[y * width * k + x] = data[Math.floor(y / k) * width + Math.floor(x / k)];
  return {width: width * k, height: height * k, data: out};
}

describe("inkRuns", () => {
  test("runs of inked columns, split by blank columns, each with its ink's height", () => {
    const d = drawing(30, 20, [
      [2, 5, 6, 15],
      [10, 2, 12, 18],
      [12, 8, 14, 9]
    ]);
    expect(inkRuns(d)).toEqual([
      {from: 2, to: 6, height: 10},
      {from: 10, to: 14, height: 16}
    ]);
  });
});

describe("stripPreprocess", () => {
  test("the tallest digit is scaled to 20 pixels, the ink's centre of mass goes to row 14", () => {
    // Two bars: 100 and 50 pixels tall, in a 400 × 200 drawing.
    const out = unwrap(
      stripPreprocess(
        drawing(400, 200, [
          [40, 50, 80, 150],
          [200, 100, 240, 150]
        ])
      )
    );
    expect(out.scale).toBeCloseTo(0.2, 12);
    expect(out.height).toBe(28);
    // 400 × 0.2 = 80 columns: 28 + 13 strides of 4.
    expect(out.width).toBe(80);
    expect(out.inkWidth).toBe(40);
    // Ink rows after scaling: 10…30 (bar 1) and 20…30 (bar 2), 8 and 8 wide: mass-weighted row centre
    // (160·20 + 80·25) / 240 = 21.67 - 0.5 (pixel centres) → shift round(14 - 21.17) = -7.
    expect(out.shift).toBe(-7);
    const at = (y: number, x: number) => out.pixels[y * out.width + x];
    expect([at(3, 8), at(22, 15), at(2, 8), at(23, 8)]).toEqual([1, 1, 0, 0]);
    expect([at(13, 40), at(22, 47), at(12, 40)]).toEqual([1, 1, 0]);
    expect(out.clipped).toBe(0);
  });

  test("real MNIST digits side by side, painted ten times larger, come back exactly", () => {
    const {test: t} = readMnist();
    const digits = [0, 1, 2, 3].map((i) => Float32Array.from(t.images.subarray(i * PIXELS, (i + 1) * PIXELS), (v) => v / 255));
    const row = digitRow(digits);
    const out = unwrap(stripPreprocess(enlarge(row, 10)));
    expect(out.scale).toBeCloseTo(0.1, 12);
    expect([out.width, out.shift, out.clipped]).toEqual([112, 0, 0]);
    let worst = 0;
    for (let i = 0; i < row.data.length; i++) worst = Math.max(worst, Math.abs(out.pixels[i] - row.data[i]));
    expect(worst).toBeLessThan(1e-6);
  });

  test("an empty drawing and a single digit get messages", () => {
    expect(stripPreprocess(drawing(100, 50, []))).toEqual({ok: false, message: EMPTY_STRIP_MESSAGE});
    const one = stripPreprocess(drawing(400, 100, [[100, 10, 140, 90]]));
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.message).toMatch(/^Too narrow for a row of digits: .* the ink is 10 pixels wide/);
  });

  test("a drawing narrower than one window, and malformed input, get messages", () => {
    const narrow = stripPreprocess(drawing(60, 100, [[0, 0, 60, 100]]));
    expect(narrow.ok).toBe(false);
    expect(stripPreprocess({width: 3, height: 2, data: new Float32Array(5)})).toEqual({
      ok: false,
      message: "A 3×2 drawing needs 6 values, got 5."
    });
  });
});
