// Looking inside a CNN: every layer's output against tfjs's own predict, the saliency map against
// finite differences of the class score, Grad-CAM against the weights it must reduce to when the
// convolution feeds a dense layer directly, and the placing of a deep map back on the input.
import {beforeAll, describe, expect, test} from "vitest";
import type {LayersModel} from "@tensorflow/tfjs";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {buildCnn, type CnnDescription} from "../../../src/lib/models/cnn-description.js";
import {MNIST_CNN} from "../../../src/lib/models/zoo.js";
import {fieldSpecs, gradCam, lastConvLayer, probeCnn, saliencyMap} from "../../../src/lib/models/cnn-probe.js";
import {receptiveFieldGrowth} from "../../../src/lib/cnn/receptive-field.js";
import {mapToInput, overlayHeat, shareWhere, toUnit} from "../../../src/lib/cnn/saliency.js";
import {seededRandom} from "../../../src/lib/core/random.js";

const TINY: CnnDescription = {
  input: [10, 10, 1],
  layers: [
    {type: "conv", filters: 3, kernel: 3, activation: "relu"},
    {type: "pool", mode: "max", size: 2},
    {type: "conv", filters: 4, kernel: 2, activation: "relu"},
    {type: "flatten"},
    {type: "dense", units: 10, activation: "softmax"}
  ]
};

let model: LayersModel;
let image: Float32Array;
beforeAll(async () => {
  await useBackend("cpu");
  model = buildCnn(tf, TINY, {seed: 3});
  const random = seededRandom(7);
  image = Float32Array.from({length: 100}, () => random());
});

/** The logits by the probe, for finite differences. */
const logitsOf = (pixels: Float32Array) => probeCnn(tf, model, pixels).logits;

