// Exercises for the RNN pages. Cell values come from the site's own cells (rnn-cell.ts,
// lstm-cell.ts, gru-cell.ts), run on weights that put the given gate values in place: zero
// kernels, a bias holding each gate's value, and linear gate activations, so gate = bias exactly.
// Parameter counts come from weights laid out as tfjs lays them out, checked by checkCellWeights.

import {checkCellWeights, type CellWeights} from "../rnn/cell-weights.js";
import {gruStep} from "../rnn/gru-cell.js";
import {lstmStep} from "../rnn/lstm-cell.js";
import {runRnn} from "../rnn/rnn-cell.js";
import {neuronWeights, unroll} from "../rnn/rnn-nutshell.js";
import {unwrap} from "../core/result.js";
import {given} from "./given.js";
import {format, pick, pickOne, type Exercise} from "./question.js";

type Cell = "SimpleRNN" | "LSTM" | "GRU";
const article = (cell: Cell) => (cell === "LSTM" ? "an" : "a");
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A factor in a product, negatives in brackets: 1.5·(−0.7). */
const signed = (x: number) => (x < 0 ? `(${format(x)})` : format(x));
/** Scientific notation with real minus signs: −7.5e−9. */
const sci = (x: number, d: number) => x.toExponential(d).replace(/-/g, "−");
/** A value to `d` decimals with a real minus sign. */
const fixed = (x: number, d: number) => x.toFixed(d).replace(/^-/, "−");
const GATES: Record<Cell, number> = {SimpleRNN: 1, LSTM: 4, GRU: 3};
const BLOCKS: Record<Cell, string> = {SimpleRNN: "one block", LSTM: "four blocks (i, f, g, o)", GRU: "three blocks (z, r, h̃)"};

/** Zero weights in tfjs's layout for a cell of `units` units reading `inputs` inputs. */
function layerWeights(cell: Cell, inputs: number, units: number): CellWeights {
  const width = GATES[cell] * units;
  const rows = (n: number) => Array.from({length: n}, () => new Array(width).fill(0));
  return {kernel: rows(inputs), recurrentKernel: rows(units), bias: new Float32Array(width)};
}

/** Parameters of a tfjs recurrent layer: the entries of its kernel, recurrent kernel and bias. */
export function cellParameters(cell: Cell, inputs: number, units: number): {parameters: number; formula: string} {
  const w = layerWeights(cell, inputs, units);
  checkCellWeights(w, GATES[cell], cell);
  const parameters = w.kernel.length * w.kernel[0].length + w.recurrentKernel.length * w.recurrentKernel[0].length + (w.bias?.length ?? 0);
  const g = GATES[cell];
  const formula = `${g > 1 ? `${g}·` : ""}(${inputs}·${units} + ${units}·${units} + ${units})`;
  return {parameters, formula};
}

function parametersExercise(id: string, cell: Cell): Exercise {
  return {
    id,
    title: `parameters of ${article(cell)} ${cell} layer`,
    make(seed) {
      const {n, u} = given(seed, {n: 10, u: 32}, (r) => ({n: pickOne(r, [1, 3, 8, 10, 28, 50]), u: pickOne(r, [4, 16, 32, 64, 128])}));
      const {parameters, formula} = cellParameters(cell, n, u);
      return {
        prompt: `${capital(article(cell))} ${cell} layer with ${u} units reads sequences with ${n} ${n === 1 ? "number" : "numbers"} per time step. How many parameters does it have (as tfjs counts them)?`,
        answer: {kind: "number", value: parameters, shown: parameters.toLocaleString("en")},
        explain: `Input kernel ${n}×${u}, recurrent kernel ${u}×${u} and one bias per unit, ${BLOCKS[cell]}: ${formula} = ${parameters.toLocaleString("en")}. The sequence length does not enter: every step reuses the same weights.`
      };
    }
  };
}

export const rnnParametersExercise = parametersExercise("rnn-parameters", "SimpleRNN");
export const lstmParametersExercise = parametersExercise("lstm-parameters", "LSTM");
export const gruParametersExercise = parametersExercise("gru-parameters", "GRU");

