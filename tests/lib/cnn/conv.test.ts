// conv.ts against tfjs (cpu backend) on seeded random inputs, the lecture's worked examples, and
// bad input that must come back as a message.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {
  compareConvCosts,
  conv2d,
  depthwiseConv2d,
  formatNumber,
  gridFromRows,
  gridToRows,
  kernelFilters,
  outputSize,
  pad2d,
  parseGrid,
  parseGridText,
  planAxis,
  planWindow,
  pointwiseConv,
  receptiveField,
  separableConv2d,
  stackChannels,
  stackFilters,
  channelOf,
  toImage,
  validateConv,
  type Filters,
  type Image,
  type Padding
} from "../../../src/lib/cnn/conv.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {maxAbsDiff, message, pick, randomFilters, randomImage, randomInt, value, type Random} from "../../helpers/tensor-helpers.js";

const TOLERANCE = 1e-5;

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

type TfPad = "valid" | "same" | number | [[0, 0], [number, number], [number, number], [0, 0]];

// A number goes to tfjs as the equivalent explicit padding: tfjs 4.22 sizes the width of a
// numerically padded output with the kernel's height and stride (tensorflow/tfjs#649), see below.
function tfPad(p: Padding): TfPad {
  if (typeof p === "string") return p;
  const {top, bottom, left, right} = typeof p === "number" ? {top: p, bottom: p, left: p, right: p} : p;
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0]
  ];
}

const x4 = (img: Image) => tf.tensor4d(img.data, [1, ...img.shape] as [number, number, number, number]);
const f4 = (f: Filters) => tf.tensor4d(f.data, [...f.shape] as [number, number, number, number]);

