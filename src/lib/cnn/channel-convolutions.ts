// The computations behind the "Filters and feature maps" and "Depthwise separable convolution"
// pages, built from conv.ts: a bank of filters over one image (stacked feature maps), one filter
// per RGB channel summed into one map, and a depthwise-separable convolution beside the standard
// convolution it equals. Pure functions returning Results, cheap enough for every keystroke.

import {
  channelOf,
  compareConvCosts,
  conv2d,
  depthwiseConv2d,
  gridFromRows,
  kernelFilters,
  parseGridText,
  planWindow,
  pointwiseConv,
  stackChannels,
  stackFilters,
  validateConv,
  type ConvCostComparison,
  type Filters,
  type Grid,
  type Image,
  type Padding
} from "./conv.js";
import {DIAGONAL_KERNELS, KERNEL_PRESETS} from "./kernel-presets.js";
import {fail, ok, type Result} from "../core/result.js";

export interface NamedFilter {
  readonly name: string;
  readonly kernel: Grid;
}

const preset = (name: string) => KERNEL_PRESETS.find((k) => k.name === name)!;

/** Classic hand-made 3×3 filters (the playground's presets plus an outline filter); the first is the lecture's vertical edge. */
export const FILTER_BANK: readonly NamedFilter[] = [
  preset("Vertical edge (lecture)"),
  preset("Horizontal edge"),
  ...DIAGONAL_KERNELS,
  {
    name: "Outline (Laplacian)",
    rows: [
      [0, -1, 0],
      [-1, 4, -1],
      [0, -1, 0]
    ]
  },
  preset("Blur"),
  preset("Sharpen")
].map(({name, rows}) => ({name, kernel: gridFromRows(rows)}));

/** "1 0 −1" lines to a named filter, the message naming which filter is wrong. */
export function parseFilter(name: string, text: string): Result<NamedFilter> {
  const grid = parseGridText(text);
  return grid.ok ? ok({name, kernel: grid.value}) : fail(`${name}: ${grid.message}`);
}

export interface ConvSettings {
  stride: number;
  padding: Padding;
}

const sizeOf = (g: Grid) => `${g.shape[0]}×${g.shape[1]}`;

/** Null when every filter has the first one's size, else a sentence naming the odd one. */
function sameSize(filters: readonly NamedFilter[], what: string): string | null {
  const odd = filters.find((f) => sizeOf(f.kernel) !== sizeOf(filters[0].kernel));
  return odd
    ? `All ${what} share one size: “${odd.name}” is ${sizeOf(odd.kernel)} but “${filters[0].name}” is ${sizeOf(filters[0].kernel)}.`
    : null;
}

export interface FeatureMaps {
  /** height × width × one channel per filter. */
  readonly maps: Image;
  readonly filters: Filters;
  readonly names: readonly string[];
}

/**
 * One convolutional layer with hand-made filters: every filter over the same one-channel image,
 * the maps stacked as channels (the layer's output), optionally through a ReLU.
 */
export function applyFilterBank(
  input: Grid,
  bank: readonly NamedFilter[],
  {stride, padding, relu = false}: ConvSettings & {relu?: boolean}
): Result<FeatureMaps> {
  if (bank.length === 0) return fail("Choose at least one filter.");
  const problem = sameSize(bank, "filters of one layer");
  if (problem) return fail(problem);
  const filters = stackFilters(bank.map((f) => ({shape: [f.kernel.shape[0], f.kernel.shape[1], 1], data: f.kernel.data})));
  if (!filters.ok) return filters;
  const out = conv2d(input, filters.value, {stride, padding});
  if (!out.ok) return out;
  if (relu) out.value.data.forEach((v, i, a) => (a[i] = Math.max(v, 0)));
  return ok({maps: out.value, filters: filters.value, names: bank.map((f) => f.name)});
}

export interface ChannelSum {
  /** Each channel convolved with its own filter. */
  readonly parts: readonly Grid[];
  /** The one feature map: the parts added up (computed as one conv2d over all channels). */
  readonly total: Grid;
  /** The k×k×channels×1 filter a convolutional layer stores for this map. */
  readonly filters: Filters;
}

/**
 * How a convolutional layer makes one feature map from a colour image: a k×k slice of the filter
 * per channel, each channel convolved with its slice, and the results summed. `total` comes from
 * one conv2d over the whole image; `parts` from each channel on its own, so the page can show that
 * they add up.
 */
