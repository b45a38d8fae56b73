// What the "RNN in a nutshell" page computes: a recurrent neuron and a small recurrent layer
// with weights the reader types, unrolled over a sequence the reader types, term by term
// (rnn-cell.ts does the arithmetic). Every function returns a Result: bad input gives a message.
import type {CellWeights} from "./cell-weights.js";
import {parseGridText} from "../cnn/grid.js";
import type {Matrix} from "../core/matvec.js";
import {fail, ok, type Result} from "../core/result.js";
import {rnnStepVectorised, runRnn, type RnnActivation, type RnnRun} from "./rnn-cell.js";

/** The most time steps a typed sequence may have: the drawing needs room for each. */
export const MAX_STEPS = 40;

/** One recurrent neuron: scalar weights, in tfjs's layout so rnnStep can run it. */
export function neuronWeights(wx: number, wh: number, b: number): CellWeights {
  return {kernel: [[wx]], recurrentKernel: [[wh]], bias: [b]};
}

/**
 * A sequence of numbers as typed: "1, 0.5, −2" or one per line. Each becomes one time step
 * x_t with one input, [[1], [0.5], [−2]].
 */
export function parseSequence(text: string, {maxSteps = MAX_STEPS} = {}): Result<number[][]> {
  if (typeof text !== "string" || text.trim() === "") return fail("The sequence is empty: type numbers separated by commas or spaces.");
  // One line of numbers, whatever separated them.
  const grid = parseGridText(text.replace(/\r?\n/g, " "));
  if (!grid.ok) return fail(grid.message.replace(/^Row 1, column (\d+)/, "Value $1"));
  const values = Array.from(grid.value.data);
  if (values.length > maxSteps) return fail(`The sequence has ${values.length} values; this drawing takes at most ${maxSteps}.`);
  return ok(values.map((v) => [v]));
}

/**
 * A sequence of input vectors, one time step per line ("0.5 1" for x_t with two inputs).
 * `what` names it in messages ("Instance 1").
 */
export function parseVectorSequence(text: string, inputDim: number, what: string, {maxSteps = MAX_STEPS} = {}): Result<number[][]> {
  const grid = parseGridText(typeof text === "string" ? text : "");
  if (!grid.ok) return fail(`${what}: ${grid.message.replace(/^Row (\d+)/, "line $1").replace(/^The grid is empty\./, "no time steps.")}`);
  const [steps, width] = grid.value.shape;
  if (width !== inputDim) return fail(`${what}: each line needs ${inputDim} numbers (one x_t), but the lines have ${width}.`);
  if (steps > maxSteps) return fail(`${what}: ${steps} time steps; at most ${maxSteps} here.`);
  return ok(Array.from({length: steps}, (_, t) => Array.from(grid.value.data.subarray(t * width, (t + 1) * width))));
}

/** A weight matrix as typed, one row per line, checked against the shape the layer needs. */
export function parseMatrix(text: string, rows: number, cols: number, name: string): Result<number[][]> {
  const grid = parseGridText(typeof text === "string" ? text : "");
  if (!grid.ok) return fail(`${name}: ${grid.message.replace(/^The grid is empty\./, "it is empty.")}`);
  const [h, w] = grid.value.shape;
  if (h !== rows || w !== cols)
    return fail(`${name} must be ${rows}×${cols} (${rows} line${rows > 1 ? "s" : ""} of ${cols} numbers), but it is ${h}×${w}.`);
  return ok(Array.from({length: h}, (_, r) => Array.from(grid.value.data.subarray(r * w, (r + 1) * w))));
}

/** The layer's weights from their typed text: W_x [inputDim×units], W_h [units×units], b [1×units]. */
export function parseLayerWeights(text: {wx: string; wh: string; b: string}, inputDim: number, units: number): Result<CellWeights> {
  const kernel = parseMatrix(text.wx, inputDim, units, "W_x");
  if (!kernel.ok) return kernel;
  const recurrentKernel = parseMatrix(text.wh, units, units, "W_h");
  if (!recurrentKernel.ok) return recurrentKernel;
  const bias = parseMatrix(text.b, 1, units, "b");
  if (!bias.ok) return bias;
  return ok({kernel: kernel.value, recurrentKernel: recurrentKernel.value, bias: bias.value[0]});
}

/** Runs the cell, or says why it cannot (a finite check too: a linear φ can overflow). */
export function unroll(xs: Matrix, weights: CellWeights, activation: RnnActivation): Result<RnnRun> {
  const run = runRnn(xs, weights, {activation});
  const t = run.h.findIndex((h) => Array.from(h).some((v) => !Number.isFinite(v)));
  if (t >= 0) return fail(`h_${t} overflows float32 (it is larger than 3.4·10³⁸): choose smaller weights or a bounded φ such as tanh.`);
  return ok(run);
}

export interface BothWays {
  /** Per instance (outer) and time step: h_t from the per-neuron equation, one instance at a time. */
  perInstance: Float32Array[][];
  /** Per time step: the vectorised step on the whole mini-batch, H_t one row per instance. */
  vectorised: ReturnType<typeof rnnStepVectorised>[];
  /** Largest |h_t − H_t[instance]| over every step, instance and unit. */
  maxDifference: number;
}

/**
 * The lecture's two forms of one layer on a mini-batch: each instance unrolled on its own with
 * h_t = φ(x_t·W_x + h_{t−1}·W_h + b), and all instances at once with
 * H_t = φ([X_t H_{t−1}]·W + b). The sequences must have equal length, as a mini-batch tensor does.
 */
export function bothWays(instances: number[][][], weights: CellWeights, activation: RnnActivation): Result<BothWays> {
  if (instances.length === 0) return fail("The mini-batch is empty.");
  const steps = instances[0].length;
  const uneven = instances.findIndex((xs) => xs.length !== steps);
  if (uneven > 0)
    return fail(
      `Instance ${uneven + 1} has ${instances[uneven].length} time steps but instance 1 has ${steps}: a mini-batch holds sequences of one length.`
    );
  const perInstance: Float32Array[][] = [];
  for (const xs of instances) {
    const run = unroll(xs, weights, activation);
    if (!run.ok) return run;
    perInstance.push(run.value.h);
  }
  const units = weights.recurrentKernel.length;
  let H: Float32Array[] = instances.map(() => new Float32Array(units));
  const vectorised: BothWays["vectorised"] = [];
  let maxDifference = 0;
  for (let t = 0; t < steps; t++) {
    const step = rnnStepVectorised(
      instances.map((xs) => xs[t]),
      H,
      weights,
      {activation}
    );
    vectorised.push(step);
    H = step.H;
    H.forEach((row, n) => row.forEach((v, k) => (maxDifference = Math.max(maxDifference, Math.abs(v - perInstance[n][t][k])))));
  }
  return ok({perInstance, vectorised, maxDifference});
}