/** Run a tfjs op and return its output shape (without the batch) and values, leaking nothing. */
function viaTf(op: () => tf.Tensor): {shape: number[]; data: Float32Array} {
  const before = tf.memory().numTensors;
  const t = tf.tidy(op);
  const result = {shape: t.shape.slice(1), data: t.dataSync() as Float32Array};
  t.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

interface Case {
  h: number;
  w: number;
  kh: number;
  kw: number;
  stride: [number, number];
  dilation: [number, number];
  padding: Padding;
}

/** A random geometry; tfjs forbids strides and dilations both above 1, so one of them is 1. */
function randomCase(random: Random): Case {
  const dilated = random() < 0.3;
  const stride: [number, number] = dilated ? [1, 1] : [randomInt(random, 1, 3), randomInt(random, 1, 3)];
  const dilation: [number, number] = dilated ? [randomInt(random, 1, 3), randomInt(random, 1, 3)] : [1, 1];
  const padding: Padding = pick<Padding>(random, [
    "valid",
    "same",
    "same",
    0,
    1,
    2,
    {top: randomInt(random, 0, 2), bottom: randomInt(random, 0, 2), left: randomInt(random, 0, 2), right: randomInt(random, 0, 2)}
  ]);
  return {
    h: randomInt(random, 1, 10),
    w: randomInt(random, 1, 10),
    kh: randomInt(random, 1, 4),
    kw: randomInt(random, 1, 4),
    stride,
    dilation,
    padding
  };
}

/** Whether our plan accepts the geometry (kernel fits its padded input). */
const fits = (c: Case) => planWindow([c.h, c.w], [c.kh, c.kw], c).ok;

describe("outputSize and padding follow TensorFlow", () => {
  it("'same' gives ceil(in / stride) with the odd zero on the bottom/right", () => {
    expect(value(outputSize(6, 3, 1, "same"))).toBe(6);
    expect(value(outputSize(7, 3, 2, "same"))).toBe(4);
    expect(value(outputSize(6, 3, 2, "same"))).toBe(3);
    const p = value(planAxis(6, 3, 2, "same"));
    expect([p.padBefore, p.padAfter]).toEqual([0, 1]);
    const q = value(planAxis(6, 4, 1, "same"));
    expect([q.padBefore, q.padAfter]).toEqual([1, 2]);
    // A stride larger than the kernel needs no padding at all.
    const r = value(planAxis(5, 1, 3, "same"));
    expect([r.padBefore, r.padAfter, r.output]).toEqual([0, 0, 2]);
  });

  it("'valid' and explicit padding give floor((in + pads − k_eff) / stride) + 1", () => {
    expect(value(outputSize(6, 3, 1, "valid"))).toBe(4);
    expect(value(outputSize(6, 2, 2))).toBe(3);
    expect(value(outputSize(7, 3, 2, "valid"))).toBe(3);
    expect(value(outputSize(6, 3, 1, 1))).toBe(6);
    expect(value(outputSize(5, 3, 2, [0, 1]))).toBe(2);
    expect(value(outputSize(7, 3, 1, "valid", 2))).toBe(3); // dilated 3 spans 5
  });

  it("agrees with tfjs's output shapes over many geometries", () => {
    const random = seededRandom(11);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const c = randomCase(random);
      if (!fits(c)) continue;
      const plan = value(planWindow([c.h, c.w], [c.kh, c.kw], c));
      const shape = tf.tidy(
        () =>
          tf.conv2d(
            tf.zeros([1, c.h, c.w, 1]) as tf.Tensor4D,
            tf.zeros([c.kh, c.kw, 1, 1]) as tf.Tensor4D,
            c.stride,
            tfPad(c.padding),
            "NHWC",
            c.dilation
          ).shape
      );
      expect([plan.rows.output, plan.cols.output]).toEqual(shape.slice(1, 3));
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });
});

describe("a tfjs quirk the pages do not copy", () => {
  it("numeric padding: tfjs sizes the width with the kernel height; we pad every side like explicit padding", () => {
    const shape = (pad: TfPad | 1) =>
      tf.tidy(() => tf.conv2d(tf.zeros([1, 6, 6, 1]) as tf.Tensor4D, tf.zeros([3, 1, 1, 1]) as tf.Tensor4D, 1, pad).shape);
    expect(shape(1)).toEqual([1, 6, 6, 1]); // if this starts failing, tfjs fixed tensorflow/tfjs#649
    expect(
      shape([
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0]
      ])
    ).toEqual([1, 6, 8, 1]);
    expect(value(planWindow([6, 6], [3, 1], {padding: 1})).cols.output).toBe(8);
  });

  it("numeric padding agrees with tfjs when kernel, stride and dilation are square", () => {
    const random = seededRandom(12);
    for (let i = 0; i < 40; i++) {
      const k = randomInt(random, 1, 4);
      const s = randomInt(random, 1, 3);
      const p = randomInt(random, 0, 2);
      const input = randomImage(random, randomInt(random, k, 8), randomInt(random, k, 8), 2);
      const filters = randomFilters(random, k, k, 2, 2);
      const ours = value(conv2d(input, filters, {stride: s, padding: p}));
      const theirs = viaTf(() => tf.conv2d(x4(input), f4(filters), s, p));
      expect([...ours.shape]).toEqual(theirs.shape);
      expect(maxAbsDiff(ours.data, theirs.data)).toBeLessThan(TOLERANCE);
    }
  });
});

