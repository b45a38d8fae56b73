// A simple recurrent cell, one step at a time, so a page can show every number of
//   h_t = φ(x_t·W_x + h_{t−1}·W_h + b)
// with weights in tfjs's SimpleRNN layout: kernel = W_x [inputDim, units],
// recurrentKernel = W_h [units, units], bias = b [units]. tfjs's default φ is tanh.
import type {ActivationName} from "./cell-activations.js";
import {activation as activationFunction} from "./cell-activations.js";
import type {CellWeights} from "./cell-weights.js";
import {checkCellWeights, checkLength} from "./cell-weights.js";
import type {Matrix, Vector} from "../core/matvec.js";
import {addVectors, concatVectors, mapVector, stackRows, vecMat, zeros} from "../core/matvec.js";

export type RnnActivation = Extract<ActivationName, "tanh" | "relu" | "sigmoid" | "linear">;

export interface RnnOptions {
  /** φ; tfjs's SimpleRNN default is "tanh". */
  activation?: RnnActivation;
}

export interface RnnStep {
  x: Vector;
  hPrev: Vector;
  /** x_t·W_x */
  xW: Float32Array;
  /** h_{t−1}·W_h */
  hW: Float32Array;
  /** x_t·W_x + h_{t−1}·W_h + b, before φ */
  preactivation: Float32Array;
  h: Float32Array;
}

/** One step, term by term as in the per-weight equation. */
export function rnnStep(x: Vector, hPrev: Vector, weights: CellWeights, {activation = "tanh"}: RnnOptions = {}): RnnStep {
  const {units, inputDim} = checkCellWeights(weights, 1, "SimpleRNN");
  checkLength(x, inputDim, "x_t");
  checkLength(hPrev, units, "h_{t-1}");
  const xW = vecMat(x, weights.kernel);
  const hW = vecMat(hPrev, weights.recurrentKernel);
  const preactivation = weights.bias ? addVectors(xW, hW, weights.bias) : addVectors(xW, hW);
  return {x, hPrev, xW, hW, preactivation, h: mapVector(preactivation, activationFunction(activation))};
}

export interface RnnVectorisedStep {
  /** [X_t H_{t−1}]: each row is one instance's input followed by its previous state. */
  XH: Float32Array[];
  /** W = [W_x; W_h]: the kernel's rows above the recurrent kernel's. */
  W: Vector[];
  /** [X_t H_{t−1}]·W + b */
  preactivation: Float32Array[];
  /** H_t, one row per instance */
  H: Float32Array[];
}

/**
 * The vectorised form H_t = φ([X_t H_{t−1}]·W + b) for a mini-batch (one row per instance),
 * computed through the concatenation rather than through rnnStep, so a page can show that the
 * two forms agree.
 */
export function rnnStepVectorised(
  X: Matrix,
  Hprev: Matrix,
  weights: CellWeights,
  {activation = "tanh"}: RnnOptions = {}
): RnnVectorisedStep {
  const {units, inputDim} = checkCellWeights(weights, 1, "SimpleRNN");
  checkLength(Hprev, X.length, "H_{t-1} (rows)");
  const W = stackRows(weights.kernel, weights.recurrentKernel);
  const phi = activationFunction(activation);
  const XH: Float32Array[] = [];
  const preactivation: Float32Array[] = [];
  const H: Float32Array[] = [];
  for (let n = 0; n < X.length; n++) {
    checkLength(X[n], inputDim, `X_t row ${n}`);
    checkLength(Hprev[n], units, `H_{t-1} row ${n}`);
    const row = concatVectors(X[n], Hprev[n]);
    const z = vecMat(row, W);
    const zb = weights.bias ? addVectors(z, weights.bias) : z;
    XH.push(row);
    preactivation.push(zb);
    H.push(mapVector(zb, phi));
  }
  return {XH, W, preactivation, H};
}

export interface RnnRunOptions extends RnnOptions {
  /** Initial state h_0; tfjs starts from zeros. */
  h0?: Vector;
}

export interface RnnRun {
  steps: RnnStep[];
  /** h_t for every t: what the layer returns with returnSequences: true. */
  h: Float32Array[];
}

/** Unrolls the cell over a sequence xs (one row per time step), feeding each h_t forward. */
export function runRnn(xs: Matrix, weights: CellWeights, {h0, ...options}: RnnRunOptions = {}): RnnRun {
  let hPrev: Vector = h0 ?? zeros(weights.recurrentKernel.length);
  const steps: RnnStep[] = [];
  for (let t = 0; t < xs.length; t++) {
    const step = rnnStep(xs[t], hPrev, weights, options);
    steps.push(step);
    hPrev = step.h;
  }
  return {steps, h: steps.map((s) => s.h)};
}
