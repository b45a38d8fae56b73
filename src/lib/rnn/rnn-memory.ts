// Memory in a recurrent neuron: change x at t = 0 and measure how far the change still reaches
// at every later step. h_t depends on x_0 only through the chain h_1, h_2, …, and each link
// multiplies a small change by w_h·φ′(z_t): below 1 in size the change fades (contracting
// weights), above 1 it grows until φ saturates (expanding weights).
import type {CellWeights} from "./cell-weights.js";
import type {Matrix} from "../core/matvec.js";
import {fail, ok, type Result} from "../core/result.js";
import type {RnnActivation} from "./rnn-cell.js";
import {unroll} from "./rnn-nutshell.js";

export interface MemoryPoint {
  t: number;
  /** |h_t − h′_t|, the largest over units: how much of the change at t = 0 is left. */
  change: number;
  series: string;
}

export interface MemoryTrace {
  points: MemoryPoint[];
  /** First step at which the change is exactly 0 in float32 (forgotten for good), or null. */
  forgottenAt: number | null;
  /** Last step at which the change is at least 1% of its size at t = 0, or null if never. */
  reach: number | null;
}

/**
 * Runs the cell on xs and on xs with x_0 + delta (every input of x_0), and records the change
 * in h_t at every step. Float32 throughout, as tfjs computes: a change below float32's
 * resolution becomes exactly 0.
 */
export function memoryTrace(
  xs: Matrix,
  weights: CellWeights,
  activation: RnnActivation,
  {delta = 0.1, series = ""}: {delta?: number; series?: string} = {}
): Result<MemoryTrace> {
  if (xs.length === 0) return fail("The sequence is empty.");
  if (!(Number.isFinite(delta) && delta !== 0)) return fail("The change at t = 0 must be a non-zero number.");
  const shifted = Array.from(xs, (x, t) => (t === 0 ? Array.from(x, (v) => v + delta) : x));
  const a = unroll(xs, weights, activation);
  if (!a.ok) return a;
  const b = unroll(shifted, weights, activation);
  if (!b.ok) return b;
  const points = a.value.h.map((h, t) => ({
    t,
    change: Math.max(...Array.from(h, (v, k) => Math.abs(v - b.value.h[t][k]))),
    series
  }));
  const first = points[0].change;
  const zero = points.findIndex((p) => p.change === 0);
  let reach: number | null = null;
  for (const p of points) if (first > 0 && p.change >= 0.01 * first) reach = p.t;
  return ok({points, forgottenAt: zero >= 0 ? zero : null, reach});
}

/** The sequence for the memory demonstration: the reader's inputs, then x = 0 up to `steps`. */
export function padWithZeros(xs: Matrix, steps: number): number[][] {
  const inputDim = xs.length ? xs[0].length : 1;
  return Array.from({length: Math.max(steps, xs.length)}, (_, t) =>
    t < xs.length ? Array.from(xs[t]) : new Array<number>(inputDim).fill(0)
  );
}