describe("conv2d matches tf.conv2d", () => {
  it("over random shapes, strides 1–3, paddings, dilations and channel counts", () => {
    const random = seededRandom(2024);
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < 250; i++) {
      const c = randomCase(random);
      if (!fits(c)) continue;
      const cin = randomInt(random, 1, 4);
      const cout = randomInt(random, 1, 4);
      const input = randomImage(random, c.h, c.w, cin);
      const filters = randomFilters(random, c.kh, c.kw, cin, cout);
      const ours = value(conv2d(input, filters, c));
      const theirs = viaTf(() => tf.conv2d(x4(input), f4(filters), c.stride, tfPad(c.padding), "NHWC", c.dilation));
      expect([...ours.shape]).toEqual(theirs.shape);
      worst = Math.max(worst, maxAbsDiff(ours.data, theirs.data));
      checked++;
    }
    expect(checked).toBeGreaterThan(120);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  it("sums like tfjs's cpu backend, to the last bit, even with hundreds of inputs per neuron", () => {
    const random = seededRandom(6);
    const input = randomImage(random, 10, 10, 32);
    const filters = randomFilters(random, 3, 3, 32, 8);
    const ours = value(conv2d(input, filters, {padding: "same", stride: 2}));
    const theirs = viaTf(() => tf.conv2d(x4(input), f4(filters), 2, "same"));
    expect(maxAbsDiff(ours.data, theirs.data)).toBe(0);
    const dw = randomFilters(random, 5, 5, 32, 2);
    const ours2 = value(depthwiseConv2d(input, dw, {padding: "same"}));
    expect(maxAbsDiff(ours2.data, viaTf(() => tf.depthwiseConv2d(x4(input), f4(dw), 1, "same")).data)).toBe(0);
  });

  it("adds one bias per output channel", () => {
    const random = seededRandom(5);
    const input = randomImage(random, 5, 6, 3);
    const filters = randomFilters(random, 3, 3, 3, 4);
    const bias = [0.5, -1, 2, 0];
    const ours = value(conv2d(input, filters, {padding: "same", bias}));
    const theirs = viaTf(() => tf.add(tf.conv2d(x4(input), f4(filters), 1, "same"), tf.tensor1d(bias)));
    expect(maxAbsDiff(ours.data, theirs.data)).toBeLessThan(TOLERANCE);
  });

  it("accepts a one-channel Grid as input", () => {
    const grid = gridFromRows([
      [1, 2, 3],
      [4, 5, 6]
    ]);
    const out = value(conv2d(grid, kernelFilters(gridFromRows([[1, 1]]))));
    expect([...out.shape]).toEqual([2, 2, 1]);
    expect([...out.data]).toEqual([3, 5, 9, 11]);
  });
});

describe("depthwise, pointwise and separable convolutions match tfjs", () => {
  it("depthwiseConv2d with channel multipliers", () => {
    const random = seededRandom(77);
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const c = randomCase(random);
      if (!fits(c)) continue;
      const cin = randomInt(random, 1, 4);
      const mult = randomInt(random, 1, 3);
      const input = randomImage(random, c.h, c.w, cin);
      const filters = randomFilters(random, c.kh, c.kw, cin, mult);
      const ours = value(depthwiseConv2d(input, filters, c));
      const theirs = viaTf(() => tf.depthwiseConv2d(x4(input), f4(filters), c.stride, tfPad(c.padding), "NHWC", c.dilation));
      expect([...ours.shape]).toEqual(theirs.shape);
      worst = Math.max(worst, maxAbsDiff(ours.data, theirs.data));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  it("pointwiseConv is tf.conv2d with a 1×1 filter", () => {
    const random = seededRandom(8);
    for (let i = 0; i < 20; i++) {
      const input = randomImage(random, randomInt(random, 1, 7), randomInt(random, 1, 7), randomInt(random, 1, 5));
      const filters = randomFilters(random, 1, 1, input.shape[2], randomInt(random, 1, 5));
      const ours = value(pointwiseConv(input, filters));
      const theirs = viaTf(() => tf.conv2d(x4(input), f4(filters), 1, "valid"));
      expect([...ours.shape]).toEqual(theirs.shape);
      expect(maxAbsDiff(ours.data, theirs.data)).toBeLessThan(TOLERANCE);
    }
  });

  it("separableConv2d ('same' and 'valid', strides, dilations)", () => {
    const random = seededRandom(99);
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const c = {...randomCase(random), padding: pick(random, ["same", "valid"] as const)};
      if (!fits(c)) continue;
      const cin = randomInt(random, 1, 4);
      const mult = randomInt(random, 1, 2);
      const cout = randomInt(random, 1, 4);
      const input = randomImage(random, c.h, c.w, cin);
      const dw = randomFilters(random, c.kh, c.kw, cin, mult);
      const pw = randomFilters(random, 1, 1, cin * mult, cout);
      const ours = value(separableConv2d(input, dw, pw, c));
      const theirs = viaTf(() => tf.separableConv2d(x4(input), f4(dw), f4(pw), c.stride, c.padding, c.dilation));
      expect([...ours.shape]).toEqual(theirs.shape);
      worst = Math.max(worst, maxAbsDiff(ours.data, theirs.data));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(worst).toBeLessThan(TOLERANCE);
  });
});

describe("the lecture's worked example", () => {
  // Three columns of 5 then three of 0, and a vertical-edge kernel.
  const image = gridFromRows(Array.from({length: 6}, () => [5, 5, 5, 0, 0, 0]));
  const kernel = kernelFilters(gridFromRows(Array.from({length: 3}, () => [1, 0, -1])));

  it("6×6 ⊛ 3×3, stride 1, valid, gives four rows of 0 15 15 0", () => {
    const out = value(conv2d(image, kernel, {stride: 1, padding: "valid"}));
    expect([...out.shape]).toEqual([4, 4, 1]);
    expect(gridToRows(channelOf(out, 0))).toEqual(Array.from({length: 4}, () => [0, 15, 15, 0]));
  });

  it("shows the arithmetic of one cell term by term", () => {
    const trace = value(receptiveField(0, 1, image, kernel, {order: "column"}));
    expect(trace.text).toBe("5·1 + 5·1 + 5·1 + 5·0 + 5·0 + 5·0 + 0·(−1) + 0·(−1) + 0·(−1) = 15");
    expect(trace.sum).toBe(15);
    expect(trace.rows).toEqual([0, 2]);
    expect(trace.cols).toEqual([1, 3]);
    expect(trace.terms).toHaveLength(9);
    expect(trace.terms.every((t) => t.inside)).toBe(true);
    const rowOrder = value(receptiveField(0, 1, image, kernel));
    expect(rowOrder.text).toBe("5·1 + 5·0 + 0·(−1) + 5·1 + 5·0 + 0·(−1) + 5·1 + 5·0 + 0·(−1) = 15");
    expect(value(receptiveField(3, 0, image, kernel)).text).toBe("5·1 + 5·0 + 5·(−1) + 5·1 + 5·0 + 5·(−1) + 5·1 + 5·0 + 5·(−1) = 0");
  });

  it("zero padding turns the 6×6 image into the lecture's 8×8 grid", () => {
    const padded = value(pad2d(image, 1));
    expect([...padded.shape]).toEqual([8, 8]);
    const rows = gridToRows(padded);
    expect(rows[0]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rows[7]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    for (let r = 1; r < 7; r++) expect(rows[r]).toEqual([0, 5, 5, 5, 0, 0, 0, 0]);
    const uneven = value(pad2d(toImage(image), {top: 0, bottom: 1, left: 2, right: 0}));
    expect([...uneven.shape]).toEqual([7, 8, 1]);
  });

  it("marks padded cells in a trace and still sums to conv2d's output", () => {
    const random = seededRandom(3);
    const input = randomImage(random, 5, 4, 2);
    const filters = randomFilters(random, 3, 3, 2, 3);
    const options = {stride: 2, padding: "same" as const, bias: [0.1, 0.2, 0.3]};
    const out = value(conv2d(input, filters, options));
    const [oh, ow, oc] = out.shape;
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++) {
        for (let k = 0; k < oc; k++) {
          const trace = value(receptiveField(r, c, input, filters, {...options, outChannel: k}));
          expect(trace.sum).toBe(out.data[(r * ow + c) * oc + k]);
          expect(trace.terms).toHaveLength(18);
        }
      }
    }
    const corner = value(receptiveField(0, 0, input, filters, options));
    // 'same', stride 2: 5 rows → 3 outputs need 2 zeros, one above, so the first tap is row −1;
    // 4 columns → 2 outputs need 1 zero, which goes on the right, so columns start at 0.
    expect(corner.rows).toEqual([-1, 1]);
    expect(corner.cols).toEqual([0, 2]);
    expect(corner.terms.filter((t) => !t.inside)).toHaveLength(3 * 2); // row −1, three taps, two channels
    expect(corner.terms.filter((t) => !t.inside).every((t) => t.value === 0)).toBe(true);
  });

  it("formats numbers briefly, with a true minus and no −0", () => {
    expect(formatNumber(-1)).toBe("−1");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-0.00001)).toBe("0");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
  });
});

