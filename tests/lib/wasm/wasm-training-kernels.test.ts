// The wasm BatchMatMul (transposes made explicit) and MaxPoolGrad replacements against tfjs's
// pure-JavaScript cpu kernels, on seeded random cases, including ties in pooling windows.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {registerWasmConvBackpropFilter} from "../../../src/lib/wasm/wasm-conv-backprop-filter.js";
import {registerWasmTrainingKernels, unregisterWasmTrainingKernels} from "../../../src/lib/wasm/wasm-training-kernels.js";
import {maxAbsDiff, pick, randomArray, randomInt} from "../../helpers/tensor-helpers.js";

async function onBackend(
  backend: "cpu" | "wasm",
  kernel: string,
  inputs: Record<string, {values: Float32Array; shape: number[]}>,
  attrs: Record<string, unknown>
) {
  await useBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([name, {values, shape}]) => [name, tf.tensor(values, shape)]));
  const out = tf.engine().runKernel(kernel, tensors, attrs as Parameters<ReturnType<typeof tf.engine>["runKernel"]>[2]) as tf.Tensor;
  const result = {values: (await out.data()) as Float32Array, shape: out.shape};
  tf.dispose([...Object.values(tensors), out]);
  return result;
}

describe("wasm training kernels", () => {
  beforeAll(async () => {
    await useBackend("wasm");
    registerWasmConvBackpropFilter(tf);
    registerWasmTrainingKernels(tf);
  });
  afterAll(async () => {
    unregisterWasmTrainingKernels(tf);
    await useBackend("wasm");
  });

  it("registers once, and unregisters back to wasm's own kernels", () => {
    expect(registerWasmTrainingKernels(tf)).toBe(false);
    const ours = tf.getKernel("BatchMatMul", "wasm")!.kernelFunc;
    expect(unregisterWasmTrainingKernels(tf)).toBe(true);
    expect(tf.getKernel("BatchMatMul", "wasm")!.kernelFunc).not.toBe(ours);
    expect(unregisterWasmTrainingKernels(tf)).toBe(false);
    expect(registerWasmTrainingKernels(tf)).toBe(true);
  });

  it("BatchMatMul matches cpu for every transpose combination, rank 2 and batched", async () => {
    const random = seededRandom(11);
    for (let c = 0; c < 40; c++) {
      const [m, k, n] = [randomInt(random, 1, 9), randomInt(random, 1, 9), randomInt(random, 1, 9)];
      const batch = pick(random, [[], [1], [3], [2, 2]]);
      const transposeA = random() < 0.5;
      const transposeB = random() < 0.5;
      const aShape = [...batch, ...(transposeA ? [k, m] : [m, k])];
      const bShape = [...batch, ...(transposeB ? [n, k] : [k, n])];
      const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
      const inputs = {
        a: {values: randomArray(random, size(aShape)), shape: aShape},
        b: {values: randomArray(random, size(bShape)), shape: bShape}
      };
      const attrs = {transposeA, transposeB};
      const expected = await onBackend("cpu", "BatchMatMul", inputs, attrs);
      const actual = await onBackend("wasm", "BatchMatMul", inputs, attrs);
      const label = `a [${aShape}] b [${bShape}] ${JSON.stringify(attrs)}`;
      expect(actual.shape, label).toEqual(expected.shape);
      expect(maxAbsDiff(actual.values, expected.values), label).toBeLessThan(1e-5);
    }
  });

  it("MaxPoolGrad matches cpu for sizes, strides and paddings, ties included", async () => {
    const random = seededRandom(12);
    for (let c = 0; c < 40; c++) {
      // Every fourth case is the usual 2×2, stride 2, unpadded pooling (the kernel's fast path).
      const usual = c % 4 === 1;
      const filterSize = usual ? 2 : pick<number | [number, number]>(random, [1, 2, 3, [2, 3]]);
      const strides = usual ? 2 : pick(random, [1, 2, 3] as const);
      const pad = usual ? "valid" : pick(random, ["valid", "same", 0, 1] as const);
      const shape = [randomInt(random, 1, 3), randomInt(random, 3, 9), randomInt(random, 3, 9), randomInt(random, 1, 4)];
      const count = shape.reduce((a, b) => a * b, 1);
      // Half the cases draw from three values, so most windows hold ties (as ReLU's zeros do).
      const tied = c % 2 === 0;
      const values = tied ? Float32Array.from({length: count}, () => Math.floor(random() * 3)) : randomArray(random, count);
      await useBackend("cpu");
      const y = tf.maxPool(tf.tensor4d(values, shape as [number, number, number, number]), filterSize, strides, pad);
      const dyShape = y.shape;
      y.dispose();
      const dy = randomArray(
        random,
        dyShape.reduce((a, b) => a * b, 1)
      );
      const inputs = {dy: {values: dy, shape: dyShape}, input: {values, shape}};
      const attrs = {filterSize, strides, pad};
      const expected = await onBackend("cpu", "MaxPoolGrad", inputs, attrs);
      const actual = await onBackend("wasm", "MaxPoolGrad", inputs, attrs);
      const label = `x [${shape}] ${JSON.stringify(attrs)}${tied ? " with ties" : ""}`;
      expect(actual.shape, label).toEqual(expected.shape);
      expect(maxAbsDiff(actual.values, expected.values), label).toBeLessThan(1e-6);
    }
  });

  it("Sum over leading axes matches cpu (other sums fall through); Identity shares data and survives disposal of its input", async () => {
    const random = seededRandom(14);
    const cases: [number[], number | number[], boolean][] = [
      [[4, 5, 6, 3], [0, 1, 2], false],
      [[4, 5, 6, 3], [0, 1, 2], true],
      [[7, 3], 0, false],
      [[2, 3, 4], [0, 1], true],
      [[2, 3, 4], -1, false],
      [[2, 3, 4], [1, 2], false],
      [[5], 0, false]
    ];
    for (const [shape, axis, keepDims] of cases) {
      const inputs = {
        x: {
          values: randomArray(
            random,
            shape.reduce((a, b) => a * b, 1)
          ),
          shape
        }
      };
      const expected = await onBackend("cpu", "Sum", inputs, {axis, keepDims});
      const actual = await onBackend("wasm", "Sum", inputs, {axis, keepDims});
      const label = `[${shape}] axis ${JSON.stringify(axis)} keepDims ${keepDims}`;
      expect(actual.shape, label).toEqual(expected.shape);
      expect(maxAbsDiff(actual.values, expected.values), label).toBeLessThan(1e-5);
    }
    await useBackend("wasm");
    const before = tf.memory().numTensors;
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    a.dispose();
    expect(Array.from(await b.data())).toEqual([1, 2, 3]);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a CNN's training step gives the same weights with and without them", async () => {
    const random = seededRandom(13);
    const images = randomArray(random, 8 * 12 * 12).map((v) => Math.max(0, v));
    const labels = Int32Array.from({length: 8}, () => Math.floor(random() * 4));
    const step = async () => {
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [12, 12, 1],
            filters: 3,
            kernelSize: 3,
            activation: "relu",
            kernelInitializer: tf.initializers.glorotUniform({seed: 1})
          }),
          tf.layers.maxPooling2d({poolSize: 2}),
          tf.layers.flatten(),
          tf.layers.dense({units: 4, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({seed: 2})})
        ]
      });
      model.compile({optimizer: tf.train.sgd(0.5), loss: "categoricalCrossentropy"});
      const xs = tf.tensor4d(images, [8, 12, 12, 1]);
      const ys = tf.oneHot(tf.tensor1d(labels, "int32"), 4);
      for (let i = 0; i < 3; i++) await model.trainOnBatch(xs, ys);
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      tf.dispose([xs, ys]);
      model.optimizer.dispose();
      model.dispose();
      return weights.flat();
    };
    await useBackend("wasm");
    const withOurs = await step();
    unregisterWasmTrainingKernels(tf);
    const without = await step();
    registerWasmTrainingKernels(tf);
    expect(maxAbsDiff(withOurs, without)).toBeLessThan(1e-5);
  });
});
