import {beforeAll, describe, expect, it} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {
  isWasmConvBackpropFilterRegistered,
  registerWasmConvBackpropFilter,
  type Conv2DBackpropFilterAttrs
} from "../../../src/lib/wasm/wasm-conv-backprop-filter.js";

type Shape4 = [number, number, number, number];
type Backend = "cpu" | "wasm";

// Largest allowed |wasm − cpu|: 1e-4, or 1e-5 of the largest |dW| when dW is large. The cpu
// kernel accumulates in float64, XNNPACK in float32, so over thousands of terms (LeNet's first
// layer: batch × 24 × 24) the float32 rounding alone reaches ~1e-6 of the result (1e-4 at
// |dW| ≈ 40). A wrong index or padding errs by the size of dW itself.
function tolerance(reference: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < reference.length; i++) scale = Math.max(scale, Math.abs(reference[i]));
  return Math.max(1e-4, 1e-5 * scale);
}

function randomValues(size: number, random: () => number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = random() * 2 - 1;
  return values;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Run Conv2DBackpropFilter on one backend with fresh tensors; return dW and its shape. */
async function backpropFilter(
  backend: Backend,
  xShape: Shape4,
  xValues: Float32Array,
  dyShape: number[],
  dyValues: Float32Array,
  attrs: Conv2DBackpropFilterAttrs
): Promise<{values: Float32Array; shape: number[]}> {
  await useBackend(backend);
  const x = tf.tensor4d(xValues, xShape);
  const dy = tf.tensor(dyValues, dyShape);
  const dW = tf.engine().runKernel("Conv2DBackpropFilter", {x, dy}, {...attrs}) as tf.Tensor;
  const values = (await dW.data()) as Float32Array;
  const shape = dW.shape;
  tf.dispose([x, dy, dW]);
  return {values, shape};
}

/** Direct float64 definition of the filter gradient, including dilations (NHWC only). */
function referenceBackpropFilter(
  xShape: Shape4,
  x: Float32Array,
  dyShape: number[],
  dy: Float32Array,
  filterShape: Shape4,
  [strideH, strideW]: [number, number],
  [dilationH, dilationW]: [number, number],
  padTop: number,
  padLeft: number
): Float64Array {
  const [batch, height, width, inChannels] = xShape;
  const [, outHeight, outWidth, outChannels] = dyShape;
  const [filterHeight, filterWidth] = filterShape;
  const dW = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let kh = 0; kh < filterHeight; kh++)
    for (let kw = 0; kw < filterWidth; kw++)
      for (let ci = 0; ci < inChannels; ci++)
        for (let co = 0; co < outChannels; co++) {
          let sum = 0;
          for (let b = 0; b < batch; b++)
            for (let oh = 0; oh < outHeight; oh++) {
              const row = oh * strideH + kh * dilationH - padTop;
              if (row < 0 || row >= height) continue;
              for (let ow = 0; ow < outWidth; ow++) {
                const col = ow * strideW + kw * dilationW - padLeft;
                if (col < 0 || col >= width) continue;
                sum +=
                  x[((b * height + row) * width + col) * inChannels + ci] * dy[((b * outHeight + oh) * outWidth + ow) * outChannels + co];
              }
            }
          dW[((kh * filterWidth + kw) * inChannels + ci) * outChannels + co] = sum;
        }
  return dW;
}

interface Case {
  xShape: Shape4; // in the case's data format
  filterShape: Shape4;
  attrs: Conv2DBackpropFilterAttrs;
}

