// A GRU cell, one step at a time, returning every intermediate. Weights in tfjs 4.22's layout:
// kernel [inputDim, 3·units], recurrentKernel [units, 3·units], one bias [3·units], the column
// blocks in the order z (update), r (reset), h (candidate). Per step, as tfjs computes it:
//   z = σ(x·K_z + h_{t−1}·U_z + b_z)
//   r = σ(x·K_r + h_{t−1}·U_r + b_r)
//   h̃ = φ(x·K_h + b_h + (r⊙h_{t−1})·U_h)      reset applied before the product
//   h_t = z⊙h_{t−1} + (1 − z)⊙h̃                z near 1 keeps the old state
// tfjs has no resetAfter variant (its constructor throws for resetAfter: true), so Keras
// weights saved with reset_after=True (bias [2, 3·units]) do not fit; checkCellWeights says so.
// Colah's post writes the mirror convention h_t = (1 − z)⊙h_{t−1} + z⊙h̃.
import type {ActivationName} from "./cell-activations.js";
import {activation as activationFunction} from "./cell-activations.js";
import type {CellWeights} from "./cell-weights.js";
import {checkCellWeights, checkLength} from "./cell-weights.js";
import type {Matrix, Vector} from "../core/matvec.js";
import {addVectors, mapVector, mulVectors, sliceColumns, sliceVector, vecMat, zeros} from "../core/matvec.js";

export interface GruOptions {
  /** φ for the candidate; tfjs default "tanh". */
  activation?: ActivationName;
  /** σ for the gates; tfjs default "hardSigmoid" (clip(0.2x + 0.5, 0, 1)). */
  recurrentActivation?: ActivationName;
}

export interface GruStep {
  x: Vector;
  hPrev: Vector;
  /** Arguments of the activations: z, r and the candidate's. */
  preactivations: {z: Float32Array; r: Float32Array; hCandidate: Float32Array};
  /** z_t, the update gate */
  z: Float32Array;
  /** r_t, the reset gate */
  r: Float32Array;
  /** r_t⊙h_{t−1}: the part of the old state the candidate sees */
  rh: Float32Array;
  /** h̃_t */
  hCandidate: Float32Array;
  h: Float32Array;
}

/** The tfjs gate order along the kernel's columns. */
export const GRU_GATE_ORDER = ["z", "r", "h"] as const;

export function gruStep(
  x: Vector,
  hPrev: Vector,
  weights: CellWeights,
  {activation = "tanh", recurrentActivation = "hardSigmoid"}: GruOptions = {}
): GruStep {
  const {units, inputDim} = checkCellWeights(weights, 3, "GRU");
  checkLength(x, inputDim, "x_t");
  checkLength(hPrev, units, "h_{t-1}");
  const phi = activationFunction(activation);
  const sigma = activationFunction(recurrentActivation);

  const xK = vecMat(x, weights.kernel);
  const xKb = weights.bias ? addVectors(xK, weights.bias) : xK;
  const block = (v: Float32Array, k: number) => sliceVector(v, k * units, (k + 1) * units);
  // The recurrent kernel splits: its z and r blocks see h_{t−1}, its h block sees r⊙h_{t−1}.
  const hUzr = vecMat(hPrev, sliceColumns(weights.recurrentKernel, 0, 2 * units));
  const zz = addVectors(block(xKb, 0), block(hUzr, 0));
  const zr = addVectors(block(xKb, 1), block(hUzr, 1));
  const z = mapVector(zz, sigma);
  const r = mapVector(zr, sigma);
  const rh = mulVectors(r, hPrev);
  const zh = addVectors(block(xKb, 2), vecMat(rh, sliceColumns(weights.recurrentKernel, 2 * units, 3 * units)));
  const hCandidate = mapVector(zh, phi);
  const h = addVectors(
    mulVectors(z, hPrev),
    mulVectors(
      mapVector(z, (v) => 1 - v),
      hCandidate
    )
  );
  return {x, hPrev, preactivations: {z: zz, r: zr, hCandidate: zh}, z, r, rh, hCandidate, h};
}

export interface GruRunOptions extends GruOptions {
  /** Initial state; tfjs starts from zeros. */
  h0?: Vector;
}

export interface GruRun {
  steps: GruStep[];
  /** h_t for every t: the layer's output with returnSequences: true. */
  h: Float32Array[];
}

/** Unrolls the cell over xs (one row per time step). */
export function runGru(xs: Matrix, weights: CellWeights, {h0, ...options}: GruRunOptions = {}): GruRun {
  let hPrev: Vector = h0 ?? zeros(weights.recurrentKernel.length);
  const steps: GruStep[] = [];
  for (let t = 0; t < xs.length; t++) {
    const step = gruStep(xs[t], hPrev, weights, options);
    steps.push(step);
    hPrev = step.h;
  }
  return {steps, h: steps.map((s) => s.h)};
}