describe("probeCnn", () => {
  test("gives every layer's output, and the probabilities tfjs's predict gives", () => {
    const before = tf.memory().numTensors;
    const probe = probeCnn(tf, model, image);
    expect(probe.layers.map((l) => [l.name, l.shape])).toEqual([
      ["conv1", [8, 8, 3]],
      ["pool1", [4, 4, 3]],
      ["conv2", [3, 3, 4]],
      ["flatten1", [36]],
      ["dense1", [10]]
    ]);
    const predicted = tf.tidy(() => (model.predict(tf.tensor4d(image, [1, 10, 10, 1])) as import("@tensorflow/tfjs").Tensor).dataSync());
    probe.probabilities.forEach((p, i) => expect(p).toBeCloseTo(predicted[i], 6));
    expect(probe.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // The softmax of the logits is the probabilities: the logits are the real pre-softmax scores.
    const e = Array.from(probe.logits, Math.exp);
    e.forEach((v, i) => expect(v / e.reduce((a, b) => a + b, 0)).toBeCloseTo(probe.probabilities[i], 6));
    expect(tf.memory().numTensors).toBe(before);
  });

  test("a wrong-sized image is refused with a message", () => {
    expect(() => probeCnn(tf, model, new Float32Array(99))).toThrow(/10×10×1 = 100 values/);
  });
});

describe("saliency map", () => {
  test("equals |d logit / d pixel| by central finite differences", () => {
    const before = tf.memory().numTensors;
    const c = 4;
    const map = saliencyMap(tf, model, image, c);
    expect(map.shape).toEqual([10, 10]);
    expect(tf.memory().numTensors).toBe(before);
    const eps = 1e-3;
    // float32 arithmetic: compare the pixels whose gradient is not tiny.
    for (const k of [11, 23, 45, 55, 67, 78]) {
      const up = Float32Array.from(image);
      const down = Float32Array.from(image);
      up[k] += eps;
      down[k] -= eps;
      const fd = Math.abs((logitsOf(up)[c] - logitsOf(down)[c]) / (2 * eps));
      expect(map.data[k]).toBeCloseTo(fd, 2);
    }
    expect(Math.max(...map.data)).toBeGreaterThan(0);
  });

  test("an output that does not exist is refused", () => {
    expect(() => saliencyMap(tf, model, image, 10)).toThrow(/not one of the 10 outputs/);
  });
});

describe("Grad-CAM", () => {
  test("on a convolution that feeds the dense layer: channel weights are the dense weights averaged over positions", () => {
    const before = tf.memory().numTensors;
    const c = 2;
    const layer = lastConvLayer(model);
    expect(model.layers[layer].name).toBe("conv2");
    const cam = gradCam(tf, model, image, c);
    expect(tf.memory().numTensors).toBe(before);
    expect(cam.shape).toEqual([3, 3]);
    // Independent reference: logit_c = Σ A[i,j,k] · W[(i·3 + j)·4 + k, c] + b_c, so dlogit/dA is W's column.
    const W = model.layers[4].getWeights()[0].arraySync() as number[][];
    const A = probeCnn(tf, model, image).layers[2].data;
    const alpha = [0, 1, 2, 3].map((k) => [...Array(9).keys()].reduce((s, p) => s + W[p * 4 + k][c], 0) / 9);
    alpha.forEach((a, k) => expect(cam.weights[k]).toBeCloseTo(a, 6));
    for (let p = 0; p < 9; p++) {
      const expected = Math.max(
        0,
        alpha.reduce((s, a, k) => s + a * A[p * 4 + k], 0)
      );
      expect(cam.data[p]).toBeCloseTo(expected, 6);
    }
  });
});

describe("placing a deep map on the input", () => {
  test("the MNIST CNN's conv2 cells sit 2 pixels apart from (6.5, 6.5), each seeing 14×14 pixels", () => {
    const mnist = buildCnn(tf, MNIST_CNN, {seed: 1});
    const layer = lastConvLayer(mnist);
    const steps = receptiveFieldGrowth(28, fieldSpecs(mnist, layer));
    if (!steps.ok) throw new Error(steps.message);
    const last = steps.value[steps.value.length - 1];
    expect([last.size, last.start, last.jump, last.field]).toEqual([8, 6.5, 2, 14]);
    mnist.dispose();
  });

  test("cell values land on their centres, interpolated between and held beyond", () => {
    const map = {shape: [2, 2] as const, data: Float32Array.from([0, 1, 2, 3])};
    const out = mapToInput(map, {start: 1, jump: 2}, [5, 5]);
    // Centres at 1 and 3 on each axis.
    expect(out.data[1 * 5 + 1]).toBe(0);
    expect(out.data[1 * 5 + 3]).toBe(1);
    expect(out.data[3 * 5 + 1]).toBe(2);
    expect(out.data[3 * 5 + 3]).toBe(3);
    expect(out.data[2 * 5 + 2]).toBeCloseTo(1.5, 6); // the middle averages all four
    expect(out.data[0]).toBe(0); // held beyond the first centre
    expect(out.data[4 * 5 + 4]).toBe(3);
  });

  test("unit scaling, shares and the overlay", () => {
    expect(Array.from(toUnit([0, 2, 4, -1]))).toEqual([0, 0.5, 1, 0]);
    expect(Array.from(toUnit([0, 0]))).toEqual([0, 0]);
    expect(shareWhere([1, 3, 0, 4], (i) => i < 2)).toBe(0.5);
    const ink = {shape: [1, 2] as const, data: Float32Array.from([0, 1])};
    const cold = overlayHeat(ink, {shape: [1, 2], data: new Float32Array(2)}, () => [1, 0, 0]);
    expect(Array.from(cold.data)).toEqual([1, 1, 1, 0.25, 0.25, 0.25].map(Math.fround)); // paper white, ink dark grey
    const hot = overlayHeat(ink, {shape: [1, 2], data: Float32Array.from([1, 1])}, () => [1, 0, 0], {opacity: 1});
    expect(Array.from(hot.data)).toEqual([1, 0, 0, 1, 0, 0]);
  });
});
