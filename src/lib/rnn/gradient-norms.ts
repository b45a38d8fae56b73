// How much h_t still depends on h_0: the norm of the Jacobian ∂h_t/∂h_0 for t = 1…T, measured
// with tf.grad. By the chain rule ∂s_t/∂s_0 = J_t·J_{t−1}·…·J_1, where J_t = ∂s_t/∂s_{t−1} is
// one step's Jacobian (s is the whole state: h for SimpleRNN and GRU, [h, c] for LSTM). Each J_t
// comes from one backward pass over a batch of d copies of s_{t−1}: row r of the batch asks for
// the gradient of s_t[r], and rows do not mix, so the batch's gradient is J_t, row by row.
// The norm is the spectral norm (the largest singular value): the most any direction of h_0 is
// stretched by the time it reaches h_t. Weights are in tfjs's layouts (see lstm-cell.ts,
// gru-cell.ts, rnn-cell.ts); gates use tfjs's default hardSigmoid unless `gates` says "sigmoid".
import type {Tensor} from "@tensorflow/tfjs";
import type {CellWeights} from "./cell-weights.js";
import type {Matrix} from "../core/matvec.js";
import {symmetricEigen} from "../models/pca.js";
import {gateActivation, peepholeLstmStep, type GateActivation} from "../models/peephole-lstm.js";
import type {TF} from "../core/tf-types.js";

export type GradientCell = "simpleRNN" | "lstm" | "gru";

export interface StepFunction {
  /** Entries of the state s (units for SimpleRNN and GRU, 2·units for LSTM: h then c). */
  stateSize: number;
  units: number;
  /** s_t from x_t [rows, inputDim] and s_{t−1} [rows, stateSize]; differentiable. */
  step: (x: Tensor, s: Tensor) => Tensor;
  /** The weight tensors `step` uses (to keep them past a tidy, and dispose them after). */
  tensors: Tensor[];
}

function tensors(tf: TF, {kernel, recurrentKernel, bias}: CellWeights) {
  const k = tf.tensor2d(Array.from(kernel, (r) => Array.from(r)));
  const u = tf.tensor2d(Array.from(recurrentKernel, (r) => Array.from(r)));
  const b = bias ? tf.tensor1d(Array.from(bias)) : tf.zeros([u.shape[1]]);
  return {k, u, b, units: u.shape[0]};
}

/** One step of `cell` as a tensor function. Call inside tf.tidy: it makes weight tensors. */
export function stepFunction(tf: TF, cell: GradientCell, weights: CellWeights, gates: GateActivation = "hardSigmoid"): StepFunction {
  const {k, u, b, units} = tensors(tf, weights);
  if (cell === "simpleRNN") {
    return {stateSize: units, units, tensors: [k, u, b], step: (x, s) => tf.tanh(tf.add(tf.add(tf.matMul(x, k), tf.matMul(s, u)), b))};
  }
  if (cell === "gru") {
    // tfjs's GRU: the reset gate scales h_{t−1} before the candidate's product; h_t = z⊙h + (1 − z)⊙h̃.
    const [uzr, uh] = tf.split(u, [2 * units, units], 1);
    return {
      stateSize: units,
      units,
      tensors: [k, u, b, uzr, uh],
      step: (x, h) => {
        const xk = tf.add(tf.matMul(x, k), b);
        const [xz, xr, xh] = tf.split(xk, 3, 1);
        const [hz, hr] = tf.split(tf.matMul(h, uzr), 2, 1);
        const z = gateActivation(tf, gates, tf.add(xz, hz));
        const r = gateActivation(tf, gates, tf.add(xr, hr));
        const candidate = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, h), uh)));
        return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
      }
    };
  }
  return {
    stateSize: 2 * units,
    units,
    tensors: [k, u, b],
    step: (x, s) => {
      const [h, c] = tf.split(s, 2, 1);
      const next = peepholeLstmStep(tf, x, h, c, {kernel: k, recurrentKernel: u, bias: b, peepholes: null}, gates);
      return tf.concat([next.h, next.c], 1);
    }
  };
}

/**
 * ∂h_t/∂h_0 for t = 1…T (xs has T rows), as T row-major units × units blocks: entry [r][i] of
 * block t is ∂h_t[r]/∂h_0[i]. The state starts at zeros unless `s0` is given.
 */
export function hiddenJacobians(
  tf: TF,
  cell: GradientCell,
  weights: CellWeights,
  xs: Matrix,
  s0?: ArrayLike<number>,
  gates: GateActivation = "hardSigmoid"
): Float32Array[] {
  return tf.tidy(() => {
    const {stateSize: d, units, step} = stepFunction(tf, cell, weights, gates);
    const eye = tf.eye(d);
    let s: Tensor = s0 ? tf.tensor2d(Array.from(s0), [1, d]) : tf.zeros([1, d]);
    let product: Tensor = eye;
    const blocks: Tensor[] = [];
    // The gradient of Σ_r s_t[row r][r]: row r of the result is ∂s_t[r]/∂s_{t−1}, that is J_t.
    for (let t = 0; t < xs.length; t++) {
      let block: Tensor;
      [s, product, block] = jacobianStep(tf, step, eye, xs[t], s, product, units);
      blocks.push(block);
    }
    const all = blocks.length ? (tf.stack(blocks).dataSync() as Float32Array) : new Float32Array(0);
    return blocks.map((_, t) => all.slice(t * units * units, (t + 1) * units * units));
  });
}

