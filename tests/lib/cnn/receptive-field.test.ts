// receptive-field.ts: field growth against a brute-force walk down the stack and against tfjs
// gradients (which input pixels can move one output neuron), plus the lecture's counts.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {planAxis} from "../../../src/lib/cnn/conv.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {
  convLayerCount,
  fieldPixels,
  fieldSpan,
  fullyConnectedCount,
  receptiveFieldGrowth,
  type LayerSpec
} from "../../../src/lib/cnn/receptive-field.js";
import {message, pick, randomInt, value, type Random} from "../../helpers/tensor-helpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

/** The input interval behind neuron `index` of the last layer, walking the windows back down. */
function bruteForceSpan(inputSize: number, layers: readonly LayerSpec[], index: number): [number, number] {
  const plans = [];
  let size = inputSize;
  for (const l of layers) {
    const stride = l.stride ?? (l.kind === "pool" ? l.kernel : 1);
    const plan = value(planAxis(size, l.kernel, stride, l.padding ?? "valid", l.dilation ?? 1));
    plans.push(plan);
    size = plan.output;
  }
  let [lo, hi] = [index, index];
  for (const p of plans.reverse()) {
    lo = lo * p.stride - p.padBefore;
    hi = hi * p.stride - p.padBefore + p.effectiveKernel - 1;
  }
  return [lo, hi];
}

function randomStack(random: Random, dilations: boolean): LayerSpec[] {
  return Array.from({length: randomInt(random, 1, 4)}, () => {
    const kind = pick(random, ["conv", "conv", "pool"] as const);
    const stride = randomInt(random, 1, 3);
    return {
      kind,
      kernel: randomInt(random, 1, 4),
      stride,
      padding: pick(random, ["valid", "same"] as const),
      dilation: dilations && kind === "conv" && stride === 1 ? randomInt(random, 1, 3) : 1
    };
  });
}