/** Seeded random cases over shapes, strides, paddings, rounding modes and batch/channel counts. */
function randomCases(count: number, seed: number, dataFormat: "NHWC" | "NCHW"): Case[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const cases: Case[] = [];
  while (cases.length < count) {
    const filterShape: Shape4 = [pick([1, 2, 3, 5]), pick([1, 2, 3, 4]), pick([1, 2, 3, 8]), pick([1, 3, 4, 7])];
    const strides: [number, number] = random() < 0.75 ? [pick([1, 2, 3]), 0] : [pick([1, 2, 3]), pick([1, 2, 3])];
    if (strides[1] === 0) strides[1] = strides[0];
    const height = filterShape[0] + Math.floor(random() * 10);
    const width = filterShape[1] + Math.floor(random() * 10);
    const batch = pick([1, 2, 3, 5]);
    const kind = pick(["same", "valid", "number", "explicit"] as const);
    let pad: Conv2DBackpropFilterAttrs["pad"];
    let dimRoundingMode: Conv2DBackpropFilterAttrs["dimRoundingMode"];
    if (kind === "number") {
      pad = pick([0, 1, 2]);
      dimRoundingMode = pick([undefined, "floor", "round", "ceil"] as const);
    } else if (kind === "explicit") {
      const [t, b, l, r] = [pick([0, 1, 2]), pick([0, 1, 3]), pick([0, 1, 2]), pick([0, 2])];
      pad =
        dataFormat === "NHWC"
          ? [
              [0, 0],
              [t, b],
              [l, r],
              [0, 0]
            ]
          : [
              [0, 0],
              [0, 0],
              [t, b],
              [l, r]
            ];
      dimRoundingMode = pick([undefined, "ceil"] as const);
    } else {
      pad = kind;
    }
    const xShape: Shape4 = dataFormat === "NHWC" ? [batch, height, width, filterShape[2]] : [batch, filterShape[2], height, width];
    const attrs: Conv2DBackpropFilterAttrs = {strides, pad, dataFormat, filterShape};
    if (dimRoundingMode !== undefined) attrs.dimRoundingMode = dimRoundingMode;
    const info = tf.backend_util.computeConv2DInfo(
      xShape,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      dataFormat === "NHWC" ? "channelsLast" : "channelsFirst"
    );
    if (info.outHeight < 1 || info.outWidth < 1) continue;
    cases.push({xShape, filterShape, attrs});
  }
  return cases;
}

function outShapeOf({xShape, filterShape, attrs}: Case): number[] {
  const dataFormat = attrs.dataFormat === "NCHW" ? "channelsFirst" : "channelsLast";
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat
  ).outShape;
}

async function compareWithCpu(c: Case, seed: number): Promise<{diff: number; tolerance: number}> {
  const random = seededRandom(seed);
  const dyShape = outShapeOf(c);
  const x = randomValues(tf.util.sizeFromShape(c.xShape), random);
  const dy = randomValues(tf.util.sizeFromShape(dyShape), random);
  const cpu = await backpropFilter("cpu", c.xShape, x, dyShape, dy, c.attrs);
  const wasm = await backpropFilter("wasm", c.xShape, x, dyShape, dy, c.attrs);
  expect(wasm.shape).toEqual(c.filterShape);
  expect(cpu.shape).toEqual(c.filterShape);
  return {diff: maxAbsDiff(wasm.values, cpu.values), tolerance: tolerance(cpu.values)};
}

beforeAll(async () => {
  await useBackend("wasm");
  registerWasmConvBackpropFilter(tf);
});

describe("registerWasmConvBackpropFilter", () => {
  it("registers once and is idempotent", () => {
    expect(isWasmConvBackpropFilterRegistered(tf)).toBe(true);
    expect(() => registerWasmConvBackpropFilter(tf)).not.toThrow();
    expect(registerWasmConvBackpropFilter(tf)).toBe(false);
    expect(isWasmConvBackpropFilterRegistered(tf)).toBe(true);
  });

  it("is what makes the conv2d filter gradient work on wasm", async () => {
    await useBackend("wasm");
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const gradient = tf.grad((filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, 1, "valid").sum());
    const filter = tf.ones([3, 3, 1, 1]);
    tf.unregisterKernel("Conv2DBackpropFilter", "wasm");
    try {
      expect(() => gradient(filter)).toThrow(/Conv2DBackpropFilter/);
    } finally {
      expect(registerWasmConvBackpropFilter(tf)).toBe(true);
    }
    const dW = gradient(filter);
    // Each filter tap sees a 2×2 window of ones.
    expect(Array.from(await dW.data())).toEqual(new Array(9).fill(4));
    tf.dispose([x, filter, dW]);
  });
});

