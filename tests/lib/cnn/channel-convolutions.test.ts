// The feature-map and depthwise-separable computations against tfjs, and their refusals of bad input.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {
  applyFilterBank,
  convolveChannels,
  FILTER_BANK,
  parseFilter,
  separableVersusStandard
} from "../../../src/lib/cnn/channel-convolutions.js";
import {compareConvCosts, gridFromRows, type Grid} from "../../../src/lib/cnn/conv.js";
import {keepLastGood} from "../../../src/lib/core/last-good.js";
import {modelKeeper} from "../../../src/lib/training/model-keeper.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {maxAbsDiff, randomImage} from "../../helpers/tensor-helpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

const named = (name: string, rows: number[][]) => ({name, kernel: gridFromRows(rows)});
const grid = (g: Grid) => g;

describe("applyFilterBank", () => {
  it("stacks one map per filter, equal to tfjs's conv2d with the filters as output channels", () => {
    const random = seededRandom(11);
    const image = randomImage(random, 12, 9, 1);
    const bank = FILTER_BANK.slice(0, 5);
    for (const [stride, padding] of [
      [1, "same"],
      [2, "valid"],
      [3, "same"]
    ] as const) {
      const out = applyFilterBank({shape: [12, 9], data: image.data}, bank, {stride, padding});
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      // tfjs filters [3, 3, 1, 5]: weight (y, x) of filter f at index (y·3 + x)·5 + f.
      const filters = new Float32Array(9 * bank.length);
      bank.forEach((f, o) => f.kernel.data.forEach((v, t) => (filters[t * bank.length + o] = v)));
      const want = tf.tidy(() =>
        tf.conv2d(tf.tensor4d(image.data, [1, 12, 9, 1]), tf.tensor4d(filters, [3, 3, 1, bank.length]), stride, padding)
      );
      expect(out.value.maps.shape).toEqual(want.shape.slice(1));
      expect(maxAbsDiff(out.value.maps.data, want.dataSync())).toBeLessThan(1e-5);
      want.dispose();
    }
  });

  it("applies ReLU when asked", () => {
    const out = applyFilterBank(
      grid(
        gridFromRows([
          [5, 5, 0, 0],
          [5, 5, 0, 0],
          [5, 5, 0, 0]
        ])
      ),
      [named("a", [[1, -1]]), named("b", [[-1, 1]])],
      {stride: 1, padding: "valid", relu: true}
    );
    expect(out.ok && Array.from(out.value.maps.data)).toEqual([0, 0, 5, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 5, 0, 0, 0]);
  });

  it("refuses filters of different sizes, no filters, and a kernel larger than the padded input", () => {
    const image = gridFromRows([
      [1, 2],
      [3, 4]
    ]);
    const refuse = (r: {ok: boolean; message?: string}) => (r.ok ? "(accepted)" : r.message);
    expect(
      refuse(
        applyFilterBank(
          image,
          [
            named("small", [[1]]),
            named("big", [
              [1, 2],
              [3, 4]
            ])
          ],
          {stride: 1, padding: "valid"}
        )
      )
    ).toBe("All filters of one layer share one size: “big” is 2×2 but “small” is 1×1.");
    expect(refuse(applyFilterBank(image, [], {stride: 1, padding: "valid"}))).toBe("Choose at least one filter.");
    expect(refuse(applyFilterBank(image, [named("wide", [[1, 1, 1]])], {stride: 1, padding: "valid"}))).toBe(
      "The kernel width 3 is larger than the input width 2."
    );
    expect(refuse(applyFilterBank(image, [named("one", [[1]])], {stride: 0, padding: "valid"}))).toBe(
      "Stride height must be at least 1 (got 0)."
    );
  });

  it("names the filter whose text is wrong", () => {
    expect(parseFilter("Your own filter", "1 0\n1 x")).toEqual({
      ok: false,
      message: 'Your own filter: Row 2, column 2: "x" is not a number.'
    });
    expect(parseFilter("Your own filter", "")).toEqual({ok: false, message: "Your own filter: The grid is empty."});
    expect(parseFilter("f", "1 −1").ok).toBe(true);
  });
});

describe("convolveChannels", () => {
  it("sums the per-channel maps into the map tfjs computes with one k×k×3 filter", () => {
    const random = seededRandom(5);
    const image = randomImage(random, 10, 13, 3);
    const slices = [FILTER_BANK[0], FILTER_BANK[1], FILTER_BANK[5]];
    const out = convolveChannels(image, slices, {stride: 1, padding: "same"});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const sum = out.value.parts[0].data.map((v, i) => v + out.value.parts[1].data[i] + out.value.parts[2].data[i]);
    expect(maxAbsDiff(sum, out.value.total.data)).toBeLessThan(1e-5);
    const filters = new Float32Array(27);
    slices.forEach((f, c) => f.kernel.data.forEach((v, t) => (filters[t * 3 + c] = v)));
    const want = tf.tidy(() =>
      tf.conv2d(tf.tensor4d(image.data, [1, 10, 13, 3]), tf.tensor4d(filters, [3, 3, 3, 1]), 1, "same").dataSync()
    );
    expect(maxAbsDiff(out.value.total.data, want)).toBeLessThan(1e-5);
  });

  it("needs one slice per channel, all the same size", () => {
    const image = randomImage(seededRandom(1), 4, 4, 3);
    expect(convolveChannels(image, FILTER_BANK.slice(0, 2), {stride: 1, padding: "same"})).toEqual({
      ok: false,
      message: "The image has 3 channels but there are 2 filters."
    });
    expect(convolveChannels(image, [FILTER_BANK[0], FILTER_BANK[1], named("x", [[1]])], {stride: 1, padding: "same"}).ok).toBe(false);
  });
});

