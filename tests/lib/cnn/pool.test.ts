// pool.ts against tf.maxPool / tf.avgPool (cpu backend) on seeded random inputs, the lecture's
// 4×4 example, depth-wise pooling, and bad input that must come back as a message.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {gridFromRows, gridToRows, channelOf, type Image} from "../../../src/lib/cnn/conv.js";
import {avgPool, depthPool, maxPool, pool2d, poolWindow, sizeReduction, validatePool, type PoolType} from "../../../src/lib/cnn/pool.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {maxAbsDiff, message, pick, randomImage, randomInt, value} from "../../helpers/tensor-helpers.js";

const TOLERANCE = 1e-5;

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

const x4 = (img: Image) => tf.tensor4d(img.data, [1, ...img.shape] as [number, number, number, number]);

function viaTf(op: () => tf.Tensor): {shape: number[]; data: Float32Array} {
  const before = tf.memory().numTensors;
  const t = tf.tidy(op);
  const result = {shape: t.shape.slice(1), data: t.dataSync() as Float32Array};
  t.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

describe("pool2d matches tfjs", () => {
  for (const type of ["max", "avg"] as PoolType[]) {
    it(`${type} pooling over random shapes, sizes, strides 1–3, 'valid' and 'same'`, () => {
      const random = seededRandom(type === "max" ? 31 : 32);
      let worst = 0;
      let checked = 0;
      let partialWindows = 0;
      for (let i = 0; i < 300; i++) {
        const h = randomInt(random, 1, 9);
        const w = randomInt(random, 1, 9);
        const size: [number, number] = [randomInt(random, 1, 4), randomInt(random, 1, 4)];
        const stride: [number, number] = [randomInt(random, 1, 3), randomInt(random, 1, 3)];
        const padding = pick(random, ["valid", "same"] as const);
        if (!validatePool({shape: [h, w], data: new Float32Array(h * w)}, {size, stride, padding}).ok) continue;
        const input = randomImage(random, h, w, randomInt(random, 1, 4));
        const ours = value(pool2d(input, type, {size, stride, padding}));
        const theirs = viaTf(() =>
          type === "max" ? tf.maxPool(x4(input), size, stride, padding) : tf.avgPool(x4(input), size, stride, padding)
        );
        expect([...ours.shape]).toEqual(theirs.shape);
        worst = Math.max(worst, maxAbsDiff(ours.data, theirs.data));
        checked++;
        const plan = value(validatePool(input, {size, stride, padding}));
        if (plan.rows.padBefore + plan.rows.padAfter + plan.cols.padBefore + plan.cols.padAfter > 0) partialWindows++;
      }
      expect(checked).toBeGreaterThan(150);
      expect(partialWindows).toBeGreaterThan(30); // 'same' windows hanging over the edge were exercised
      expect(worst).toBeLessThan(TOLERANCE);
    });
  }

  it("average pooling with 'same' divides by the in-bounds cells only", () => {
    const ones = gridFromRows([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1]
    ]);
    // Zero-padded averaging would give 4/9 in the corners; TensorFlow gives 1.
    expect(gridToRows(channelOf(value(avgPool(ones, {size: 3, stride: 1, padding: "same"})), 0))).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1]
    ]);
  });
});

describe("the lecture's examples", () => {
  const slice = gridFromRows([
    [1, 1, 2, 4],
    [5, 6, 7, 8],
    [3, 2, 1, 0],
    [1, 2, 3, 4]
  ]);

  it("max pool with 2×2 filters and stride 2 gives [[6, 8], [3, 4]]", () => {
    const out = value(maxPool(slice, {size: 2, stride: 2}));
    expect([...out.shape]).toEqual([2, 2, 1]);
    expect(gridToRows(channelOf(out, 0))).toEqual([
      [6, 8],
      [3, 4]
    ]);
    expect(gridToRows(channelOf(value(maxPool(slice, {size: 2})), 0))).toEqual([
      [6, 8],
      [3, 4]
    ]); // stride defaults to the size
  });

  it("a 2×2 window with stride 2 is a 75% drop", () => {
    const out = value(maxPool(slice, {size: 2}));
    const r = value(sizeReduction(slice.shape, out.shape));
    expect(r).toEqual({before: 16, after: 4, ratio: 0.25, drop: 0.75});
    expect(value(sizeReduction([28, 28, 6], [14, 14, 6])).drop).toBe(0.75);
    expect(value(sizeReduction(100, 50)).drop).toBe(0.5);
  });

  it("poolWindow shows which value survives", () => {
    const top = value(poolWindow(0, 0, slice, "max", {size: 2}));
    expect(top.cells.map((c) => c.value)).toEqual([1, 1, 5, 6]);
    expect(top.value).toBe(6);
    expect(top.cells[top.winner!]).toEqual({row: 1, col: 1, value: 6});
    const avg = value(poolWindow(1, 1, slice, "avg", {size: 2}));
    expect(avg.value).toBe(2);
    expect(avg.winner).toBeNull();
    // With 'same', an edge window keeps only its in-bounds cells.
    // 4 cells, window 2, stride 3: two outputs, one zero of padding on the bottom/right.
    const edge = value(poolWindow(1, 1, slice, "avg", {size: 2, stride: 3, padding: "same"}));
    expect(edge.cells).toEqual([{row: 3, col: 3, value: 4}]);
    expect(edge.value).toBe(4);
  });

  it("poolWindow agrees with pool2d everywhere", () => {
    const random = seededRandom(4);
    const input = randomImage(random, 7, 5, 3);
    for (const type of ["max", "avg"] as PoolType[]) {
      const options = {size: [3, 2] as const, stride: [2, 1] as const, padding: "same" as const};
      const out = value(pool2d(input, type, options));
      const [oh, ow, ch] = out.shape;
      for (let r = 0; r < oh; r++)
        for (let c = 0; c < ow; c++)
          for (let k = 0; k < ch; k++) {
            expect(value(poolWindow(r, c, input, type, {...options, channel: k})).value).toBe(out.data[(r * ow + c) * ch + k]);
          }
    }
  });
});