describe("wasm Conv2DBackpropFilter matches the cpu backend", () => {
  it("on hand-picked shapes, including LeNet's layers", async () => {
    const cases: Case[] = [
      {xShape: [4, 28, 28, 1], filterShape: [5, 5, 1, 8], attrs: {strides: 1, pad: "valid", dataFormat: "NHWC", filterShape: [5, 5, 1, 8]}},
      {
        xShape: [4, 12, 12, 8],
        filterShape: [5, 5, 8, 16],
        attrs: {strides: 1, pad: "valid", dataFormat: "NHWC", filterShape: [5, 5, 8, 16]}
      },
      {
        xShape: [3, 13, 13, 32],
        filterShape: [3, 3, 32, 64],
        attrs: {strides: 1, pad: "same", dataFormat: "NHWC", filterShape: [3, 3, 32, 64]}
      },
      {xShape: [2, 9, 9, 3], filterShape: [3, 3, 3, 4], attrs: {strides: 2, pad: "valid", dataFormat: "NHWC", filterShape: [3, 3, 3, 4]}},
      {xShape: [2, 10, 11, 2], filterShape: [3, 3, 2, 5], attrs: {strides: 3, pad: "same", dataFormat: "NHWC", filterShape: [3, 3, 2, 5]}},
      {
        xShape: [1, 7, 7, 2],
        filterShape: [2, 2, 2, 3],
        attrs: {strides: [2, 1], pad: 1, dataFormat: "NHWC", filterShape: [2, 2, 2, 3], dimRoundingMode: "ceil"}
      },
      {xShape: [1, 1, 1, 1], filterShape: [1, 1, 1, 1], attrs: {strides: 1, pad: "valid", dataFormat: "NHWC", filterShape: [1, 1, 1, 1]}}
    ];
    for (const [i, c] of cases.entries()) {
      const {diff, tolerance} = await compareWithCpu(c, 100 + i);
      expect(diff, JSON.stringify(c)).toBeLessThan(tolerance);
    }
  });

  it("on 120 seeded random NHWC cases (strides 1–3, same/valid/numeric/explicit pads, rounding modes)", async () => {
    const cases = randomCases(120, 7, "NHWC");
    // The generator must actually cover what the test's name promises.
    expect(
      new Set(cases.map((c) => (typeof c.attrs.pad === "object" ? "explicit" : typeof c.attrs.pad === "number" ? "number" : c.attrs.pad)))
        .size
    ).toBe(4);
    expect(new Set(cases.map((c) => JSON.stringify(c.attrs.strides)))).toContain("[3,3]");
    expect(cases.some((c) => c.attrs.dimRoundingMode === "ceil")).toBe(true);
    expect(cases.some((c) => c.xShape[3] === 1) && cases.some((c) => c.xShape[3] === 8)).toBe(true);
    let worst = 0;
    for (const [i, c] of cases.entries()) {
      const {diff, tolerance} = await compareWithCpu(c, 1000 + i);
      expect(diff, JSON.stringify(c)).toBeLessThan(tolerance);
      worst = Math.max(worst, diff);
    }
    expect(worst).toBeLessThan(1e-4); // these small cases meet the plain absolute bound
  });

  it("on 40 seeded random NCHW cases", async () => {
    for (const [i, c] of randomCases(40, 11, "NCHW").entries()) {
      const {diff, tolerance} = await compareWithCpu(c, 2000 + i);
      expect(diff, JSON.stringify(c)).toBeLessThan(tolerance);
    }
  });

  it("gives the same filter gradient as cpu through tf.grad of conv2d", async () => {
    const random = seededRandom(3);
    const settings: Array<{xShape: Shape4; filterShape: Shape4; strides: number; pad: "same" | "valid" | number}> = [
      {xShape: [3, 12, 12, 2], filterShape: [3, 3, 2, 6], strides: 1, pad: "same"},
      {xShape: [2, 11, 10, 3], filterShape: [5, 5, 3, 4], strides: 2, pad: "valid"},
      {xShape: [2, 9, 9, 4], filterShape: [2, 3, 4, 5], strides: 3, pad: 2}
    ];
    for (const s of settings) {
      const x = randomValues(tf.util.sizeFromShape(s.xShape), random);
      const filter = randomValues(tf.util.sizeFromShape(s.filterShape), random);
      const results: Float32Array[] = [];
      for (const backend of ["cpu", "wasm"] as const) {
        await useBackend(backend);
        const dW = tf.tidy(() => {
          const xT = tf.tensor4d(x, s.xShape);
          // square() makes the upstream gradient dy = 2·y, different at every position.
          return tf.grad((f: tf.Tensor) =>
            tf
              .conv2d(xT, f as tf.Tensor4D, s.strides, s.pad)
              .square()
              .sum()
          )(tf.tensor4d(filter, s.filterShape));
        });
        results.push((await dW.data()) as Float32Array);
        dW.dispose();
      }
      expect(maxAbsDiff(results[0], results[1])).toBeLessThan(tolerance(results[0]));
      expect(results[0].some((v) => Math.abs(v) > 1e-3)).toBe(true);
    }
  });
});