describe("separableVersusStandard", () => {
  it("equals tfjs's separableConv2d, and the standard convolution with the multiplied-out kernel", () => {
    const random = seededRandom(8);
    const image = randomImage(random, 11, 14, 3);
    const depthwise = [FILTER_BANK[0], FILTER_BANK[2], FILTER_BANK[5]];
    const pointwise = gridFromRows([
      [1, 1, 0],
      [1, -1, 0],
      [0, 0, 1],
      [0.5, 2, -1]
    ]);
    for (const [stride, padding] of [
      [1, "same"],
      [2, "valid"]
    ] as const) {
      const out = separableVersusStandard(image, depthwise, pointwise, {stride, padding});
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      const depth = new Float32Array(27);
      depthwise.forEach((f, c) => f.kernel.data.forEach((v, t) => (depth[t * 3 + c] = v)));
      const point = new Float32Array(12);
      for (let o = 0; o < 4; o++) for (let c = 0; c < 3; c++) point[c * 4 + o] = pointwise.data[o * 3 + c];
      const want = tf.tidy(() =>
        tf.separableConv2d(
          tf.tensor4d(image.data, [1, 11, 14, 3]),
          tf.tensor4d(depth, [3, 3, 3, 1]),
          tf.tensor4d(point, [1, 1, 3, 4]),
          stride,
          padding
        )
      );
      expect(out.value.separable.shape).toEqual(want.shape.slice(1));
      expect(maxAbsDiff(out.value.separable.data, want.dataSync())).toBeLessThan(1e-5);
      want.dispose();
      expect(out.value.maxDifference).toBeLessThan(1e-5);
      const [oh, ow] = out.value.separable.shape;
      expect({ok: true, value: out.value.costs}).toEqual(compareConvCosts({output: [oh, ow], kernel: 3, inChannels: 3, outChannels: 4}));
    }
  });

  it("counts parameters like tfjs's layers", () => {
    const out = separableVersusStandard(
      randomImage(seededRandom(2), 8, 8, 3),
      [FILTER_BANK[0], FILTER_BANK[1], FILTER_BANK[2]],
      gridFromRows([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [1, 1, 1]
      ]),
      {stride: 1, padding: "same"}
    );
    if (!out.ok) throw new Error(out.message);
    const standard = tf.layers.conv2d({filters: 4, kernelSize: 3, inputShape: [8, 8, 3]});
    const separable = tf.layers.separableConv2d({filters: 4, kernelSize: 3, inputShape: [8, 8, 3]});
    const models = [tf.sequential({layers: [standard]}), tf.sequential({layers: [separable]})];
    expect(out.value.costs.standard.parameters).toBe(standard.countParams());
    expect(out.value.costs.separable.parameters).toBe(separable.countParams());
    models.forEach((m) => m.dispose());
  });

  it("refuses pointwise rows of the wrong length", () => {
    const out = separableVersusStandard(randomImage(seededRandom(3), 5, 5, 3), FILTER_BANK.slice(0, 3), gridFromRows([[1, 1]]), {
      stride: 1,
      padding: "same"
    });
    expect(out).toEqual({ok: false, message: "Each pointwise row needs 3 weights, one per depthwise map, but the rows have 2."});
  });
});

describe("keepLastGood", () => {
  it("keeps the last good value beside the newest message", () => {
    const keep = keepLastGood<number>();
    expect(keep({ok: false, message: "bad"})).toEqual({value: undefined, message: "bad"});
    expect(keep({ok: true, value: 1})).toEqual({value: 1, message: null});
    expect(keep({ok: false, message: "worse"})).toEqual({value: 1, message: "worse"});
    expect(keep({ok: true, value: 2})).toEqual({value: 2, message: null});
  });
});

describe("modelKeeper", () => {
  it("reuses the model for an unchanged description, disposes a replaced one only after its work", async () => {
    const keeper = modelKeeper(
      (units: number) => tf.sequential({layers: [tf.layers.dense({units, inputShape: [2]})]}),
      () => ({trained: 0})
    );
    const before = tf.memory().numTensors;
    const a = keeper.get(3);
    expect(keeper.get(3)).toBe(a);
    expect(tf.memory().numTensors).toBe(before + 2); // kernel and bias
    let finish!: () => void;
    a.busy = new Promise<void>((resolve) => (finish = resolve));
    const b = keeper.get(4);
    expect(b).not.toBe(a);
    expect(a.retired).toBe(true);
    // Still busy: both models' weights are alive.
    await Promise.resolve();
    expect(tf.memory().numTensors).toBe(before + 4);
    finish();
    await a.busy;
    await Promise.resolve();
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(() => a.model.getWeights()).toThrow("disposed");
    keeper.dispose();
    await Promise.resolve();
    expect(tf.memory().numTensors).toBe(before);
  });
});
