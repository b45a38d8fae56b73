// The LSTM's equations in the lecture's notation, written out with one step's numbers, for a
// cell with one input and one unit (the weights of the live cell page). HTML text, no TeX.
// Also the one-unit weights from slider values, and a small chart of a few steps unrolled.
import * as Plot from "@observablehq/plot";
import type {CellWeights} from "../../lib/rnn/cell-weights.js";
import type {LstmRun, LstmStep} from "../../lib/rnn/lstm-cell.js";
import {formatValue} from "../../lib/core/format.js";
import {equationList, type EquationLine} from "../../ui/equations.js";

/** One gate's three numbers: w (on x_t), u (on h_{t−1}) and b. */
export interface ScalarGate {
  w: number;
  u: number;
  b: number;
}

/** The lecture's gates by name. */
export interface ScalarLstm {
  f: ScalarGate;
  i: ScalarGate;
  c: ScalarGate;
  o: ScalarGate;
}

/** tfjs's layout for one input and one unit: columns in the order i, f, c, o. */
export function scalarLstmWeights({f, i, c, o}: ScalarLstm): CellWeights {
  const order = [i, f, c, o];
  return {kernel: [order.map((g) => g.w)], recurrentKernel: [order.map((g) => g.u)], bias: order.map((g) => g.b)};
}

/** A factor as written in an equation: negatives in brackets, so "+ (−0.5)" never reads as a subtraction. */
export const factor = (v: number) => (v < 0 ? `(${formatValue(v, 2)})` : formatValue(v, 2));

/** The equations of one step: each as [lecture form, with numbers, value]. */
export function lstmEquationLines(step: LstmStep, weights: ScalarLstm, gateName: string): EquationLine[] {
  const x = step.x[0];
  const h = step.hPrev[0];
  const sum = (g: ScalarGate) => `${factor(g.u)}·${factor(h)} + ${factor(g.w)}·${factor(x)} + ${factor(g.b)}`;
  const line = (name: string, fn: string, key: "f" | "i" | "g" | "o", g: ScalarGate, letter: string, out: string) => ({
    name,
    form: `${out} = ${fn}(W${letter}·[hₜ₋₁, xₜ] + b${letter})`,
    numbers: `= ${fn}(${sum(g)}) = ${fn}(${formatValue(step.preactivations[key][0])})`,
    value: step[key][0]
  });
  return [
    line("forget gate", gateName, "f", weights.f, "_f", "fₜ"),
    line("input gate", gateName, "i", weights.i, "_i", "iₜ"),
    line("candidate", "tanh", "g", weights.c, "_C", "C̃ₜ"),
    {
      name: "new cell state",
      form: "Cₜ = fₜ * Cₜ₋₁ + iₜ * C̃ₜ",
      numbers: `= ${factor(step.f[0])}·${factor(step.cPrev[0])} + ${factor(step.i[0])}·${factor(step.g[0])}`,
      value: step.c[0]
    },
    line("output gate", gateName, "o", weights.o, "_o", "oₜ"),
    {
      name: "short-term state",
      form: "hₜ = oₜ * tanh(Cₜ)",
      numbers: `= ${factor(step.o[0])}·tanh(${formatValue(step.c[0])})`,
      value: step.h[0]
    }
  ];
}

/** The LSTM's equations with one step's numbers. */
export function lstmEquations(step: LstmStep, weights: ScalarLstm, gateName: string): HTMLElement {
  return equationList(lstmEquationLines(step, weights, gateName));
}

const SERIES = [
  {key: "c", name: "cₜ (long-term)"},
  {key: "h", name: "hₜ (short-term)"},
  {key: "f", name: "fₜ forget"},
  {key: "i", name: "iₜ input"},
  {key: "o", name: "oₜ output"}
] as const;

/** A few steps unrolled: c_t carried along the belt, h_t and the three gates, step by step. */
export function lstmRunChart(run: LstmRun, {width = 640, ariaLabel = "LSTM states and gates over the steps"} = {}) {
  const rows = run.steps.flatMap((s, t) => SERIES.map(({key, name}) => ({t: t + 1, name, value: s[key][0]})));
  return Plot.plot({
    width,
    height: 260,
    ariaLabel,
    x: {label: "step t", ticks: run.steps.length, tickFormat: "d"},
    y: {label: "value", grid: true},
    color: {domain: SERIES.map((s) => s.name), range: ["currentColor", "#9e6fd6", "#4269d0", "#d18a00", "#3ca951"], legend: true},
    marks: [
      Plot.ruleY([0]),
      Plot.line(rows, {x: "t", y: "value", stroke: "name", strokeWidth: (d: {name: string}) => (d.name.startsWith("c") ? 3 : 1.5)}),
      Plot.dot(rows, {x: "t", y: "value", fill: "name", r: 2.5}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "t",
          y: "value",
          title: (d: {t: number; name: string; value: number}) => `step ${d.t}: ${d.name} = ${formatValue(d.value)}`
        })
      )
    ]
  });
}