describe("dilations (a non-standard attribute tfjs's own gradient does not pass)", () => {
  it("the float64 reference agrees with cpu when dilation is 1", async () => {
    for (const [i, c] of randomCases(20, 21, "NHWC").entries()) {
      const random = seededRandom(3000 + i);
      const dyShape = outShapeOf(c);
      const x = randomValues(tf.util.sizeFromShape(c.xShape), random);
      const dy = randomValues(tf.util.sizeFromShape(dyShape), random);
      const cpu = await backpropFilter("cpu", c.xShape, x, dyShape, dy, c.attrs);
      const info = tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.attrs.strides, 1, c.attrs.pad, c.attrs.dimRoundingMode);
      const reference = referenceBackpropFilter(
        c.xShape,
        x,
        dyShape,
        dy,
        c.filterShape,
        [info.strideHeight, info.strideWidth],
        [1, 1],
        info.padInfo.top,
        info.padInfo.left
      );
      expect(maxAbsDiff(cpu.values, reference)).toBeLessThan(tolerance(reference));
    }
  });

  it("matches the reference with dilation 2 (stride 1) on seeded cases", async () => {
    const random = seededRandom(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    for (let i = 0; i < 30; i++) {
      const dilations: [number, number] = pick([
        [2, 2],
        [2, 1],
        [1, 2],
        [2, 2]
      ] as const).slice() as [number, number];
      const filterShape: Shape4 = [pick([2, 3]), pick([2, 3, 4]), pick([1, 3]), pick([2, 5])];
      const xShape: Shape4 = [
        pick([1, 2, 4]),
        (filterShape[0] - 1) * dilations[0] + 1 + Math.floor(random() * 6),
        (filterShape[1] - 1) * dilations[1] + 1 + Math.floor(random() * 6),
        filterShape[2]
      ];
      const pad = pick([
        "same",
        "valid",
        1,
        [
          [0, 0],
          [2, 0],
          [1, 3],
          [0, 0]
        ]
      ] as const) as Conv2DBackpropFilterAttrs["pad"];
      const attrs: Conv2DBackpropFilterAttrs = {strides: 1, pad, dataFormat: "NHWC", filterShape, dilations};
      const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, 1, dilations, pad);
      const x = randomValues(tf.util.sizeFromShape(xShape), random);
      const dy = randomValues(tf.util.sizeFromShape(info.outShape), random);
      const wasm = await backpropFilter("wasm", xShape, x, info.outShape, dy, attrs);
      const reference = referenceBackpropFilter(
        xShape,
        x,
        info.outShape,
        dy,
        filterShape,
        [1, 1],
        dilations,
        info.padInfo.top,
        info.padInfo.left
      );
      expect(maxAbsDiff(wasm.values, reference), JSON.stringify(attrs)).toBeLessThan(tolerance(reference));
      // Ignoring the dilation would give a different answer: the test can tell them apart.
      const undilated = referenceBackpropFilter(
        xShape,
        x,
        info.outShape,
        dy,
        filterShape,
        [1, 1],
        [1, 1],
        info.padInfo.top,
        info.padInfo.left
      );
      if (dilations[0] * filterShape[0] > 2 || dilations[1] * filterShape[1] > 2) {
        expect(maxAbsDiff(wasm.values, undilated)).toBeGreaterThan(1e-3);
      }
    }
  });
});