/** Nutshell: two steps of one recurrent neuron. */
export const rnnStepExercise: Exercise = {
  id: "rnn-step",
  title: "two steps of a recurrent neuron",
  make(seed) {
    const {wx, wh, b, xs} = given(seed, {wx: 0.8, wh: 0.9, b: 0.1, xs: [1, 0.5]}, (r) => ({
      wx: pick(r, -10, 10) / 10,
      wh: pick(r, -10, 10) / 10,
      b: pick(r, -5, 5) / 10,
      xs: [pick(r, -4, 4) / 2, pick(r, -4, 4) / 2]
    }));
    const run = unwrap(
      unroll(
        xs.map((x) => [x]),
        neuronWeights(wx, wh, b),
        "tanh"
      )
    );
    const [h0, h1] = run.h.map((h) => h[0]);
    const value = Math.round(h1 * 100) / 100;
    const f = (x: number) => format(x);
    return {
      prompt: `A recurrent neuron with w_x = ${f(wx)}, w_h = ${f(wh)}, b = ${f(b)} and φ = tanh starts from h = 0 and reads x = ${f(xs[0])}, then x = ${f(xs[1])}. What is its output after the second step? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `First step: tanh(${f(xs[0])}·${signed(wx)} + 0·${signed(wh)} + ${signed(b)}) = ${fixed(h0, 4)}. Second: tanh(${f(xs[1])}·${signed(wx)} + ${fixed(h0, 4)}·${signed(wh)} + ${signed(b)}) = ${fixed(h1, 4)}: the first input still counts through h.`
    };
  }
};

/**
 * `steps` LSTM steps of one unit with the given gate values put in place (linear gates, bias =
 * value). With a linear φ the candidate is exactly g (but h_t = o·c_t); with tanh, h_t = o·tanh(c_t)
 * (and the candidate is tanh(g), so pass g = 0 then).
 */
function lstmWithGates(
  gates: {i: number; f: number; g: number; o: number},
  cPrev: number,
  {steps = 1, phi = "linear" as "linear" | "tanh"} = {}
) {
  const weights: CellWeights = {kernel: [[0, 0, 0, 0]], recurrentKernel: [[0, 0, 0, 0]], bias: [gates.i, gates.f, gates.g, gates.o]};
  let step = lstmStep([0], [0], [cPrev], weights, {recurrentActivation: "linear", activation: phi});
  for (let t = 1; t < steps; t++) step = lstmStep([0], [0], step.c, weights, {recurrentActivation: "linear", activation: phi});
  return step;
}

/** LSTM cell: the new long-term state c_t = f·c_{t−1} + i·g. */
export const cellUpdateExercise: Exercise = {
  id: "cell-update",
  title: "the new cell state",
  make(seed) {
    const {i, f, g, c} = given(seed, {i: 0.2, f: 0.9, g: 0.5, c: 2}, (r) => ({
      i: pick(r, 0, 10) / 10,
      f: pick(r, 0, 10) / 10,
      g: pick(r, -10, 10) / 10,
      c: pick(r, -6, 6) / 2
    }));
    const value = Math.round(lstmWithGates({i, f, g, o: 1}, c).c[0] * 100) / 100;
    return {
      prompt: `An LSTM cell has c_{t−1} = ${format(c)}. This step its forget gate is f = ${format(f)}, its input gate i = ${format(i)}, and the candidate is g = ${format(g)}. What is the new cell state c_t? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `c_t = f·c_{t−1} + i·g = ${format(f)}·${signed(c)} + ${format(i)}·${signed(g)} = ${fixed(value, 2)}: the forget gate decides how much of the old state stays, the input gate how much of the candidate is written.`
    };
  }
};