describe("building inputs", () => {
  it("parses what a reader types", () => {
    const grid = value(parseGridText(" 5, 5 0\n−1 2.5 1e1 \n"));
    expect(gridToRows(grid)).toEqual([
      [5, 5, 0],
      [-1, 2.5, 10]
    ]);
    expect(gridToRows(value(parseGrid([["1", 2]])))).toEqual([[1, 2]]);
  });

  it("stacks channels and filters into tfjs layouts", () => {
    const r = gridFromRows([[1, 2]]);
    const g = gridFromRows([[3, 4]]);
    const rgb = value(stackChannels([r, g, r]));
    expect([...rgb.shape]).toEqual([1, 2, 3]);
    expect([...rgb.data]).toEqual([1, 3, 1, 2, 4, 2]);
    expect(gridToRows(channelOf(rgb, 1))).toEqual([[3, 4]]);
    const f = value(stackFilters([rgb, {shape: [1, 2, 3], data: new Float32Array(6).fill(7)}]));
    expect([...f.shape]).toEqual([1, 2, 3, 2]);
    expect([...f.data]).toEqual([1, 7, 3, 7, 1, 7, 2, 7, 4, 7, 2, 7]);
  });
});

describe("parameter and multiply-add counts", () => {
  it("standard vs depthwise-separable", () => {
    const cmp = value(compareConvCosts({output: [112, 112], kernel: 3, inChannels: 32, outChannels: 64}));
    expect(cmp.standard).toEqual({weights: 18432, biases: 64, parameters: 18496, multiplyAdds: 112 * 112 * 18432});
    expect(cmp.depthwise.weights).toBe(288);
    expect(cmp.pointwise.weights).toBe(2048);
    expect(cmp.separable.parameters).toBe(288 + 2048 + 64);
    expect(cmp.separable.multiplyAdds).toBe(112 * 112 * (288 + 2048));
    // Without biases the ratio is the textbook 1/N + 1/k².
    const bare = value(compareConvCosts({output: 10, kernel: 3, inChannels: 32, outChannels: 64, bias: false}));
    expect(bare.multiplyAddRatio).toBeCloseTo(1 / 64 + 1 / 9, 12);
    expect(bare.parameterRatio).toBeCloseTo(1 / 64 + 1 / 9, 12);
    const mult = value(compareConvCosts({output: [4, 5], kernel: [3, 5], inChannels: 3, outChannels: 8, depthMultiplier: 2}));
    expect(mult.depthwise.weights).toBe(3 * 5 * 3 * 2);
    expect(mult.pointwise.weights).toBe(6 * 8);
  });

  it("counts agree with the weights tfjs layers create", () => {
    const build = (layer: tf.layers.Layer) => {
      const model = tf.sequential({layers: [tf.layers.inputLayer({inputShape: [12, 12, 6]}), layer]});
      const count = model.countParams();
      model.dispose();
      return count;
    };
    const cmp = value(compareConvCosts({output: 12, kernel: 3, inChannels: 6, outChannels: 10, depthMultiplier: 2}));
    expect(build(tf.layers.conv2d({filters: 10, kernelSize: 3, padding: "same"}))).toBe(cmp.standard.parameters);
    expect(build(tf.layers.separableConv2d({filters: 10, kernelSize: 3, padding: "same", depthMultiplier: 2}))).toBe(
      cmp.separable.parameters
    );
  });
});

