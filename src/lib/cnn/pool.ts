// Pooling for the CNN pages: no weights, just max or mean over each window. Plain TypeScript
// over the same HWC layout as conv.ts, matching tfjs's maxPool/avgPool cell for cell.

import {checkImage, planWindow, toImage, type AxisPlan, type Grid, type Image, type Pair} from "./conv.js";
import {checkInteger, fail, ok, show, type Result} from "../core/result.js";

export type PoolType = "max" | "avg";
export type PoolPadding = "valid" | "same";

export interface PoolOptions {
  /** Window height and width. */
  size: Pair;
  /** Defaults to the window size (non-overlapping windows). */
  stride?: Pair;
  padding?: PoolPadding;
}

export interface PoolPlan {
  readonly rows: AxisPlan;
  readonly cols: AxisPlan;
  readonly outputShape: readonly [number, number, number];
}

/** The sweep of both axes and the output shape, or what is wrong with the input or options. */
export function validatePool(input: Grid | Image, options: PoolOptions): Result<PoolPlan> {
  const problem = checkImage(input);
  if (problem) return fail(problem);
  const {size, stride = size, padding = "valid"} = options ?? ({} as PoolOptions);
  if (size === undefined) return fail("The pool size is missing.");
  if (padding !== "valid" && padding !== "same") return fail(`Pooling padding must be "valid" or "same" (got ${show(padding)}).`);
  const window = planWindow(input.shape, size, {stride, padding});
  if (!window.ok) return window;
  const {rows, cols} = window.value;
  return ok({rows, cols, outputShape: [rows.output, cols.output, toImage(input).shape[2]]});
}

/**
 * Max or average pooling, each channel on its own. Padding never enters a window: max ignores it
 * and the average divides by the in-bounds cells only, as TensorFlow does for 'same'.
 */
export function pool2d(input: Grid | Image, type: PoolType, options: PoolOptions): Result<Image> {
  if (type !== "max" && type !== "avg") return fail(`Pooling is "max" or "avg" (got ${show(type)}).`);
  const plan = validatePool(input, options);
  if (!plan.ok) return plan;
  const {rows: R, cols: C, outputShape} = plan.value;
  const [, w, ch] = toImage(input).shape;
  const out = new Float32Array(R.output * C.output * ch);
  for (let oy = 0; oy < R.output; oy++) {
    const [y0, y1] = inBounds(R, oy);
    for (let ox = 0; ox < C.output; ox++) {
      const [x0, x1] = inBounds(C, ox);
      for (let c = 0; c < ch; c++) {
        let best = -Infinity;
        let sum = 0;
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            const v = input.data[(y * w + x) * ch + c];
            if (v > best) best = v;
            sum += v;
          }
        }
        out[(oy * C.output + ox) * ch + c] = type === "max" ? best : sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
  return ok({shape: outputShape, data: out});
}

export const maxPool = (input: Grid | Image, options: PoolOptions): Result<Image> => pool2d(input, "max", options);
export const avgPool = (input: Grid | Image, options: PoolOptions): Result<Image> => pool2d(input, "avg", options);

// The window's in-bounds index range [from, to) along one axis. 'same' padding never exceeds
// kernel − 1 in total, so every window keeps at least one real cell and the average is defined.
function inBounds(a: AxisPlan, o: number): [number, number] {
  const start = o * a.stride - a.padBefore;
  return [Math.max(0, start), Math.min(a.input, start + a.kernel)];
}

export interface PoolTrace {
  readonly outRow: number;
  readonly outCol: number;
  readonly channel: number;
  /** The in-bounds cells of the window, in reading order. */
  readonly cells: readonly {row: number; col: number; value: number}[];
  readonly value: number;
  /** For max pooling, the index in `cells` of the (first) winner; the others are dropped. */
  readonly winner: number | null;
}

/** The cells one output of pool2d looks at, for highlighting in the playground. */
export function poolWindow(
  outRow: number,
  outCol: number,
  input: Grid | Image,
  type: PoolType,
  options: PoolOptions & {channel?: number}
): Result<PoolTrace> {
  const plan = validatePool(input, options);
  if (!plan.ok) return plan;
  const {rows: R, cols: C, outputShape} = plan.value;
  const {channel = 0} = options;
  const problem =
    checkInteger("Output row", outRow, 0) ??
    checkInteger("Output column", outCol, 0) ??
    checkInteger("Channel", channel, 0) ??
    (outRow >= R.output ? `Output row ${outRow} is outside 0…${R.output - 1}.` : null) ??
    (outCol >= C.output ? `Output column ${outCol} is outside 0…${C.output - 1}.` : null) ??
    (channel >= outputShape[2] ? `Channel ${channel} is outside 0…${outputShape[2] - 1}.` : null);
  if (problem) return fail(problem);
  const [, w, ch] = toImage(input).shape;
  const [y0, y1] = inBounds(R, outRow);
  const [x0, x1] = inBounds(C, outCol);
  const cells: {row: number; col: number; value: number}[] = [];
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) cells.push({row, col, value: input.data[(row * w + col) * ch + channel]});
  }
  const values = cells.map((c) => c.value);
  const winner = type === "max" ? values.indexOf(Math.max(...values)) : null;
  const value = type === "max" ? values[winner!] : Math.fround(values.reduce((a, b) => a + b, 0) / values.length);
  return ok({outRow, outCol, channel, cells, value, winner});
}

