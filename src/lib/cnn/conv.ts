// Convolution arithmetic for the CNN pages, in plain TypeScript: cheap enough to rerun on every
// keystroke, and free of tfjs so a page shows numbers before any backend loads.
// Layouts follow tfjs (images HWC, filters [kh, kw, inChannels, outChannels]) so the same
// Float32Arrays move between these functions and tensors unchanged, and tests compare directly.
// Every page-facing function returns a Result: bad input yields a message, never a throw or NaN.

import {checkFilters, checkImage, isImage, toImage, type Filters, type Grid, type Image} from "./grid.js";
import {checkInteger, fail, ok, show, type Result} from "../core/result.js";

// Pages import everything convolutional from this one module.
export * from "./grid.js";
export * from "./conv-cost.js";

/** Zeros added on each side. */
export interface ExplicitPadding {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** 'valid' adds nothing; 'same' follows TensorFlow; a number pads every side; or give each side. */
export type Padding = "valid" | "same" | number | ExplicitPadding;
/** Padding along one axis: explicit as [before, after]. */
export type AxisPadding = "valid" | "same" | number | readonly [before: number, after: number];
/** One number for both axes, or [rows, columns]. */
export type Pair = number | readonly [number, number];

export interface ConvOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  /** One value per output channel, added after the sum. */
  bias?: ArrayLike<number>;
}

/** How one axis is swept: the numbers a page shows beside "6 → 4". */
export interface AxisPlan {
  readonly input: number;
  readonly kernel: number;
  readonly dilation: number;
  /** Span of a dilated kernel: kernel + (kernel − 1)(dilation − 1). */
  readonly effectiveKernel: number;
  readonly stride: number;
  readonly padBefore: number;
  readonly padAfter: number;
  readonly output: number;
}

export interface ConvPlan {
  readonly rows: AxisPlan;
  readonly cols: AxisPlan;
  readonly padding: ExplicitPadding;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly outputShape: readonly [number, number, number];
}

// ---------------------------------------------------------------------------------------------
// Output sizes and padding

const pair = (p: Pair): readonly [number, number] => (typeof p === "number" ? [p, p] : p);

/**
 * How one axis is swept. 'same' follows TensorFlow: out = ceil(in / stride) and the padding
 * needed is split with the odd zero on the bottom/right; 'valid' and explicit padding give
 * out = floor((in + before + after − effectiveKernel) / stride) + 1.
 */
export function planAxis(
  input: number,
  kernel: number,
  stride: number,
  padding: AxisPadding = "valid",
  dilation = 1,
  axis = ""
): Result<AxisPlan> {
  const of = axis ? ` ${axis}` : "";
  const problem =
    checkInteger(`Input${of}`, input, 1) ??
    checkInteger(`Kernel${of}`, kernel, 1) ??
    checkInteger(`Stride${of}`, stride, 1) ??
    checkInteger(`Dilation${of}`, dilation, 1) ??
    checkPadding(padding);
  if (problem) return fail(problem);
  const effectiveKernel = kernel + (kernel - 1) * (dilation - 1);
  let padBefore = 0;
  let padAfter = 0;
  if (padding === "same") {
    const total = Math.max(0, (Math.ceil(input / stride) - 1) * stride + effectiveKernel - input);
    padBefore = Math.floor(total / 2);
    padAfter = total - padBefore;
  } else if (typeof padding === "number") {
    padBefore = padAfter = padding;
  } else if (padding !== "valid") {
    [padBefore, padAfter] = padding;
  }
  const padded = input + padBefore + padAfter;
  if (effectiveKernel > padded) {
    const span = dilation > 1 ? ` (dilated to ${effectiveKernel})` : "";
    const pads = padBefore + padAfter > 0 ? ` padded to ${padded}` : "";
    return fail(`The kernel${of} ${kernel}${span} is larger than the input${of} ${input}${pads}.`);
  }
  const output = Math.floor((padded - effectiveKernel) / stride) + 1;
  return ok({input, kernel, dilation, effectiveKernel, stride, padBefore, padAfter, output});
}

/** Output length along one axis, e.g. outputSize(6, 3, 1, "valid") → 4. */
export function outputSize(input: number, kernel: number, stride: number, padding: AxisPadding = "valid", dilation = 1): Result<number> {
  const plan = planAxis(input, kernel, stride, padding, dilation);
  return plan.ok ? ok(plan.value.output) : plan;
}

function checkPadding(padding: unknown): string | null {
  if (padding === "valid" || padding === "same") return null;
  if (typeof padding === "number") return checkInteger("Padding", padding, 0);
  if (Array.isArray(padding) && padding.length === 2) {
    return checkInteger("Padding", padding[0], 0) ?? checkInteger("Padding", padding[1], 0);
  }
  return `Padding must be "valid", "same" or a number of zeros (got ${show(padding)}).`;
}

