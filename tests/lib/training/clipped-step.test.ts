// The clipped training step against tfjs's own trainOnBatch (no clipping when the norm is
// large), the clipped update against the gradient measured by tf.grads and scaled by hand, and
// the refusals.
import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {clipGlobalNorm, clippedStep} from "../../../src/lib/training/clipped-step.js";

function twoModels(loss: "categoricalCrossentropy" | "binaryCrossentropy") {
  const make = () => {
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        units: loss === "binaryCrossentropy" ? 1 : 3,
        inputShape: [4],
        activation: loss === "binaryCrossentropy" ? "sigmoid" : "softmax",
        kernelInitializer: tf.initializers.glorotUniform({seed: 3})
      })
    );
    model.compile({optimizer: tf.train.sgd(0.5), loss, metrics: ["accuracy"]});
    return model;
  };
  return [make(), make()];
}

const xs = tf.tensor2d([
  [1, 0, 2, -1],
  [0, 1, -1, 3],
  [2, 2, 0, 0],
  [-1, 0, 1, 1]
]);

describe("clippedStep", () => {
  for (const loss of ["categoricalCrossentropy", "binaryCrossentropy"] as const) {
    it(`with a norm it never reaches, is trainOnBatch's step: same loss, accuracy and weights (${loss})`, async () => {
      const ys = loss === "binaryCrossentropy" ? tf.tensor2d([[1], [0], [1], [0]]) : tf.oneHot(tf.tensor1d([0, 2, 1, 2], "int32"), 3);
      const [a, b] = twoModels(loss);
      const theirs = (await a.trainOnBatch(xs, ys)) as number[];
      const ours = await clippedStep(tf, b, xs, ys, 1e9);
      expect(ours[0]).toBeCloseTo(theirs[0], 5);
      expect(ours[1]).toBeCloseTo(theirs[1], 6);
      const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
      const wb = b.getWeights().map((w) => Array.from(w.dataSync()));
      wa.forEach((w, i) => w.forEach((v, j) => expect(wb[i][j]).toBeCloseTo(v, 5)));
    });
  }

  it("scales the gradient down to the norm it is given (SGD: Δw = −rate · g · clip/‖g‖)", async () => {
    const ys = tf.oneHot(tf.tensor1d([0, 2, 1, 2], "int32"), 3);
    const [model] = twoModels("categoricalCrossentropy");
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const [kernel, bias] = model.getWeights();
    const grads = tf.grads((k: tf.Tensor, b: tf.Tensor) =>
      tf.mean(tf.metrics.categoricalCrossentropy(ys, tf.softmax(tf.add(tf.matMul(xs, k), b))))
    )([kernel, bias]);
    const g = grads.map((t) => Array.from(t.dataSync()));
    const norm = Math.sqrt(g.flat().reduce((s, v) => s + v * v, 0));
    const clip = norm / 4;
    await clippedStep(tf, model, xs, ys, clip);
    const after = model.getWeights().map((w) => Array.from(w.dataSync()));
    after.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(before[i][j] - 0.5 * g[i][j] * (clip / norm), 5)));
  });

  it("clipGlobalNorm leaves a small gradient alone and keeps no tensors", () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const {norm, clipped} = clipGlobalNorm(tf, {a: tf.tensor1d([3]), b: tf.tensor1d([4])}, 10);
      return [norm.dataSync()[0], ...clipped.a.dataSync(), ...clipped.b.dataSync()];
    });
    expect(out).toEqual([5, 3, 4]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses a norm of zero and a loss it does not know", async () => {
    const [model] = twoModels("categoricalCrossentropy");
    const ys = tf.oneHot(tf.tensor1d([0, 2, 1, 2], "int32"), 3);
    await expect(clippedStep(tf, model, xs, ys, 0)).rejects.toThrow(/clipNorm must be above 0/);
    model.compile({optimizer: tf.train.sgd(0.1), loss: "meanSquaredError"});
    await expect(clippedStep(tf, model, xs, ys, 1)).rejects.toThrow(/categoricalCrossentropy or binaryCrossentropy/);
  });
});