export function convolveChannels(image: Image, perChannel: readonly NamedFilter[], {stride, padding}: ConvSettings): Result<ChannelSum> {
  const channels = image.shape[2];
  if (perChannel.length !== channels) return fail(`The image has ${channels} channels but there are ${perChannel.length} filters.`);
  const problem = sameSize(perChannel, "slices of one filter");
  if (problem) return fail(problem);
  const slices = stackChannels(perChannel.map((f) => f.kernel));
  if (!slices.ok) return slices;
  const filters = stackFilters([slices.value]);
  if (!filters.ok) return filters;
  const total = conv2d(image, filters.value, {stride, padding});
  if (!total.ok) return total;
  const parts: Grid[] = [];
  for (let c = 0; c < channels; c++) {
    const part = conv2d(channelOf(image, c), kernelFilters(perChannel[c].kernel), {stride, padding});
    if (!part.ok) return part;
    parts.push(channelOf(part.value, 0));
  }
  return ok({parts, total: channelOf(total.value, 0), filters: filters.value});
}

export interface Separable {
  /** One map per input channel (depth multiplier 1). */
  readonly depthwise: Image;
  /** Pointwise 1×1 mix of the depthwise maps: one map per output channel. */
  readonly separable: Image;
  /** A standard convolution with the same output depth, using the k×k×in×out kernel the two passes multiply out to. */
  readonly standard: Image;
  readonly standardFilters: Filters;
  /** Largest |separable − standard| over all outputs: float32 rounding only. */
  readonly maxDifference: number;
  readonly costs: ConvCostComparison;
}

/**
 * A depthwise-separable convolution (one k×k filter per channel, then a 1×1 convolution with
 * `pointwise[o][c]` weighting depthwise map c in output o) and the standard convolution with the
 * same output depth whose filters are the product W[y][x][c][o] = depthwise_c[y][x] · pointwise[o][c].
 * A standard layer could learn any W; the separable one only these products, which is why it
 * needs so few parameters.
 */
export function separableVersusStandard(
  image: Image,
  depthwise: readonly NamedFilter[],
  pointwise: Grid,
  {stride, padding}: ConvSettings
): Result<Separable> {
  const cin = image.shape[2];
  if (depthwise.length !== cin) return fail(`The image has ${cin} channels but there are ${depthwise.length} depthwise filters.`);
  const problem = sameSize(depthwise, "depthwise filters");
  if (problem) return fail(problem);
  const [outChannels, mixWidth] = pointwise.shape;
  if (mixWidth !== cin) {
    return fail(`Each pointwise row needs ${cin} weights, one per depthwise map, but the rows have ${mixWidth}.`);
  }
  const slices = stackChannels(depthwise.map((f) => f.kernel));
  if (!slices.ok) return slices;
  const [kh, kw] = depthwise[0].kernel.shape;
  const depthFilters: Filters = {shape: [kh, kw, cin, 1], data: slices.value.data};
  // Pointwise filters in tfjs layout [1, 1, in, out]: entry (c, o) is row o, column c of the text.
  const pointFilters: Filters = {shape: [1, 1, cin, outChannels], data: new Float32Array(cin * outChannels)};
  for (let o = 0; o < outChannels; o++) for (let c = 0; c < cin; c++) pointFilters.data[c * outChannels + o] = pointwise.data[o * cin + c];
  const plan = validateConv(image, depthFilters, {stride, padding}, "depthwise");
  if (!plan.ok) return plan;
  const mid = depthwiseConv2d(image, depthFilters, {stride, padding});
  if (!mid.ok) return mid;
  const separable = pointwiseConv(mid.value, pointFilters);
  if (!separable.ok) return separable;
  const full = new Float32Array(kh * kw * cin * outChannels);
  for (let t = 0; t < kh * kw; t++) {
    for (let c = 0; c < cin; c++) {
      for (let o = 0; o < outChannels; o++)
        full[(t * cin + c) * outChannels + o] = depthFilters.data[t * cin + c] * pointFilters.data[c * outChannels + o];
    }
  }
  const standardFilters: Filters = {shape: [kh, kw, cin, outChannels], data: full};
  const standard = conv2d(image, standardFilters, {stride, padding});
  if (!standard.ok) return standard;
  let maxDifference = 0;
  separable.value.data.forEach((v, i) => (maxDifference = Math.max(maxDifference, Math.abs(v - standard.value.data[i]))));
  const window = planWindow(image.shape, [kh, kw], {stride, padding});
  if (!window.ok) return window;
  const costs = compareConvCosts({
    output: [window.value.rows.output, window.value.cols.output],
    kernel: [kh, kw],
    inChannels: cin,
    outChannels
  });
  if (!costs.ok) return costs;
  return ok({
    depthwise: mid.value,
    separable: separable.value,
    standard: standard.value,
    standardFilters,
    maxDifference,
    costs: costs.value
  });
}