function axisPaddings(padding: Padding): Result<readonly [AxisPadding, AxisPadding]> {
  if (typeof padding === "string" || typeof padding === "number") return ok([padding, padding]);
  if (padding && typeof padding === "object") {
    return ok([
      [padding.top, padding.bottom],
      [padding.left, padding.right]
    ]);
  }
  return fail(`Padding must be "valid", "same", a number or {top, bottom, left, right} (got ${show(padding)}).`);
}

/** Both axes of a sliding window over a height × width input. */
export function planWindow(
  inputShape: readonly [number, number] | readonly number[],
  kernel: Pair,
  {stride = 1, padding = "valid", dilation = 1}: {stride?: Pair; padding?: Padding; dilation?: Pair} = {}
): Result<{rows: AxisPlan; cols: AxisPlan; padding: ExplicitPadding}> {
  const [kh, kw] = pair(kernel);
  const [sh, sw] = pair(stride);
  const [dh, dw] = pair(dilation);
  const pads = axisPaddings(padding);
  if (!pads.ok) return pads;
  const rows = planAxis(inputShape[0], kh, sh, pads.value[0], dh, "height");
  if (!rows.ok) return rows;
  const cols = planAxis(inputShape[1], kw, sw, pads.value[1], dw, "width");
  if (!cols.ok) return cols;
  const r = rows.value;
  const c = cols.value;
  return ok({rows: r, cols: c, padding: {top: r.padBefore, bottom: r.padAfter, left: c.padBefore, right: c.padAfter}});
}

/** Surround with zeros (or `value`), as in the lecture's 6×6 → 8×8 picture. */
export function pad2d<T extends Grid | Image>(input: T, padding: number | ExplicitPadding, value = 0): Result<T> {
  const p = typeof padding === "number" ? {top: padding, bottom: padding, left: padding, right: padding} : padding;
  if (!p || typeof p !== "object") return fail(`Padding must be a number or {top, bottom, left, right} (got ${show(padding)}).`);
  const problem =
    checkImage(input) ??
    checkInteger("Top padding", p.top, 0) ??
    checkInteger("Bottom padding", p.bottom, 0) ??
    checkInteger("Left padding", p.left, 0) ??
    checkInteger("Right padding", p.right, 0);
  if (problem) return fail(problem);
  const [h, w, ch] = toImage(input).shape;
  const H = h + p.top + p.bottom;
  const W = w + p.left + p.right;
  const data = new Float32Array(H * W * ch).fill(value);
  for (let r = 0; r < h; r++) {
    data.set(input.data.subarray(r * w * ch, (r + 1) * w * ch), ((r + p.top) * W + p.left) * ch);
  }
  const shape = isImage(input) ? [H, W, ch] : [H, W];
  return ok({shape, data} as unknown as T);
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Everything conv2d (or depthwiseConv2d, with kind "depthwise") needs to know before it runs:
 * the sweep of each axis and the output shape, or the first problem found. A page calls this
 * (or just conv2d) per keystroke and keeps its last good output when it gets a message.
 */
export function validateConv(
  input: Grid | Image,
  filters: Filters,
  options: ConvOptions = {},
  kind: "conv" | "depthwise" = "conv"
): Result<ConvPlan> {
  const what = kind === "conv" ? "filters" : "depthwise filters";
  const problem = checkImage(input) ?? checkFilters(filters, what);
  if (problem) return fail(problem);
  const [, , channels] = toImage(input).shape;
  const [kh, kw, cin, last] = filters.shape;
  if (cin !== channels) {
    return fail(`The ${what} expect ${cin} input channel${cin === 1 ? "" : "s"} but the input has ${channels}.`);
  }
  const outChannels = kind === "conv" ? last : cin * last;
  const window = planWindow(input.shape, [kh, kw], options);
  if (!window.ok) return window;
  const {bias} = options;
  if (bias !== undefined) {
    if (bias.length !== outChannels) return fail(`There are ${bias.length} biases for ${outChannels} output channels.`);
    if (!Array.from(bias).every(Number.isFinite)) return fail("A bias is not a number.");
  }
  const {rows, cols, padding} = window.value;
  return ok({rows, cols, padding, inChannels: cin, outChannels, outputShape: [rows.output, cols.output, outChannels]});
}

// ---------------------------------------------------------------------------------------------
// Convolutions (cross-correlations, as in every deep-learning library: the kernel is not flipped)

/** Standard convolution: every filter spans all input channels and makes one feature map. */
export function conv2d(input: Grid | Image, filters: Filters, options: ConvOptions = {}): Result<Image> {
  const plan = validateConv(input, filters, options);
  if (!plan.ok) return plan;
  const {rows: R, cols: C, outChannels: cout, inChannels: cin} = plan.value;
  const [, w] = input.shape;
  const [kh, kw] = filters.shape;
  const x = input.data;
  const f = filters.data;
  const out = new Float32Array(R.output * C.output * cout);
  // Float32 sums in tfjs's cpu order (kernel row, column, channel): the same numbers as tfjs to
  // the last bit. Float64 sums would drift ~1e-5 from tfjs at 300 inputs per neuron.
  const acc = new Float32Array(cout);
  for (let oy = 0; oy < R.output; oy++) {
    for (let ox = 0; ox < C.output; ox++) {
      acc.fill(0);
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * R.stride - R.padBefore + ky * R.dilation;
        if (iy < 0 || iy >= R.input) continue; // a padded zero adds nothing
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * C.stride - C.padBefore + kx * C.dilation;
          if (ix < 0 || ix >= C.input) continue;
          const xBase = (iy * w + ix) * cin;
          const fBase = (ky * kw + kx) * cin * cout;
          for (let ci = 0; ci < cin; ci++) {
            const v = x[xBase + ci];
            const fRow = fBase + ci * cout;
            for (let co = 0; co < cout; co++) acc[co] += v * f[fRow + co];
          }
        }
      }
      const o = (oy * C.output + ox) * cout;
      for (let co = 0; co < cout; co++) out[o + co] = acc[co] + (options.bias?.[co] ?? 0);
    }
  }
  return ok({shape: plan.value.outputShape, data: out});
}