/**
 * Depth-wise pooling: every `size` consecutive channels become one (the max or mean across them),
 * so height and width stay and depth shrinks. Like TensorFlow's depth pooling, the windows do not
 * overlap and must tile the channels exactly.
 */
export function depthPool(input: Grid | Image, {size, type = "max"}: {size: number; type?: PoolType}): Result<Image> {
  const problem = checkImage(input) ?? checkInteger("The depth pool size", size, 1);
  if (problem) return fail(problem);
  if (type !== "max" && type !== "avg") return fail(`Pooling is "max" or "avg" (got ${show(type)}).`);
  const [h, w, ch] = toImage(input).shape;
  if (ch % size !== 0) {
    return fail(`Depth-wise pooling needs the channel count (${ch}) to be a multiple of the pool size (${size}).`);
  }
  const outCh = ch / size;
  const out = new Float32Array(h * w * outCh);
  for (let o = 0; o < out.length; o++) {
    const base = o * size; // channels of one pixel are contiguous, so group o covers [base, base + size)
    let best = -Infinity;
    let sum = 0;
    for (let k = 0; k < size; k++) {
      const v = input.data[base + k];
      if (v > best) best = v;
      sum += v;
    }
    out[o] = type === "max" ? best : sum / size;
  }
  return ok({shape: [h, w, outCh], data: out});
}

export interface SizeReduction {
  readonly before: number;
  readonly after: number;
  /** after / before */
  readonly ratio: number;
  /** 1 − ratio: 0.75 for 4×4 → 2×2, the lecture's "75% drop" */
  readonly drop: number;
}

/** How much smaller a feature map got, from its shapes (or plain cell counts). */
export function sizeReduction(before: number | readonly number[], after: number | readonly number[]): Result<SizeReduction> {
  const count = (shape: number | readonly number[], what: string): Result<number> => {
    const dims = typeof shape === "number" ? [shape] : Array.isArray(shape) ? shape : [];
    if (dims.length === 0) return fail(`The ${what} shape is empty.`);
    for (const d of dims) {
      const problem = checkInteger(`Each ${what} size`, d, 1);
      if (problem) return fail(problem);
    }
    return ok(dims.reduce((a, b) => a * b, 1));
  };
  const b = count(before, "input");
  if (!b.ok) return b;
  const a = count(after, "output");
  if (!a.ok) return a;
  const ratio = a.value / b.value;
  return ok({before: b.value, after: a.value, ratio, drop: 1 - ratio});
}