describe("receptive-field growth", () => {
  it("stacked 3×3 convolutions see 3, 5, 7 pixels", () => {
    const steps = value(
      receptiveFieldGrowth(
        32,
        Array.from({length: 3}, () => ({kernel: 3, padding: "same" as const}))
      )
    );
    expect(steps.map((s) => s.field)).toEqual([1, 3, 5, 7]);
    expect(steps.map((s) => s.size)).toEqual([32, 32, 32, 32]);
    expect(steps.map((s) => s.jump)).toEqual([1, 1, 1, 1]);
  });

  it("a LeNet-like stack: conv 5, pool 2, conv 5, pool 2 on 28 pixels", () => {
    const steps = value(
      receptiveFieldGrowth(28, [
        {name: "C1", kernel: 5},
        {name: "S2", kind: "pool", kernel: 2},
        {name: "C3", kernel: 5},
        {name: "S4", kind: "pool", kernel: 2}
      ])
    );
    expect(steps.map((s) => [s.size, s.field, s.jump, s.start])).toEqual([
      [28, 1, 1, 0],
      [24, 5, 1, 2],
      [12, 6, 2, 2.5],
      [8, 14, 2, 6.5],
      [4, 16, 4, 7.5]
    ]);
    expect(fieldSpan(steps[4], 0)).toEqual([0, 15]);
    expect(fieldSpan(steps[4], 3)).toEqual([12, 27]);
  });

  it("padding shifts the first centre: two 3×3 stride-2 convolutions with one zero of padding", () => {
    const steps = value(
      receptiveFieldGrowth(5, [
        {kernel: 3, stride: 2, padding: 1},
        {kernel: 3, stride: 2, padding: 1}
      ])
    );
    expect(steps.map((s) => [s.size, s.field, s.jump, s.start])).toEqual([
      [5, 1, 1, 0],
      [3, 3, 2, 0],
      [2, 7, 4, 0]
    ]);
    expect(fieldSpan(steps[2], 0)).toEqual([-3, 3]); // half of it lies in the padding
  });

  it("agrees with a brute-force walk down random stacks (dilations included)", () => {
    const random = seededRandom(21);
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const inputSize = randomInt(random, 1, 40);
      const layers = randomStack(random, true);
      const steps = receptiveFieldGrowth(inputSize, layers);
      if (!steps.ok) continue;
      const last = steps.value[steps.value.length - 1];
      for (let o = 0; o < last.size; o++) expect(fieldSpan(last, o)).toEqual(bruteForceSpan(inputSize, layers, o));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("matches the pixels whose gradient reaches an output neuron in tfjs", () => {
    const random = seededRandom(5);
    let checked = 0;
    let exact = 0;
    for (let i = 0; i < 60 && checked < 25; i++) {
      const n = randomInt(random, 6, 20);
      const layers = randomStack(random, false);
      const steps = receptiveFieldGrowth(n, layers);
      if (!steps.ok) continue;
      const last = steps.value[steps.value.length - 1];
      const o = randomInt(random, 0, last.size - 1);
      const before = tf.memory().numTensors;
      const {grad, shape} = tf.tidy(() => {
        // All-positive weights (ones and averages), so every in-field pixel has a positive gradient.
        const forward = (x: tf.Tensor4D) =>
          layers.reduce((h, l) => {
            const s = l.stride ?? (l.kind === "pool" ? l.kernel : 1);
            const p = l.padding as "valid" | "same";
            return l.kind === "pool" ? tf.avgPool(h, l.kernel, s, p) : tf.conv2d(h, tf.ones([l.kernel, l.kernel, 1, 1]), s, p);
          }, x);
        const x = tf.ones([1, n, n, 1]) as tf.Tensor4D; // the ops are linear: x does not change the gradient
        const g = tf.grad((x: tf.Tensor) =>
          forward(x as tf.Tensor4D)
            .slice([0, o, o, 0], [1, 1, 1, 1])
            .sum()
        )(x);
        return {grad: g.dataSync() as Float32Array, shape: forward(x).shape};
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(shape.slice(1, 3)).toEqual([last.size, last.size]);
      const hit = [...grad.keys()].filter((k) => grad[k] > 0);
      const rows = [...new Set(hit.map((k) => Math.floor(k / n)))].sort((a, b) => a - b);
      const cols = [...new Set(hit.map((k) => k % n))].sort((a, b) => a - b);
      expect(rows).toEqual(value(fieldPixels(n, layers, o)));
      expect(cols).toEqual(rows); // square input, square layers, neuron on the diagonal
      // The textbook span holds them all; it can be wider (padding, gaps, unused edge cells).
      const [lo, hi] = fieldSpan(last, o);
      expect(lo <= rows[0] && rows[rows.length - 1] <= hi).toBe(true);
      if (rows.length === Math.min(n - 1, hi) - Math.max(0, lo) + 1) exact++;
      checked++;
    }
    expect(checked).toBe(25);
    expect(exact).toBeGreaterThan(10); // most stacks fill their clipped span
  });

  it("fieldPixels leaves out padding and dilation gaps", () => {
    expect(value(fieldPixels(10, [{kernel: 3, dilation: 2}], 0))).toEqual([0, 2, 4]);
    expect(value(fieldPixels(4, [{kernel: 3, padding: "same"}], 0))).toEqual([0, 1]);
    expect(value(fieldPixels(28, [{kernel: 5}, {kind: "pool", kernel: 2}], 1))).toHaveLength(6);
    expect(message(fieldPixels(28, [{kernel: 5}], 24))).toMatch(/Neuron 24 is outside 0…23/);
  });
});

describe("connections and parameters", () => {
  it("a 100×100 image into 1,000 fully connected neurons: 10 million connections", () => {
    const fc = value(fullyConnectedCount({height: 100, width: 100, neurons: 1000}));
    expect(fc.connections).toBe(10_000_000);
    expect(fc.parameters).toBe(10_001_000);
    expect(value(fullyConnectedCount({height: 100, width: 100, neurons: 1000, bias: false})).parameters).toBe(10_000_000);
    expect(value(fullyConnectedCount({height: 100, width: 100, channels: 3, neurons: 1000})).connections).toBe(30_000_000);
  });

  it("a conv layer's parameters do not grow with the image; its connections do", () => {
    const one = value(convLayerCount({height: 100, width: 100, kernel: 3, filters: 1}));
    expect(one).toEqual({parameters: 10, connections: 90_000, neurons: 10_000, fanIn: 9, outputShape: [100, 100, 1]});
    // Géron's example: 200 5×5 filters on a 150×100 RGB image, stride 1, 'same'.
    const geron = value(convLayerCount({height: 150, width: 100, channels: 3, kernel: 5, filters: 200}));
    expect(geron.parameters).toBe(15_200);
    expect(geron.connections).toBe(225_000_000);
    const valid = value(convLayerCount({height: 28, width: 28, kernel: 5, filters: 6, padding: "valid"}));
    expect(valid.outputShape).toEqual([24, 24, 6]);
    expect(valid.parameters).toBe(156); // LeNet-5's C1
  });

  it("agrees with tfjs layers' parameter counts", () => {
    const convLayer = tf.layers.conv2d({filters: 16, kernelSize: 5});
    const denseLayer = tf.layers.dense({units: 10});
    const model = tf.sequential({layers: [tf.layers.inputLayer({inputShape: [32, 32, 3]}), convLayer, tf.layers.flatten(), denseLayer]});
    const [conv, dense] = [convLayer.countParams(), denseLayer.countParams()];
    model.dispose();
    expect(conv).toBe(value(convLayerCount({height: 32, width: 32, channels: 3, kernel: 5, filters: 16, padding: "valid"})).parameters);
    expect(dense).toBe(value(fullyConnectedCount({height: 28, width: 28, channels: 16, neurons: 10})).parameters);
  });
});

describe("bad input comes back as a message", () => {
  it("growth", () => {
    expect(message(receptiveFieldGrowth(0, []))).toMatch(/Input size must be at least 1/);
    expect(message(receptiveFieldGrowth(-5, []))).toMatch(/Input size/);
    expect(message(receptiveFieldGrowth(4.5, []))).toMatch(/whole number/);
    expect(message(receptiveFieldGrowth(8, [{kernel: 3}, {name: "conv2", kernel: 0}]))).toMatch(/Layer 2 \(conv2\): Kernel/);
    expect(message(receptiveFieldGrowth(8, [{kernel: 3, stride: 0}]))).toMatch(/Layer 1: Stride/);
    expect(message(receptiveFieldGrowth(5, [{kernel: 3}, {kernel: 3}, {kernel: 3}]))).toMatch(
      /Layer 3: The kernel 3 is larger than the input 1/
    );
    expect(message(receptiveFieldGrowth(8, [{kernel: 3, padding: -1}]))).toMatch(/Padding cannot be negative/);
  });

  it("counts", () => {
    expect(message(fullyConnectedCount({height: 100, width: 100, neurons: 0}))).toMatch(/Neurons/);
    expect(message(fullyConnectedCount({height: -1, width: 100, neurons: 5}))).toMatch(/Image height/);
    expect(message(fullyConnectedCount({height: 10, width: 1.5, neurons: 5}))).toMatch(/whole number/);
    expect(message(fullyConnectedCount({height: 10, width: 10, neurons: NaN}))).toMatch(/Neurons must be a number/);
    expect(message(convLayerCount({height: 4, width: 4, kernel: 5, filters: 1, padding: "valid"}))).toMatch(/larger/);
    expect(message(convLayerCount({height: 4, width: 4, kernel: 3, filters: 0}))).toMatch(/Filters/);
    expect(message(convLayerCount({height: 4, width: 4, kernel: 3, filters: 2, stride: 0}))).toMatch(/Stride/);
    expect(message(convLayerCount({height: 4, width: 4, channels: -3, kernel: 3, filters: 2}))).toMatch(/Channels/);
  });
});