/**
 * Depthwise convolution: each input channel gets its own `multiplier` filters and is never mixed
 * with the others; output channel c·multiplier + m comes from input channel c (tfjs's order).
 */
export function depthwiseConv2d(input: Grid | Image, filters: Filters, options: ConvOptions = {}): Result<Image> {
  const plan = validateConv(input, filters, options, "depthwise");
  if (!plan.ok) return plan;
  const {rows: R, cols: C, outChannels: cout, inChannels: cin} = plan.value;
  const [, w] = input.shape;
  const [kh, kw, , mult] = filters.shape;
  const x = input.data;
  const f = filters.data;
  const out = new Float32Array(R.output * C.output * cout);
  const acc = new Float32Array(cout); // as in conv2d
  for (let oy = 0; oy < R.output; oy++) {
    for (let ox = 0; ox < C.output; ox++) {
      acc.fill(0);
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * R.stride - R.padBefore + ky * R.dilation;
        if (iy < 0 || iy >= R.input) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * C.stride - C.padBefore + kx * C.dilation;
          if (ix < 0 || ix >= C.input) continue;
          const xBase = (iy * w + ix) * cin;
          const fBase = (ky * kw + kx) * cout; // cin·mult weights per tap, in output-channel order
          for (let ci = 0; ci < cin; ci++) {
            const v = x[xBase + ci];
            for (let m = 0; m < mult; m++) acc[ci * mult + m] += v * f[fBase + ci * mult + m];
          }
        }
      }
      const o = (oy * C.output + ox) * cout;
      for (let co = 0; co < cout; co++) out[o + co] = acc[co] + (options.bias?.[co] ?? 0);
    }
  }
  return ok({shape: plan.value.outputShape, data: out});
}

/** 1×1 convolution: mixes channels at each pixel, leaves height and width alone. */
export function pointwiseConv(input: Grid | Image, filters: Filters, options: {bias?: ArrayLike<number>} = {}): Result<Image> {
  if (filters?.shape && (filters.shape[0] !== 1 || filters.shape[1] !== 1)) {
    return fail(`A pointwise filter is 1×1, not ${filters.shape[0]}×${filters.shape[1]}.`);
  }
  return conv2d(input, filters, {bias: options.bias});
}

/**
 * Depthwise-separable convolution: a depthwise pass (spatial, per channel) then a pointwise pass
 * (across channels). Stride, padding and dilation apply to the depthwise pass, the bias to the
 * end, as in tfjs and Keras's SeparableConv2D.
 */
export function separableConv2d(input: Grid | Image, depthwise: Filters, pointwise: Filters, options: ConvOptions = {}): Result<Image> {
  const {bias, ...spatial} = options;
  const mid = depthwiseConv2d(input, depthwise, spatial);
  if (!mid.ok) return mid;
  const [, , channels] = mid.value.shape;
  if (pointwise?.shape && pointwise.shape[2] !== channels) {
    return fail(`The pointwise filters expect ${pointwise.shape[2]} input channels but the depthwise pass makes ${channels}.`);
  }
  return pointwiseConv(mid.value, pointwise, {bias});
}

// ---------------------------------------------------------------------------------------------
// One output cell, term by term (for the playground)