/**
 * One step t: s_t, the product J_t·…·J_1 and its h-block. The gradient of Σ_r s_t[row r][r]:
 * row r of the result is ∂s_t[r]/∂s_{t−1}, that is J_t.
 */
function jacobianStep(
  tf: TF,
  step: StepFunction["step"],
  eye: Tensor,
  xt: ArrayLike<number>,
  s: Tensor,
  product: Tensor,
  units: number
): [Tensor, Tensor, Tensor] {
  const d = eye.shape[0]!;
  const x = tf.tensor2d([Array.from(xt)]);
  const jacobian = tf.grad((copies: Tensor) => tf.sum(tf.mul(step(tf.tile(x, [d, 1]), copies), eye)))(tf.tile(s, [d, 1]));
  const next = tf.matMul(jacobian, product);
  // h comes first in the state, so the h-rows and h_0-columns are the top-left block.
  return [step(x, s), next, tf.slice(next, [0, 0], [units, units])];
}

/** The largest singular value of a rows × cols matrix (row-major): √(largest eigenvalue of AᵀA). */
export function spectralNorm(a: ArrayLike<number>, rows: number, cols: number): number {
  if (a.length !== rows * cols) throw new RangeError(`spectralNorm: ${a.length} entries is not ${rows}×${cols}`);
  const gram = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += a[r * cols + i] * a[r * cols + j];
      gram[i * cols + j] = gram[j * cols + i] = sum;
    }
  }
  // Entries below ~1e-300 underflow in the squares; the norm is then reported as 0.
  return Math.sqrt(Math.max(0, symmetricEigen(gram, cols).values[0] ?? 0));
}

/** ‖∂h_t/∂h_0‖ for t = 1…T. */
export function gradientNorms(
  tf: TF,
  cell: GradientCell,
  weights: CellWeights,
  xs: Matrix,
  s0?: ArrayLike<number>,
  gates: GateActivation = "hardSigmoid"
): number[] {
  const units = weights.recurrentKernel.length;
  return hiddenJacobians(tf, cell, weights, xs, s0, gates).map((block) => spectralNorm(block, units, units));
}

/**
 * gradientNorms a few steps at a time, awaiting `pause()` whenever `budgetMs` of work has
 * passed, so that a page stays responsive: the same operations in the same order, so the same
 * norms. `ms` is the time spent computing (pauses excluded). When `stopped()` turns true (the
 * cell was invalidated) it stops at the next pause and returns null. Leaves no tensor behind.
 */
export async function gradientNormsInSlices(
  tf: TF,
  cell: GradientCell,
  weights: CellWeights,
  xs: Matrix,
  {
    pause,
    budgetMs = 30,
    stopped = () => false,
    s0,
    gates = "hardSigmoid"
  }: {pause: () => Promise<void>; budgetMs?: number; stopped?: () => boolean; s0?: ArrayLike<number>; gates?: GateActivation}
): Promise<{norms: number[]; ms: number} | null> {
  let fn: StepFunction | null = null;
  let eye: Tensor | null = null;
  let s: Tensor | null = null;
  let product: Tensor | null = null;
  try {
    [eye, s] = tf.tidy(() => {
      fn = stepFunction(tf, cell, weights, gates);
      for (const t of fn.tensors) tf.keep(t);
      const d = fn.stateSize;
      return [tf.eye(d), s0 ? tf.tensor2d(Array.from(s0), [1, d]) : tf.zeros([1, d])];
    });
    const {step, units} = fn! as StepFunction;
    const norms: number[] = [];
    let ms = 0;
    let since = performance.now();
    for (let t = 0; t < xs.length; t++) {
      if (performance.now() - since > budgetMs) {
        ms += performance.now() - since;
        await pause();
        if (stopped()) return null;
        since = performance.now();
      }
      const [nextS, nextProduct, block] = tf.tidy(() => jacobianStep(tf, step, eye!, xs[t], s!, product ?? eye!, units));
      s.dispose();
      product?.dispose();
      [s, product] = [nextS, nextProduct];
      const values = block.dataSync() as Float32Array;
      block.dispose();
      norms.push(spectralNorm(values, units, units));
    }
    return {norms, ms: ms + performance.now() - since};
  } finally {
    for (const t of [...((fn as StepFunction | null)?.tensors ?? []), eye, s, product]) t?.dispose();
  }
}

/** A SimpleRNN's weights with the recurrent kernel multiplied by `scale`. An orthogonal kernel has every eigenvalue on the unit circle, so `scale` is then its spectral radius. */
export function scaleRecurrent(weights: CellWeights, scale: number): CellWeights {
  return {...weights, recurrentKernel: Array.from(weights.recurrentKernel, (row) => Float32Array.from(row, (v) => v * scale))};
}

/** The gradient page's curves as rows for Plot: one per (series, t). */
export interface NormPoint {
  series: string;
  t: number;
  norm: number;
}

/** Zeros (a norm below float32's smallest number) are left out: a log scale cannot draw them. */
export function normPoints(series: string, norms: number[]): NormPoint[] {
  return norms.flatMap((norm, k) => (norm > 0 && Number.isFinite(norm) ? [{series, t: k + 1, norm}] : []));
}