describe("resources", () => {
  it("leaks no tensors, bytes or backend data ids", async () => {
    await useBackend("wasm");
    const random = seededRandom(5);
    const cases: Case[] = [
      // plain, the inChannels = 1 shortcut, a cropped output, NCHW
      {xShape: [2, 9, 9, 3], filterShape: [3, 3, 3, 4], attrs: {strides: 1, pad: "same", dataFormat: "NHWC", filterShape: [3, 3, 3, 4]}},
      {xShape: [2, 9, 9, 1], filterShape: [3, 3, 1, 4], attrs: {strides: 1, pad: "valid", dataFormat: "NHWC", filterShape: [3, 3, 1, 4]}},
      {xShape: [2, 10, 10, 2], filterShape: [5, 5, 2, 3], attrs: {strides: 2, pad: "valid", dataFormat: "NHWC", filterShape: [5, 5, 2, 3]}},
      {xShape: [2, 3, 8, 8], filterShape: [3, 3, 3, 2], attrs: {strides: 2, pad: "same", dataFormat: "NCHW", filterShape: [3, 3, 3, 2]}}
    ];
    for (const c of cases) {
      const x = tf.tensor4d(randomValues(tf.util.sizeFromShape(c.xShape), random), c.xShape);
      const dy = tf.tensor(randomValues(tf.util.sizeFromShape(outShapeOf(c)), random), outShapeOf(c));
      const before = {...tf.memory(), dataIds: tf.engine().backend.numDataIds()};
      for (let i = 0; i < 3; i++) {
        const dW = tf.engine().runKernel("Conv2DBackpropFilter", {x, dy}, {...c.attrs}) as tf.Tensor;
        expect(tf.memory().numTensors).toBe(before.numTensors + 1);
        expect(tf.engine().backend.numDataIds()).toBe(before.dataIds + 1);
        dW.dispose();
      }
      expect(tf.memory().numTensors).toBe(before.numTensors);
      expect(tf.memory().numBytes).toBe(before.numBytes);
      expect(tf.engine().backend.numDataIds()).toBe(before.dataIds);
      tf.dispose([x, dy]);
    }
  });

  it("rejects a dy whose batch or channels do not fit, without leaking", async () => {
    await useBackend("wasm");
    const x = tf.zeros([2, 6, 6, 2]);
    const attrs = {strides: 1, pad: "valid", dataFormat: "NHWC", filterShape: [3, 3, 2, 3]};
    const before = tf.engine().backend.numDataIds();
    for (const dyShape of [
      [2, 4, 4, 5],
      [1, 4, 4, 3],
      [2, 4, 4]
    ]) {
      const dy = tf.zeros(dyShape);
      expect(() => tf.engine().runKernel("Conv2DBackpropFilter", {x, dy}, attrs)).toThrow(/do not fit/);
      dy.dispose();
    }
    expect(tf.engine().backend.numDataIds()).toBe(before);
    x.dispose();
  });
});