export interface Term {
  readonly channel: number;
  readonly kernelRow: number;
  readonly kernelCol: number;
  /** Input coordinates; outside 0…height−1 / 0…width−1 means a padded zero. */
  readonly inputRow: number;
  readonly inputCol: number;
  readonly inside: boolean;
  readonly value: number;
  readonly weight: number;
  readonly product: number;
}

export interface CellTrace {
  readonly outRow: number;
  readonly outCol: number;
  readonly outChannel: number;
  /** Input rows and columns the kernel's first and last taps land on (may lie in the padding). */
  readonly rows: readonly [first: number, last: number];
  readonly cols: readonly [first: number, last: number];
  readonly terms: readonly Term[];
  readonly bias: number;
  /** Exactly conv2d's output at this cell. */
  readonly sum: number;
  /** e.g. "5·1 + 5·0 + 0·(−1) + … = 15" */
  readonly text: string;
}

export interface FormatOptions {
  /** Order of the terms within each channel: along rows (reading order) or down columns. */
  order?: "row" | "column";
  format?: (x: number) => string;
}

/** Up to three decimals, a true minus sign, no "−0". */
export function formatNumber(x: number): string {
  const rounded = Number(x.toFixed(3));
  return (Object.is(rounded, -0) ? 0 : rounded).toString().replace("-", "\u2212");
}

/** "a·b + c·d + … = s", negatives in parentheses so "+ (−1)" never reads as "+ −1". */
export function formatTerms(
  terms: readonly Term[],
  sum: number,
  {order = "row", format = formatNumber, bias = 0}: FormatOptions & {bias?: number} = {}
): string {
  const f = (x: number) => (x < 0 && format(x) !== format(0) ? `(${format(x)})` : format(x));
  const sorted =
    order === "row" ? terms : [...terms].sort((a, b) => a.channel - b.channel || a.kernelCol - b.kernelCol || a.kernelRow - b.kernelRow);
  const parts = sorted.map((t) => `${f(t.value)}·${f(t.weight)}`);
  if (bias !== 0) parts.push(f(bias));
  return `${parts.join(" + ")} = ${format(sum)}`;
}

/** The input cells, weights and arithmetic behind one output cell of conv2d. */
export function receptiveField(
  outRow: number,
  outCol: number,
  input: Grid | Image,
  filters: Filters,
  options: ConvOptions & FormatOptions & {outChannel?: number} = {}
): Result<CellTrace> {
  const plan = validateConv(input, filters, options);
  if (!plan.ok) return plan;
  const {rows: R, cols: C, outChannels: cout, inChannels: cin} = plan.value;
  const {outChannel = 0} = options;
  const problem =
    checkInteger("Output row", outRow, 0) ??
    checkInteger("Output column", outCol, 0) ??
    checkInteger("Output channel", outChannel, 0) ??
    (outRow >= R.output ? `Output row ${outRow} is outside 0…${R.output - 1}.` : null) ??
    (outCol >= C.output ? `Output column ${outCol} is outside 0…${C.output - 1}.` : null) ??
    (outChannel >= cout ? `Output channel ${outChannel} is outside 0…${cout - 1}.` : null);
  if (problem) return fail(problem);
  const [kh, kw] = filters.shape;
  const [, w] = input.shape;
  const terms: Term[] = [];
  let sum = 0;
  // Summed in conv2d's order and precision, so the trace ends on exactly the number conv2d shows.
  for (let kernelRow = 0; kernelRow < kh; kernelRow++) {
    for (let kernelCol = 0; kernelCol < kw; kernelCol++) {
      for (let channel = 0; channel < cin; channel++) {
        const inputRow = outRow * R.stride - R.padBefore + kernelRow * R.dilation;
        const inputCol = outCol * C.stride - C.padBefore + kernelCol * C.dilation;
        const inside = inputRow >= 0 && inputRow < R.input && inputCol >= 0 && inputCol < C.input;
        const value = inside ? input.data[(inputRow * w + inputCol) * cin + channel] : 0;
        const weight = filters.data[((kernelRow * kw + kernelCol) * cin + channel) * cout + outChannel];
        const product = value * weight;
        if (inside) sum = Math.fround(sum + product);
        terms.push({channel, kernelRow, kernelCol, inputRow, inputCol, inside, value, weight, product});
      }
    }
  }
  terms.sort((a, b) => a.channel - b.channel); // stable: reading order within each channel
  const bias = options.bias?.[outChannel] ?? 0;
  sum = Math.fround(sum + bias);
  const first = (a: AxisPlan, o: number) => o * a.stride - a.padBefore;
  const rows = [first(R, outRow), first(R, outRow) + R.effectiveKernel - 1] as const;
  const cols = [first(C, outCol), first(C, outCol) + C.effectiveKernel - 1] as const;
  const text = formatTerms(terms, sum, {...options, bias});
  return ok({outRow, outCol, outChannel, rows, cols, terms, bias, sum, text});
}