/** LSTM cell: what the output gate lets out, h_t = o·tanh(c_t). */
export const outputGateExercise: Exercise = {
  id: "output-gate",
  title: "what the output gate lets out",
  make(seed) {
    const {o, c} = given(seed, {o: 0.5, c: 2}, (r) => ({o: pick(r, 0, 10) / 10, c: pick(r, -6, 6) / 2}));
    // f = 1, i = 0: the state stays c, so h shows only the output gate's work.
    const h = lstmWithGates({i: 0, f: 1, g: 0, o}, c, {phi: "tanh"}).h[0];
    const value = Math.round(h * 100) / 100;
    return {
      prompt: `An LSTM cell holds c_t = ${format(c)} and its output gate is o = ${format(o)}. What does it output as h_t? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `h_t = o·tanh(c_t) = ${format(o)}·tanh(${format(c)}) = ${format(o)}·${signed(Math.round(Math.tanh(c) * 1e4) / 1e4)} = ${fixed(h, 4)}. The state itself is not changed by o: a closed output gate hides the memory without losing it.`
    };
  }
};

const GATE_VALUES = [0, 0.5, 1] as const;

/** LSTM gates: which forget-gate value keeps (or erases) the memory over many steps. */
export const keepMemoryExercise: Exercise = {
  id: "keep-memory",
  title: "which forget gate keeps memory",
  make(seed) {
    const {steps, keep, c0} = given(seed, {steps: 20, keep: true, c0: 1}, (r) => ({
      steps: pick(r, 5, 60),
      keep: r() < 0.6,
      c0: pickOne(r, [0.5, 1, 2, -1])
    }));
    const after = GATE_VALUES.map((f) => ({f, c: lstmWithGates({i: 0, f, g: 0, o: 1}, c0, {steps}).c[0]}));
    const best = keep
      ? after.reduce((a, b) => (Math.abs(b.c - c0) < Math.abs(a.c - c0) ? b : a))
      : after.reduce((a, b) => (Math.abs(b.c) < Math.abs(a.c) ? b : a));
    const choices = GATE_VALUES.map((f) => `f = ${f}`);
    return {
      prompt: `An LSTM cell stores c = ${format(c0)} and then sees ${steps} steps in which its input gate stays shut (i = 0). Which forget-gate value, held for all ${steps} steps, ${keep ? "keeps the stored value best" : "wipes the memory"}?`,
      answer: {kind: "choice", choices, value: `f = ${best.f}`},
      explain: `With i = 0 each step multiplies c by f, so after ${steps} steps c = f^${steps}·${signed(c0)}: ${after.map((a) => `f = ${a.f} gives ${a.c === 0 ? "0" : Math.abs(a.c) < 1e-3 ? sci(a.c, 1) : format(a.c)}`).join(", ")}. ${keep ? "Only a forget gate of 1 (open) carries the memory; 0.5 halves it at every step." : "A forget gate of 0 (closed) erases the state in one step."}`
    };
  }
};

/** GRU: which update-gate value keeps the old state (tfjs's convention, h = z·h + (1 − z)·h̃). */
export const gruKeepExercise: Exercise = {
  id: "gru-keep",
  title: "which update gate keeps the state",
  make(seed) {
    const {hPrev, candidate, keep} = given(seed, {hPrev: 0.8, candidate: -0.5, keep: true}, (r) => ({
      hPrev: pick(r, -9, 9) / 10 || 0.5,
      candidate: pick(r, -9, 9) / 10 || -0.5,
      keep: r() < 0.5
    }));
    // Linear candidate with bias = candidate value and zero kernels: h̃ is exactly `candidate`.
    const outcome = GATE_VALUES.map((z) => {
      const weights: CellWeights = {kernel: [[0, 0, 0]], recurrentKernel: [[0, 0, 0]], bias: [z, 1, candidate]};
      return {z, h: gruStep([0], [hPrev], weights, {recurrentActivation: "linear", activation: "linear"}).h[0]};
    });
    const target = keep ? hPrev : candidate;
    const best = outcome.reduce((a, b) => (Math.abs(b.h - target) < Math.abs(a.h - target) ? b : a));
    const choices = GATE_VALUES.map((z) => `z = ${z}`);
    return {
      prompt: `A GRU unit holds h_{t−1} = ${format(hPrev)}, and this step's candidate is h̃ = ${format(candidate)}. In tfjs's GRU, which update-gate value ${keep ? "keeps the old state unchanged" : "replaces the state with the candidate"}?`,
      answer: {kind: "choice", choices, value: `z = ${best.z}`},
      explain: `tfjs computes h_t = z·h_{t−1} + (1 − z)·h̃: ${outcome.map((o) => `z = ${o.z} gives ${format(Math.round(o.h * 1e4) / 1e4)}`).join(", ")}. So z near 1 keeps the memory and z near 0 overwrites it (colah's post writes the mirror image, with z and 1 − z swapped).`
    };
  }
};

/** Vanishing gradients: what is left of a signal after t steps of a linear recurrence of scale ρ. */
export const gradientLeftExercise: Exercise = {
  id: "gradient-left",
  title: "what is left after t steps",
  make(seed) {
    const {rho, t} = given(seed, {rho: 0.9, t: 20}, (r) => {
      const rho = pickOne(r, [0.5, 0.8, 0.9, 0.95, 0.99, 1.05, 1.1]);
      // Short spans for fast decay, so the answer is not 0.0%.
      return {rho, t: pickOne(r, rho <= 0.8 ? [3, 5, 10] : [10, 20, 50, 100])};
    });
    const left = linearPowers(rho, t).at(-1)!;
    const value = Math.round(left * 1000) / 10;
    return {
      prompt: `A one-unit linear RNN (no tanh) has recurrent weight ρ = ${rho}. By the chain rule, ∂h_t/∂h_0 is ρ multiplied once per step. What is it after t = ${t} steps, as a percentage of 1? (One decimal.)`,
      answer: {kind: "number", value, tolerance: Math.max(0.1, value * 0.005), shown: `${value.toFixed(1)}%`},
      explain: `Running the cell from h_0 = 1 with no input multiplies by ${rho} at each step: ${rho}^${t} = ${left < 1e-3 ? sci(left, 2) : left.toFixed(4)}, i.e. ${value.toFixed(1)}%. ${rho < 1 ? "Below 1 the product vanishes exponentially" : "Above 1 it explodes exponentially"}; the tanh of a real SimpleRNN can only make each factor smaller.`
    };
  }
};

/** Vanishing gradients: how many steps until less than 1% of the gradient is left. */
export const stepsToVanishExercise: Exercise = {
  id: "steps-to-vanish",
  title: "how far back a gradient reaches",
  make(seed) {
    const rho = given(seed, 0.9, (r) => pickOne(r, [0.5, 0.7, 0.8, 0.9, 0.95, 0.97]));
    const powers = linearPowers(rho, 1000);
    const t = powers.findIndex((p) => p < 0.01) + 1;
    return {
      prompt: `The same one-unit linear RNN with ρ = ${rho}: after how many steps does ∂h_t/∂h_0 first drop below 1% (0.01)?`,
      answer: {kind: "number", value: t},
      explain: `${rho}^${t - 1} = ${powers[t - 2].toFixed(4)} is still above 0.01, ${rho}^${t} = ${powers[t - 1].toFixed(4)} is below: t = ${t}, i.e. ln(0.01) / ln(${rho}) = ${(Math.log(0.01) / Math.log(rho)).toFixed(2)} rounded up. An error signal from further back than that barely changes the weights.`
    };
  }
};

/** h_1 … h_t of a one-unit linear RNN with weight ρ started from h_0 = 1: the factors ρ^t. */
function linearPowers(rho: number, t: number): number[] {
  const run = runRnn(
    Array.from({length: t}, () => [0]),
    neuronWeights(0, rho, 0),
    {activation: "linear", h0: [1]}
  );
  return run.h.map((h) => h[0]);
}

/** Peepholes: the forget gate looking at the cell state, f = σ(z_f + p_f·c_{t−1}). */
export const peepholeGateExercise: Exercise = {
  id: "peephole-gate",
  title: "a forget gate that peeks",
  make(seed) {
    const {zf, p, c} = given(seed, {zf: 0, p: 2, c: 1}, (r) => ({zf: pick(r, -4, 4) / 2, p: pick(r, -6, 6) / 2, c: pick(r, -4, 4) / 2}));
    const weights: CellWeights = {kernel: [[0, 0, 0, 0]], recurrentKernel: [[0, 0, 0, 0]], bias: [0, zf, 0, 0]};
    const f = lstmStep([0], [0], [c], weights, {recurrentActivation: "sigmoid", peepholes: {forget: [p]}}).f[0];
    const value = Math.round(f * 100) / 100;
    return {
      prompt: `An LSTM forget gate with a peephole: without the peephole its pre-activation would be ${format(zf)}, its peephole weight is p_f = ${format(p)}, and the old cell state is c_{t−1} = ${format(c)}. With the logistic sigmoid, what is f? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `f = σ(${format(zf)} + ${format(p)}·${signed(c)}) = σ(${format(zf + p * c)}) = ${f.toFixed(4)}. The peephole lets the state itself decide how much of it to keep.`
    };
  }
};

/** Peepholes: the extra parameters peepholes add to an LSTM layer. */
export const peepholeParametersExercise: Exercise = {
  id: "peephole-parameters",
  title: "what peepholes cost",
  make(seed) {
    const {n, u} = given(seed, {n: 1, u: 16}, (r) => ({n: pickOne(r, [1, 2, 8, 10]), u: pickOne(r, [4, 8, 16, 32, 64])}));
    const plain = cellParameters("LSTM", n, u);
    const peepholes = 3 * u;
    const value = plain.parameters + peepholes;
    return {
      prompt: `An LSTM layer of ${u} units reads ${n} ${n === 1 ? "input" : "inputs"} per step. Add peephole connections (one diagonal weight vector each for the input, forget and output gates). How many parameters does it have now?`,
      answer: {kind: "number", value, shown: value.toLocaleString("en")},
      explain: `Plain LSTM: ${plain.formula} = ${plain.parameters.toLocaleString("en")}. Each peephole is a vector of ${u} (a diagonal matrix: unit k's gate sees only unit k's cell), three of them: + 3·${u} = ${value.toLocaleString("en")}.`
    };
  }
};

/** Deep RNNs: parameters of a stack, where only the first layer reads the input. */
export const deepParametersExercise: Exercise = {
  id: "deep-parameters",
  title: "parameters of a stacked RNN",
  make(seed) {
    const {cell, n, u, layers} = given(seed, {cell: "SimpleRNN" as Cell, n: 4, u: 16, layers: 3}, (r) => ({
      cell: pickOne(r, ["SimpleRNN", "GRU", "LSTM"] as Cell[]),
      n: pickOne(r, [1, 4, 8, 10]),
      u: pickOne(r, [4, 8, 16, 32]),
      layers: pick(r, 2, 4)
    }));
    const each = Array.from({length: layers}, (_, k) => cellParameters(cell, k === 0 ? n : u, u));
    const value = each.reduce((s, e) => s + e.parameters, 0);
    return {
      prompt: `${layers} ${cell} layers of ${u} units are stacked; the first reads ${n} inputs per step, each later layer reads the sequence of hidden states below it. How many parameters does the stack have?`,
      answer: {kind: "number", value, shown: value.toLocaleString("en")},
      explain: `${each.map((e, k) => `layer ${k + 1}: ${e.formula} = ${e.parameters.toLocaleString("en")}`).join("; ")}; ${value.toLocaleString("en")} in all. Only the first layer's input kernel depends on the input size.`
    };
  }
};

/** Deep RNNs: how many cell steps a stack computes for one sequence. */
export const deepStepsExercise: Exercise = {
  id: "deep-steps",
  title: "cell steps in a stack",
  make(seed) {
    const {layers, t} = given(seed, {layers: 3, t: 12}, (r) => ({layers: pick(r, 2, 5), t: pick(r, 5, 40)}));
    // Run a real stack of one-unit cells and count the steps it took.
    let xs: number[][] = Array.from({length: t}, (_, k) => [Math.sin(k)]);
    let count = 0;
    for (let l = 0; l < layers; l++) {
      const run = runRnn(xs, neuronWeights(0.5, 0.5, 0));
      count += run.steps.length;
      xs = run.h.map((h) => [h[0]]);
    }
    return {
      prompt: `A stack of ${layers} recurrent layers reads a sequence of ${t} steps (every layer returns its whole sequence to the next). How many times is a cell applied in all?`,
      answer: {kind: "number", value: count},
      explain: `Each layer steps once per time step: ${layers}·${t} = ${count}. Layer l at step t needs layer l − 1 at step t and itself at step t − 1, so a stack can work along a diagonal, but no layer can skip ahead in time.`
    };
  }
};

export const RNN_EXERCISES = {
  "rnn/nutshell": [rnnStepExercise, rnnParametersExercise],
  "rnn/lstm-cell": [cellUpdateExercise, outputGateExercise],
  "rnn/lstm-gates": [keepMemoryExercise, lstmParametersExercise],
  "rnn/gru": [gruKeepExercise, gruParametersExercise],
  "rnn/vanishing-gradients": [gradientLeftExercise, stepsToVanishExercise],
  "rnn/peepholes": [peepholeGateExercise, peepholeParametersExercise],
  "rnn/deep": [deepParametersExercise, deepStepsExercise]
} as const;
