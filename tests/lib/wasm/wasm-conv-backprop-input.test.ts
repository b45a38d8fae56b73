import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {
  isWasmConvBackpropInputRegistered,
  registerWasmConvBackpropInput,
  unregisterWasmConvBackpropInput,
  type Conv2DBackpropInputAttrs
} from "../../../src/lib/wasm/wasm-conv-backprop-input.js";

type Shape4 = [number, number, number, number];

function randomValues(size: number, random: () => number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = random() * 2 - 1;
  return values;
}

/** As in the filter test: 1e-4, or 1e-5 of the largest |dx| (float32 accumulation). */
function check(actual: ArrayLike<number>, expected: ArrayLike<number>, message: string): void {
  expect(actual.length, message).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  expect(diff, message).toBeLessThan(Math.max(1e-4, 1e-5 * scale));
}

async function backpropInput(
  backend: "cpu" | "wasm",
  dyShape: number[],
  dy: Float32Array,
  filterShape: Shape4,
  filter: Float32Array,
  attrs: Conv2DBackpropInputAttrs
): Promise<{values: Float32Array; shape: number[]}> {
  await useBackend(backend);
  const dyT = tf.tensor(dy, dyShape);
  const filterT = tf.tensor4d(filter, filterShape);
  const dx = tf.engine().runKernel("Conv2DBackpropInput", {dy: dyT, filter: filterT}, {...attrs}) as tf.Tensor;
  const values = (await dx.data()) as Float32Array;
  const shape = dx.shape;
  tf.dispose([dyT, filterT, dx]);
  return {values, shape};
}

interface Case {
  filterShape: Shape4;
  attrs: Conv2DBackpropInputAttrs;
}

function randomCases(count: number, seed: number): Case[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const cases: Case[] = [];
  while (cases.length < count) {
    const filterShape: Shape4 = [pick([1, 2, 3, 5]), pick([1, 2, 3, 4]), pick([1, 2, 3, 8]), pick([1, 3, 4, 7])];
    const s = pick([1, 2, 3]);
    const strides: [number, number] = random() < 0.75 ? [s, s] : [s, pick([1, 2, 3])];
    const inputShape: Shape4 = [
      pick([1, 2, 3, 5]),
      filterShape[0] + Math.floor(random() * 10),
      filterShape[1] + Math.floor(random() * 10),
      filterShape[2]
    ];
    const kind = pick(["same", "valid", "number", "explicit"] as const);
    let pad: Conv2DBackpropInputAttrs["pad"] = kind === "same" || kind === "valid" ? kind : pick([0, 1, 2]);
    let dimRoundingMode: Conv2DBackpropInputAttrs["dimRoundingMode"];
    if (kind === "number") dimRoundingMode = pick([undefined, "floor", "ceil"] as const);
    if (kind === "explicit")
      pad = [
        [0, 0],
        [pick([0, 1, 2]), pick([0, 1, 3])],
        [pick([0, 1, 2]), pick([0, 2])],
        [0, 0]
      ];
    const attrs: Conv2DBackpropInputAttrs = {strides, pad, dataFormat: "NHWC", inputShape};
    if (dimRoundingMode) attrs.dimRoundingMode = dimRoundingMode;
    const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode);
    if (info.outHeight < 1 || info.outWidth < 1) continue;
    cases.push({filterShape, attrs});
  }
  return cases;
}

function dyShapeOf({filterShape, attrs}: Case): number[] {
  return tf.backend_util.computeConv2DInfo(attrs.inputShape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode).outShape;
}

beforeAll(async () => {
  await useBackend("wasm");
  registerWasmConvBackpropInput(tf);
});
afterAll(() => {
  unregisterWasmConvBackpropInput(tf);
});

describe("registerWasmConvBackpropInput (opt-in)", () => {
  it("is idempotent and can be undone", () => {
    expect(isWasmConvBackpropInputRegistered(tf)).toBe(true);
    expect(registerWasmConvBackpropInput(tf)).toBe(false);
    expect(unregisterWasmConvBackpropInput(tf)).toBe(true);
    expect(isWasmConvBackpropInputRegistered(tf)).toBe(false);
    expect(tf.getKernel("Conv2DBackpropInput", "wasm")).toBeDefined(); // the original is back
    expect(unregisterWasmConvBackpropInput(tf)).toBe(false);
    expect(registerWasmConvBackpropInput(tf)).toBe(true);
    expect(isWasmConvBackpropInputRegistered(tf)).toBe(true);
  });
});