describe("bad input comes back as a message", () => {
  const random = seededRandom(1);
  const img = randomImage(random, 4, 4, 2);
  const filt = randomFilters(random, 3, 3, 2, 1);

  it("non-numeric, empty and ragged cells", () => {
    expect(message(parseGrid([["5", "abc"]]))).toMatch(/column 2.*"abc" is not a number/);
    expect(message(parseGrid([["5", ""]]))).toMatch(/Row 1, column 2 is empty/);
    expect(message(parseGrid([["5", "  "]]))).toMatch(/empty/);
    expect(message(parseGrid([]))).toMatch(/empty/);
    expect(message(parseGrid([[]]))).toMatch(/empty/);
    expect(message(parseGrid([["1", "2"], ["3"]]))).toMatch(/Row 2 has 1 cells but row 1 has 2/);
    expect(message(parseGrid([[1, NaN]]))).toMatch(/not a number/);
    expect(message(parseGrid([[1, Infinity]]))).toMatch(/not a number/);
    expect(message(parseGrid([[1, null]]))).toMatch(/not a number/);
    expect(message(parseGridText("1 2\n3 x"))).toMatch(/Row 2, column 2/);
    expect(message(parseGridText("1 2\n\n3 4"))).toMatch(/Row 2/);
    expect(message(parseGridText("0x10"))).toMatch(/not a number/);
    expect(message(parseGridText(""))).toMatch(/empty/);
    const nan = {shape: [2, 2] as const, data: Float32Array.of(1, 2, NaN, 4)};
    expect(message(conv2d(nan, kernelFilters(gridFromRows([[1]]))))).toMatch(/row 2, column 1 is not a number/);
  });

  it("kernels larger than their padded input", () => {
    const small = randomImage(random, 2, 2, 2);
    expect(message(conv2d(small, filt))).toMatch(/kernel height 3 is larger than the input height 2/);
    expect(message(conv2d(small, filt, {padding: {top: 0, bottom: 0, left: 1, right: 0}}))).toMatch(/larger/);
    expect(message(conv2d(img, filt, {dilation: 2}))).toMatch(/dilated to 5/);
    expect(message(outputSize(3, 5, 1, 0))).toMatch(/larger/);
    expect(message(outputSize(1, 4, 1, 1))).toMatch(/padded to 3/);
    expect(value(conv2d(small, filt, {padding: "same"})).shape).toEqual([2, 2, 1]); // 'same' always fits
  });

  it("strides, dilations and sizes that are zero, negative, fractional or not numbers", () => {
    for (const stride of [0, -1, 1.5, NaN, Infinity]) {
      expect(message(conv2d(img, filt, {stride}))).toMatch(/Stride/);
      expect(message(outputSize(5, 3, stride))).toMatch(/Stride/);
    }
    expect(message(conv2d(img, filt, {stride: "2" as unknown as number}))).toMatch(/Stride height must be a number/);
    expect(message(conv2d(img, filt, {stride: [1, 0]}))).toMatch(/Stride width must be at least 1/);
    expect(message(conv2d(img, filt, {dilation: 0}))).toMatch(/Dilation/);
    expect(message(outputSize(-3, 3, 1))).toMatch(/Input.*at least 1/);
    expect(message(outputSize(5.5, 3, 1))).toMatch(/whole number/);
    expect(message(outputSize(5, 2.5, 1))).toMatch(/Kernel.*whole number/);
    expect(message(outputSize(5, 0, 1))).toMatch(/Kernel/);
    expect(message(outputSize(5, 3, 1, -1))).toMatch(/Padding cannot be negative/);
    expect(message(outputSize(5, 3, 1, "full" as "same"))).toMatch(/Padding must be/);
    expect(message(conv2d({shape: [-2, 2], data: new Float32Array(0)}, filt))).toMatch(/height/);
    expect(message(conv2d({shape: [2.5, 2], data: new Float32Array(5)}, filt))).toMatch(/whole number/);
    expect(message(conv2d({shape: [2, 2], data: new Float32Array(3)}, filt))).toMatch(/3 values/);
    expect(message(conv2d(img, {shape: [3, 0, 2, 1], data: new Float32Array(0)}))).toMatch(/width/);
    expect(message(pad2d(img, -1))).toMatch(/cannot be negative/);
    expect(message(pad2d(img, {top: 1, bottom: 1.5, left: 0, right: 0}))).toMatch(/whole number/);
  });

  it("mismatched channels, biases and cells out of range", () => {
    expect(message(conv2d(img, randomFilters(random, 3, 3, 3, 1)))).toMatch(/expect 3 input channels but the input has 2/);
    expect(message(conv2d(img, filt, {bias: [1, 2]}))).toMatch(/2 biases for 1 output/);
    expect(message(conv2d(img, filt, {bias: [NaN]}))).toMatch(/bias/);
    expect(message(depthwiseConv2d(img, randomFilters(random, 3, 3, 1, 2)))).toMatch(/input channel/);
    expect(message(pointwiseConv(img, filt))).toMatch(/1×1/);
    const dw = randomFilters(random, 3, 3, 2, 2);
    expect(message(separableConv2d(img, dw, randomFilters(random, 1, 1, 2, 3)))).toMatch(/depthwise pass makes 4/);
    expect(message(receptiveField(2, 0, img, filt))).toMatch(/Output row 2 is outside 0…1/);
    expect(message(receptiveField(0, -1, img, filt))).toMatch(/Output column/);
    expect(message(receptiveField(0, 0, img, filt, {outChannel: 1}))).toMatch(/Output channel/);
    expect(message(stackChannels([gridFromRows([[1]]), gridFromRows([[1, 2]])]))).toMatch(/Channel 2/);
    expect(message(validateConv(undefined as unknown as Image, filt))).toMatch(/missing/);
  });

  it("cost calculators", () => {
    expect(message(compareConvCosts({output: 0, kernel: 3, inChannels: 1, outChannels: 1}))).toMatch(/Output height/);
    expect(message(compareConvCosts({output: 4, kernel: -3, inChannels: 1, outChannels: 1}))).toMatch(/Kernel height/);
    expect(message(compareConvCosts({output: 4, kernel: 3, inChannels: 1.5, outChannels: 1}))).toMatch(/Input channels/);
    expect(message(compareConvCosts({output: 4, kernel: 3, inChannels: 1, outChannels: 1, depthMultiplier: 0}))).toMatch(
      /Depth multiplier/
    );
  });
});
