// The shipped MNIST CNN made fully convolutional, against the CNN itself: on a 28×28 test digit
// the one output cell is the CNN's prediction; on a strip of three test digits side by side the
// cell at column j is the CNN's prediction on the crop starting at x = 4j (cut here with
// tf.slice, an independent reference). Models of other shapes are refused with a message.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {PIXELS, readMnist} from "../../../src/data/lib/datasets/datasets.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {toUnitFloats} from "../../../src/lib/formats/dataset-files.js";
import {loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {
  classMap,
  type FullyConvolutional,
  fullyConvolutional,
  multiplyAdds,
  windowCount
} from "../../../src/lib/models/fully-convolutional.js";
import {disposeModel} from "../../../src/lib/training/dispose-model.js";

const ROOT = join(import.meta.dirname, "../../..");
const SHIPPED = join(ROOT, "models/mnist-models/cnn");

let cnn: LayersModel;
let fcn: FullyConvolutional;
let images: Float32Array[];
beforeAll(async () => {
  await useBackend("wasm");
  cnn = await loadLayersModelFromFiles(tf, readFileSync(join(SHIPPED, "model.json"), "utf8"), readFileSync(join(SHIPPED, "weights.bin")));
  fcn = fullyConvolutional(tf, cnn);
  const {test} = readMnist();
  // The first eight test images: real digits the CNN never trained on.
  images = Array.from({length: 8}, (_, i) => toUnitFloats(test.images.subarray(i * PIXELS, (i + 1) * PIXELS)));
}, 120_000);
afterAll(() => {
  fcn?.model.dispose();
  if (cnn) disposeModel(cnn);
});

const predict = (model: LayersModel, x: Tensor) => tf.tidy(() => (model.predict(x) as Tensor).arraySync() as number[][]);

describe("the shipped MNIST CNN, fully convolutional", () => {
  test("the dense layers became convolutions: 4×4 over 32 maps, then 1×1; window 28, stride 4", () => {
    expect(fcn.model.layers.map((l) => [l.getClassName(), l.outputShape])).toEqual([
      ["Conv2D", [null, null, null, 16]],
      ["MaxPooling2D", [null, null, null, 16]],
      ["Conv2D", [null, null, null, 32]],
      ["MaxPooling2D", [null, null, null, 32]],
      ["Conv2D", [null, null, null, 128]],
      ["Conv2D", [null, null, null, 10]]
    ]);
    expect(fcn.model.layers[4].getWeights()[0].shape).toEqual([4, 4, 32, 128]);
    expect(fcn.model.layers[5].getWeights()[0].shape).toEqual([1, 1, 128, 10]);
    expect([fcn.window, fcn.stride, fcn.channels, fcn.classes]).toEqual([[28, 28], [4, 4], 1, 10]);
    // Same number of parameters: nothing added, nothing lost but the dropout (which has none).
    expect(fcn.model.countParams()).toBe(cnn.countParams());
  });

  test("on a single 28×28 digit the one output cell is the CNN's prediction, within 1e-5", () => {
    const before = tf.memory().numTensors;
    const batch = tf.tensor4d(Float32Array.from(images.flatMap((im) => Array.from(im))), [images.length, 28, 28, 1]);
    const expected = predict(cnn, batch);
    batch.dispose();
    for (const [i, image] of images.entries()) {
      const map = classMap(tf, fcn, image, 28, 28);
      expect([map.rows, map.columns, map.classes]).toEqual([1, 1, 10]);
      Array.from(map.data).forEach((p, c) => expect(Math.abs(p - expected[i][c]), `image ${i}, class ${c}`).toBeLessThan(1e-5));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  test("on a strip of three test digits (28×84), column j is the CNN on the crop at x = 4j, for every j", () => {
    const before = tf.memory().numTensors;
    const parts = images.slice(0, 3);
    const strip = new Float32Array(28 * 84);
    for (let y = 0; y < 28; y++) for (const [k, im] of parts.entries()) strip.set(im.subarray(y * 28, (y + 1) * 28), y * 84 + 28 * k);
    const map = classMap(tf, fcn, strip, 28, 84);
    expect([map.rows, map.columns, map.classes]).toEqual([1, windowCount(84, 28, 4), 10]);
    expect(map.columns).toBe(15);
    // The reference: every crop cut from the strip tensor and run through the original CNN.
    const expected = tf.tidy(() => {
      const whole = tf.tensor4d(strip, [1, 28, 84, 1]);
      const crops = tf.concat(Array.from({length: map.columns}, (_, j) => tf.slice(whole, [0, 0, 4 * j, 0], [1, 28, 28, 1])));
      return (cnn.predict(crops) as Tensor).arraySync() as number[][];
    });
    let worst = 0;
    for (let j = 0; j < map.columns; j++)
      for (let c = 0; c < 10; c++) worst = Math.max(worst, Math.abs(map.data[j * 10 + c] - expected[j][c]));
    expect(worst).toBeLessThan(1e-5);
    // Windows 0, 7 and 14 are the three digits exactly: the CNN's answers there are their labels.
    const labels = readMnist().test.labels;
    const best = (j: number) => expected[j].indexOf(Math.max(...expected[j]));
    expect([best(0), best(7), best(14)]).toEqual([labels[0], labels[1], labels[2]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test("windowCount: windows of 28 at a stride of 4", () => {
    expect([27, 28, 31, 32, 84, 85].map((w) => windowCount(w, 28, 4))).toEqual([0, 1, 1, 2, 15, 15]);
  });

  test("multiply-adds, worked by hand: one 28×28 window, and a 28×84 strip against its 15 windows one by one", () => {
    // conv1 24·24 outputs × 5·5·1·16, conv2 8·8 × 5·5·16·32, dense1 512·128, dense2 128·10.
    const one = 24 * 24 * 400 + 8 * 8 * 12800 + 512 * 128 + 128 * 10;
    expect(multiplyAdds(fcn, 28, 28)).toBe(one);
    // The strip: conv1 24·80, conv2 8·36, then 15 windows of the dense layers.
    expect(multiplyAdds(fcn, 28, 84)).toBe(24 * 80 * 400 + 8 * 36 * 12800 + 15 * (512 * 128 + 128 * 10));
    expect(multiplyAdds(fcn, 28, 84)).toBeLessThan(15 * one);
    expect(multiplyAdds(fcn, 28, 20)).toBe(0);
  });

  test("a strip smaller than one window is refused with a message", () => {
    expect(() => classMap(tf, fcn, new Float32Array(28 * 20), 28, 20)).toThrow(/smaller than one 28×28 window/);
  });
});

describe("models of other shapes are refused, leaving no tensors", () => {
  const refused = (build: () => LayersModel, message: RegExp) => {
    const model = build();
    const before = tf.memory().numTensors;
    expect(() => fullyConvolutional(tf, model)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  };
  const conv = (config: object = {}) => tf.layers.conv2d({filters: 2, kernelSize: 3, kernelInitializer: "zeros", ...config});

  test("'same' padding", () =>
    refused(
      () => tf.sequential({layers: [conv({inputShape: [8, 8, 1], padding: "same"}), tf.layers.flatten(), tf.layers.dense({units: 3})]}),
      /pads its input \('same'\)/
    ));
  test("a strided convolution", () =>
    refused(
      () => tf.sequential({layers: [conv({inputShape: [8, 8, 1], strides: 2}), tf.layers.flatten(), tf.layers.dense({units: 3})]}),
      /stride or dilation/
    ));
  test("no Flatten (a dense-only network)", () =>
    refused(() => tf.sequential({layers: [tf.layers.dense({inputShape: [784], units: 10})]}), /one image input|Flatten/));
  test("a layer it does not know before the Flatten", () =>
    refused(
      () =>
        tf.sequential({
          layers: [conv({inputShape: [8, 8, 1]}), tf.layers.batchNormalization(), tf.layers.flatten(), tf.layers.dense({units: 3})]
        }),
      /only Conv2D and pooling layers/
    ));
  test("an MLP on images (Flatten first)", () =>
    refused(
      () => tf.sequential({layers: [tf.layers.flatten({inputShape: [8, 8, 1]}), tf.layers.dense({units: 3})]}),
      /at least one convolution/
    ));
});
