// Numbers beside the drawing: every step of a recurrent neuron written out as its equation, and
// small matrices for the vectorised form. HTML tables, so screen readers can walk them.
import type {CellWeights} from "../../lib/rnn/cell-weights.js";
import {numberTable, textElement} from "../../ui/tables.js";
import type {Vector} from "../../lib/core/matvec.js";
import type {RnnActivation, RnnStep, RnnVectorisedStep} from "../../lib/rnn/rnn-cell.js";
import {formatValue, subscript} from "../../lib/core/format.js";

const PHI: Record<RnnActivation, string> = {tanh: "tanh", relu: "ReLU", sigmoid: "σ", linear: ""};

/** φ applied to a written argument: "tanh(1.110)"; the identity writes the argument alone. */
export function applied(activation: RnnActivation, argument: string): string {
  return activation === "linear" ? argument : `${PHI[activation]}(${argument})`;
}

/** The lecture's h_t = φ(x_t·w_x + h_{t−1}·w_h + b) with this step's numbers in it. */
export function stepEquation(step: RnnStep, t: number, weights: CellWeights, activation: RnnActivation): string {
  const f = (v: number) => formatValue(v);
  // Negative factors in brackets, so "+ (−0.338)·0.500" never reads as a subtraction.
  const p = (v: number) => (v < 0 ? `(${f(v)})` : f(v));
  const term = (a: number, b: number) => `${p(a)}·${p(b)}`;
  const b = weights.bias ? weights.bias[0] : 0;
  const sum = `${term(step.x[0], weights.kernel[0][0])} + ${term(step.hPrev[0], weights.recurrentKernel[0][0])} + ${p(b)}`;
  const z = f(step.preactivation[0]);
  const tail = activation === "linear" ? "" : ` = ${applied(activation, z)}`;
  return `h${subscript(t)} = ${applied(activation, sum)}${tail} = ${f(step.h[0])}`;
}

/** Every step of a neuron: the terms of the sum, the sum, and φ of it. */
export function neuronStepTable(
  steps: readonly RnnStep[],
  weights: CellWeights,
  activation: RnnActivation,
  {highlight = null as number | null} = {}
): HTMLElement {
  const b = weights.bias ? weights.bias[0] : 0;
  return numberTable(
    steps.map((s, t) => [
      String(t),
      formatValue(s.x[0]),
      formatValue(s.hPrev[0]),
      formatValue(s.xW[0]),
      formatValue(s.hW[0]),
      formatValue(b),
      formatValue(s.preactivation[0]),
      formatValue(s.h[0])
    ]),
    {
      columns: ["t", "xₜ", "hₜ₋₁", "xₜ·w_x", "hₜ₋₁·w_h", "b", "sum zₜ", `hₜ = ${applied(activation, "zₜ")}`],
      highlight
    }
  );
}

/** A matrix with row and column labels, for [X_t H_{t−1}], W and H_t. */
export function matrixTable(
  rows: readonly Vector[],
  {caption, rowLabels, columns}: {caption: string; rowLabels: string[]; columns: string[]}
): HTMLElement {
  return numberTable(
    Array.from(rows, (row, r) => [rowLabels[r] ?? "", ...Array.from(row, (v) => formatValue(v))]),
    {caption, columns: ["", ...columns]}
  );
}

/** A list of sentences. */
export function sentenceList(items: readonly string[]): HTMLElement {
  const list = document.createElement("ul");
  for (const item of items) list.append(textElement("li", item));
  return list;
}

/**
 * One step of the vectorised form for a mini-batch: [X_t H_{t−1}], W, H_t, and the same h_t from
 * each instance computed on its own, with the largest difference between the two forms.
 */
export function vectorisedView(
  step: RnnVectorisedStep,
  perInstance: readonly Vector[],
  t: number,
  {
    activation,
    inputNames,
    unitNames,
    maxDifference
  }: {activation: RnnActivation; inputNames: string[]; unitNames: string[]; maxDifference: number}
): HTMLElement {
  const root = document.createElement("div");
  const instances = perInstance.map((_, n) => `instance ${n + 1}`);
  const XH = `[X${subscript(t)} H${subscript(t - 1)}]`;
  const columnsXH = [...inputNames.map((c) => `${c}⁽ᵗ⁾`), ...unitNames.map((c) => `${c}⁽ᵗ⁻¹⁾`)];
  const neurons = unitNames.map((_, k) => `neuron ${k + 1}`);
  const row = (...children: HTMLElement[]) => {
    const grid = document.createElement("div");
    grid.className = "grid grid-cols-2";
    grid.append(...children);
    return grid;
  };
  root.append(
    textElement("h2", `Step t = ${t}: H${subscript(t)} = ${applied(activation, `${XH}·W + b`)}`),
    row(
      matrixTable(step.XH, {caption: `${XH}: one row per instance`, rowLabels: instances, columns: columnsXH}),
      matrixTable(step.W, {caption: "W = [W_x ; W_h]", rowLabels: [...inputNames, ...unitNames], columns: neurons})
    ),
    row(
      matrixTable(step.H, {caption: `H${subscript(t)}, vectorised`, rowLabels: instances, columns: neurons}),
      matrixTable(perInstance, {caption: `h${subscript(t)} of each instance, one at a time`, rowLabels: instances, columns: neurons})
    )
  );
  const verdict = document.createElement("p");
  const strong = textElement("b", "Largest difference between the two forms");
  const value = textElement(
    "span",
    maxDifference === 0
      ? "0 (identical)"
      : `${maxDifference.toExponential(1)} (float32 rounding: the two forms add the same terms in a different order)`,
    "both-ways-difference"
  );
  verdict.append(strong, ", over every step, instance and neuron: ", value, ".");
  root.append(verdict);
  return root;
}