describe("a dy larger than the attributes say (conv2d with dimRoundingMode 'ceil')", () => {
  it("uses all of dy: the true gradient, which the cpu kernel truncates", async () => {
    // tfjs's conv2d gradient passes no dimRoundingMode, so after a forward conv with pad 1,
    // stride 2 and 'ceil' rounding on 8×8 (5×5 outputs), the kernel is asked for a 4×4 geometry.
    const random = seededRandom(9);
    const xShape: Shape4 = [2, 8, 8, 3];
    const filterShape: Shape4 = [3, 3, 3, 4];
    const dyShape = tf.backend_util.computeConv2DInfo(xShape, filterShape, 2, 1, 1, "ceil").outShape;
    expect(dyShape).toEqual([2, 5, 5, 4]);
    const x = randomValues(tf.util.sizeFromShape(xShape), random);
    const dy = randomValues(tf.util.sizeFromShape(dyShape), random);
    const attrs: Conv2DBackpropFilterAttrs = {strides: 2, pad: 1, dataFormat: "NHWC", filterShape};
    const wasm = await backpropFilter("wasm", xShape, x, dyShape, dy, attrs);
    const reference = referenceBackpropFilter(xShape, x, dyShape, dy, filterShape, [2, 2], [1, 1], 1, 1);
    expect(maxAbsDiff(wasm.values, reference)).toBeLessThan(tolerance(reference));
    const cpu = await backpropFilter("cpu", xShape, x, dyShape, dy, attrs);
    expect(maxAbsDiff(cpu.values, reference)).toBeGreaterThan(1e-2);
  });
});

describe("training a tiny conv net on wasm", () => {
  it("fits, the loss falls, and the kernel is what computes the filter gradients", async () => {
    await useBackend("wasm");
    const random = seededRandom(2024);
    // 64 noisy 8×8 images: class 0 has a horizontal bar, class 1 a vertical one.
    const n = 64;
    const images = new Float32Array(n * 64);
    const labels = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const line = 1 + Math.floor(random() * 6);
      for (let r = 0; r < 8; r++)
        for (let c = 0; c < 8; c++) {
          const on = label === 0 ? r === line : c === line;
          images[i * 64 + r * 8 + c] = (on ? 1 : 0) + (random() - 0.5) * 0.4;
        }
      labels[i * 2 + label] = 1;
    }
    const xs = tf.tensor4d(images, [n, 8, 8, 1]);
    const ys = tf.tensor2d(labels, [n, 2]);
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [8, 8, 1],
          filters: 4,
          kernelSize: 3,
          activation: "relu",
          kernelInitializer: tf.initializers.glorotUniform({seed: 1})
        }),
        tf.layers.conv2d({
          filters: 4,
          kernelSize: 3,
          strides: 2,
          padding: "same",
          activation: "relu",
          kernelInitializer: tf.initializers.glorotUniform({seed: 2})
        }),
        tf.layers.flatten(),
        tf.layers.dense({units: 2, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({seed: 3})})
      ]
    });
    model.compile({optimizer: tf.train.adam(0.02), loss: "categoricalCrossentropy", metrics: ["accuracy"]});
    const profile = await tf.profile(async () => {
      const history = await model.fit(xs, ys, {epochs: 12, batchSize: 16, shuffle: false, verbose: 0});
      const loss = history.history.loss as number[];
      expect(loss.every(Number.isFinite)).toBe(true);
      expect(loss[loss.length - 1]).toBeLessThan(loss[0] * 0.5);
      expect((history.history.acc ?? history.history.accuracy) as number[]).toSatisfy((acc: number[]) => acc[acc.length - 1] > 0.9);
    });
    const calls = profile.kernels.filter((k) => k.name === "Conv2DBackpropFilter").length;
    expect(calls).toBe(12 * (n / 16) * 2); // epochs × batches × conv layers
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