describe("depth-wise pooling", () => {
  it("pools k consecutive channels into one, like a max/mean over a reshaped last axis", () => {
    const random = seededRandom(9);
    for (let i = 0; i < 30; i++) {
      const k = randomInt(random, 1, 4);
      const groups = randomInt(random, 1, 4);
      const input = randomImage(random, randomInt(random, 1, 6), randomInt(random, 1, 6), k * groups);
      const [h, w] = input.shape;
      for (const type of ["max", "avg"] as PoolType[]) {
        const ours = value(depthPool(input, {size: k, type}));
        const theirs = tf.tidy(() => {
          const grouped = tf.tensor4d(input.data, [h, w, groups, k]);
          return (type === "max" ? tf.max(grouped, -1) : tf.mean(grouped, -1)).dataSync() as Float32Array;
        });
        expect([...ours.shape]).toEqual([h, w, groups]);
        expect(maxAbsDiff(ours.data, theirs)).toBeLessThan(TOLERANCE);
      }
    }
  });

  it("keeps height and width, reduces depth", () => {
    const rgbx: Image = {shape: [1, 2, 4], data: Float32Array.of(1, 9, 3, 4, 5, 6, 8, 7)};
    const out = value(depthPool(rgbx, {size: 2}));
    expect([...out.shape]).toEqual([1, 2, 2]);
    expect([...out.data]).toEqual([9, 4, 6, 8]);
  });
});

describe("bad input comes back as a message", () => {
  const random = seededRandom(1);
  const img = randomImage(random, 4, 4, 3);

  it("sizes, strides and padding", () => {
    for (const size of [0, -2, 1.5, NaN]) expect(message(maxPool(img, {size}))).toMatch(/Kernel height/);
    expect(message(maxPool(img, {size: [2, 0]}))).toMatch(/Kernel width must be at least 1/);
    expect(message(maxPool(img, {size: 2, stride: 0}))).toMatch(/Stride height must be at least 1/);
    expect(message(avgPool(img, {size: 2, stride: -1}))).toMatch(/Stride/);
    expect(message(avgPool(img, {size: 2, stride: 1.5}))).toMatch(/whole number/);
    expect(message(maxPool(img, {size: 5}))).toMatch(/larger than the input height 4/);
    expect(value(maxPool(img, {size: 5, padding: "same"})).shape).toEqual([1, 1, 3]);
    expect(message(maxPool(img, {size: 2, padding: 1 as unknown as "same"}))).toMatch(/"valid" or "same"/);
    expect(message(maxPool(img, undefined as unknown as {size: 2}))).toMatch(/pool size is missing/);
    expect(message(pool2d(img, "min" as PoolType, {size: 2}))).toMatch(/"max" or "avg"/);
  });

  it("inputs", () => {
    expect(message(maxPool({shape: [2, 2], data: Float32Array.of(1, NaN, 3, 4)}, {size: 2}))).toMatch(/row 1, column 2/);
    expect(message(maxPool({shape: [0, 2], data: new Float32Array(0)}, {size: 1}))).toMatch(/height must be at least 1/);
    expect(message(maxPool({shape: [2, -2], data: new Float32Array(0)}, {size: 1}))).toMatch(/width/);
    expect(message(poolWindow(2, 0, img, "max", {size: 2}))).toMatch(/Output row 2 is outside 0…1/);
    expect(message(poolWindow(0, 0, img, "max", {size: 2, channel: 3}))).toMatch(/Channel 3/);
  });

  it("depth-wise pooling and size reduction", () => {
    expect(message(depthPool(img, {size: 2}))).toMatch(/channel count \(3\) to be a multiple of the pool size \(2\)/);
    expect(message(depthPool(img, {size: 0}))).toMatch(/depth pool size/);
    expect(message(depthPool(img, {size: 3, type: "sum" as PoolType}))).toMatch(/"max" or "avg"/);
    expect(message(sizeReduction([4, -4], [2, 2]))).toMatch(/at least 1/);
    expect(message(sizeReduction([4, 4], [2.5, 2]))).toMatch(/whole number/);
    expect(message(sizeReduction([], [2, 2]))).toMatch(/empty/);
  });
});
