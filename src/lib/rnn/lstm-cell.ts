// An LSTM cell, one step at a time, returning every intermediate so a page can draw the gates.
// Weights in tfjs's layout: kernel [inputDim, 4·units], recurrentKernel [units, 4·units],
// bias [4·units], the four column blocks in the order i, f, c (candidate), o. Per step:
//   i = σ(x·K_i + h_{t−1}·U_i + b_i [+ p_i⊙c_{t−1}])
//   f = σ(x·K_f + h_{t−1}·U_f + b_f [+ p_f⊙c_{t−1}])
//   g = C̃_t = φ(x·K_c + h_{t−1}·U_c + b_c)
//   c_t = f⊙c_{t−1} + i⊙g
//   o = σ(x·K_o + h_{t−1}·U_o + b_o [+ p_o⊙c_t])
//   h_t = o⊙φ(c_t)
// σ is the recurrent activation: tfjs's default is hardSigmoid, not the logistic sigmoid of the
// lecture. The bracketed peephole terms (Gers & Schmidhuber 2000) are not in tfjs; they are
// off unless given.
import type {ActivationName} from "./cell-activations.js";
import {activation as activationFunction} from "./cell-activations.js";
import type {CellWeights} from "./cell-weights.js";
import {checkCellWeights, checkLength} from "./cell-weights.js";
import type {Matrix, Vector} from "../core/matvec.js";
import {addVectors, mapVector, mulVectors, sliceVector, vecMat, zeros} from "../core/matvec.js";

/** Diagonal peephole weights, one per unit, letting the gates see the long-term state. */
export interface LstmPeepholes {
  /** p_i: c_{t−1} into the input gate */
  input?: Vector | null;
  /** p_f: c_{t−1} into the forget gate */
  forget?: Vector | null;
  /** p_o: c_t into the output gate */
  output?: Vector | null;
}

export interface LstmOptions {
  /** φ for the candidate and for c_t in h_t; tfjs default "tanh". */
  activation?: ActivationName;
  /** σ for the gates; tfjs default "hardSigmoid" (clip(0.2x + 0.5, 0, 1)). */
  recurrentActivation?: ActivationName;
  peepholes?: LstmPeepholes | null;
}

export interface LstmGates<T> {
  i: T;
  f: T;
  g: T;
  o: T;
}

export interface LstmStep extends LstmGates<Float32Array> {
  x: Vector;
  hPrev: Vector;
  cPrev: Vector;
  /** Each gate's argument before its activation (peephole terms included). */
  preactivations: LstmGates<Float32Array>;
  /** c_t, the long-term state */
  c: Float32Array;
  /** h_t = o⊙φ(c_t), the short-term state and the output */
  h: Float32Array;
}

/** The tfjs gate order along the kernel's columns. */
export const LSTM_GATE_ORDER = ["i", "f", "g", "o"] as const;

export function lstmStep(
  x: Vector,
  hPrev: Vector,
  cPrev: Vector,
  weights: CellWeights,
  {activation = "tanh", recurrentActivation = "hardSigmoid", peepholes = null}: LstmOptions = {}
): LstmStep {
  const {units, inputDim} = checkCellWeights(weights, 4, "LSTM");
  checkLength(x, inputDim, "x_t");
  checkLength(hPrev, units, "h_{t-1}");
  checkLength(cPrev, units, "c_{t-1}");
  const phi = activationFunction(activation);
  const sigma = activationFunction(recurrentActivation);

  // All four blocks in one product, as tfjs does, then cut into gates.
  const xK = vecMat(x, weights.kernel);
  const hU = vecMat(hPrev, weights.recurrentKernel);
  const z = weights.bias ? addVectors(xK, hU, weights.bias) : addVectors(xK, hU);
  const block = (k: number) => sliceVector(z, k * units, (k + 1) * units);
  const peep = (p: Vector | null | undefined, c: Vector, zk: Vector, what: string) => {
    if (!p) return Float32Array.from(zk);
    checkLength(p, units, what);
    return addVectors(zk, mulVectors(p, c));
  };

  const zi = peep(peepholes?.input, cPrev, block(0), "input peephole");
  const zf = peep(peepholes?.forget, cPrev, block(1), "forget peephole");
  const zg = Float32Array.from(block(2));
  const i = mapVector(zi, sigma);
  const f = mapVector(zf, sigma);
  const g = mapVector(zg, phi);
  const c = addVectors(mulVectors(f, cPrev), mulVectors(i, g));
  // The output gate's peephole looks at the new state c_t, so it comes after the update.
  const zo = peep(peepholes?.output, c, block(3), "output peephole");
  const o = mapVector(zo, sigma);
  const h = mulVectors(o, mapVector(c, phi));
  return {x, hPrev, cPrev, preactivations: {i: zi, f: zf, g: zg, o: zo}, i, f, g, o, c, h};
}

export interface LstmRunOptions extends LstmOptions {
  /** Initial states; tfjs starts both from zeros. */
  h0?: Vector;
  c0?: Vector;
}

export interface LstmRun {
  steps: LstmStep[];
  /** h_t for every t: the layer's output with returnSequences: true. */
  h: Float32Array[];
  /** c_t for every t */
  c: Float32Array[];
}

/** Unrolls the cell over xs (one row per time step). */
export function runLstm(xs: Matrix, weights: CellWeights, {h0, c0, ...options}: LstmRunOptions = {}): LstmRun {
  const units = weights.recurrentKernel.length;
  let hPrev: Vector = h0 ?? zeros(units);
  let cPrev: Vector = c0 ?? zeros(units);
  const steps: LstmStep[] = [];
  for (let t = 0; t < xs.length; t++) {
    const step = lstmStep(xs[t], hPrev, cPrev, weights, options);
    steps.push(step);
    hPrev = step.h;
    cPrev = step.c;
  }
  return {steps, h: steps.map((s) => s.h), c: steps.map((s) => s.c)};
}