describe("wasm Conv2DBackpropInput (conv formulation) matches the cpu backend", () => {
  it("on hand-picked and 150 seeded random NHWC cases", async () => {
    const cases: Case[] = [
      {filterShape: [5, 5, 8, 16], attrs: {strides: 1, pad: "valid", dataFormat: "NHWC", inputShape: [4, 12, 12, 8]}},
      {filterShape: [3, 3, 32, 64], attrs: {strides: 1, pad: "valid", dataFormat: "NHWC", inputShape: [3, 13, 13, 32]}},
      {filterShape: [3, 3, 4, 6], attrs: {strides: 2, pad: "same", dataFormat: "NHWC", inputShape: [2, 9, 10, 4]}},
      ...randomCases(150, 17)
    ];
    expect(cases.some((c) => JSON.stringify(c.attrs.strides) === "[3,3]")).toBe(true);
    expect(cases.some((c) => typeof c.attrs.pad === "object")).toBe(true);
    for (const [i, c] of cases.entries()) {
      const random = seededRandom(500 + i);
      const dyShape = dyShapeOf(c);
      const dy = randomValues(tf.util.sizeFromShape(dyShape), random);
      const filter = randomValues(tf.util.sizeFromShape(c.filterShape), random);
      const cpu = await backpropInput("cpu", dyShape, dy, c.filterShape, filter, c.attrs);
      const wasm = await backpropInput("wasm", dyShape, dy, c.filterShape, filter, c.attrs);
      expect(wasm.shape).toEqual(c.attrs.inputShape);
      check(wasm.values, cpu.values, JSON.stringify(c));
    }
  });

  it("falls back to the original kernel where the formulation does not apply", async () => {
    // Explicit padding larger than the filter: top pad 3 with a 2×2 filter.
    const c: Case = {
      filterShape: [2, 2, 2, 3],
      attrs: {
        strides: 1,
        pad: [
          [0, 0],
          [3, 0],
          [0, 0],
          [0, 0]
        ],
        dataFormat: "NHWC",
        inputShape: [1, 6, 5, 2]
      }
    };
    const random = seededRandom(77);
    const dyShape = dyShapeOf(c);
    const dy = randomValues(tf.util.sizeFromShape(dyShape), random);
    const filter = randomValues(tf.util.sizeFromShape(c.filterShape), random);
    const cpu = await backpropInput("cpu", dyShape, dy, c.filterShape, filter, c.attrs);
    const wasm = await backpropInput("wasm", dyShape, dy, c.filterShape, filter, c.attrs);
    check(wasm.values, cpu.values, JSON.stringify(c));
  });

  it("gives the same input gradient as cpu through tf.grad and conv2dTranspose", async () => {
    const random = seededRandom(8);
    const x = randomValues(2 * 11 * 11 * 3, random);
    const filter = randomValues(3 * 3 * 3 * 5, random);
    const results: Float32Array[][] = [];
    for (const backend of ["cpu", "wasm"] as const) {
      await useBackend(backend);
      const [gradient, transposed] = tf.tidy(() => {
        const f = tf.tensor4d(filter, [3, 3, 3, 5]);
        const xT = tf.tensor4d(x, [2, 11, 11, 3]);
        const g = tf.grad((v: tf.Tensor) =>
          tf
            .conv2d(v as tf.Tensor4D, f, 2, "same")
            .square()
            .sum()
        )(xT);
        const t = tf.conv2dTranspose(tf.conv2d(xT, f, 1, "valid"), f, [2, 11, 11, 3], 1, "valid");
        return [g, t];
      });
      results.push([(await gradient.data()) as Float32Array, (await transposed.data()) as Float32Array]);
      tf.dispose([gradient, transposed]);
    }
    check(results[1][0], results[0][0], "grad");
    check(results[1][1], results[0][1], "conv2dTranspose");
  });

  it("leaks no tensors or backend data ids", async () => {
    await useBackend("wasm");
    const random = seededRandom(6);
    for (const c of randomCases(8, 99)) {
      const dy = tf.tensor(randomValues(tf.util.sizeFromShape(dyShapeOf(c)), random), dyShapeOf(c));
      const filter = tf.tensor4d(randomValues(tf.util.sizeFromShape(c.filterShape), random), c.filterShape);
      const before = {...tf.memory(), dataIds: tf.engine().backend.numDataIds()};
      const dx = tf.engine().runKernel("Conv2DBackpropInput", {dy, filter}, {...c.attrs}) as tf.Tensor;
      expect(tf.engine().backend.numDataIds()).toBe(before.dataIds + 1);
      dx.dispose();
      expect(tf.memory().numTensors).toBe(before.numTensors);
      expect(tf.memory().numBytes).toBe(before.numBytes);
      expect(tf.engine().backend.numDataIds()).toBe(before.dataIds);
      tf.dispose([dy, filter]);
    }
  });
});
