// Pictures for the peephole page: one timing-task sequence with both models' outputs, the
// held-out scores by delay k, and the learned peephole weights. Pure functions of their numbers.
import * as Plot from "@observablehq/plot";
import {numberTable} from "../../ui/tables.js";

/** What the charts read of the peephole loader's metrics.json (src/data/peephole.zip.ts). */
export interface PeepholeView {
  quick: boolean;
  task: {ks: number[]; testCount: number};
  cells: {cell: string; name: string; parameters: number; trainingSeconds: number}[];
  runs: {
    cell: string;
    k: number;
    exact: number;
    peakOnTime: number;
    meanTimingError: number;
    trainingSeconds: number;
    epochs: {epoch: number; meanTimingError: number}[];
  }[];
}

export interface PulseRow {
  t: number;
  series: string;
  value: number;
}

/** Outputs of each model at every step, the cue and the target step marked. */
export function pulseChart(
  outputs: readonly {name: string; values: ArrayLike<number>}[],
  {cue, target, width = 640, ariaLabel = ""}: {cue: number; target: number; width?: number; ariaLabel?: string}
) {
  const rows: PulseRow[] = outputs.flatMap((o) => Array.from(o.values, (value, t) => ({t, series: o.name, value})));
  const steps = outputs[0]?.values.length ?? 0;
  return Plot.plot({
    width,
    height: 280,
    ariaLabel:
      ariaLabel || `Outputs of ${outputs.map((o) => o.name).join(" and ")} at every step; cue at step ${cue}, pulse due at step ${target}`,
    x: {label: "step", domain: [0, Math.max(1, steps - 1)], grid: true},
    y: {label: "output (pulse probability)", domain: [0, 1], grid: true},
    color: {legend: true, domain: outputs.map((o) => o.name)},
    marks: [
      Plot.ruleX([cue], {stroke: "currentColor", strokeWidth: 2}),
      Plot.text([cue], {x: (v: number) => v, y: 1, text: () => "cue", dx: 4, dy: 6, textAnchor: "start", fill: "currentColor"}),
      Plot.ruleX([target], {stroke: "currentColor", strokeDasharray: "5,4"}),
      Plot.text([target], {x: (v: number) => v, y: 1, text: () => "pulse due", dx: 4, dy: 6, textAnchor: "start", fill: "currentColor"}),
      Plot.ruleY([0.5], {strokeOpacity: 0.4, strokeDasharray: "2,3"}),
      Plot.line(rows, {x: "t", y: "value", stroke: "series", strokeWidth: 2, marker: "dot"}),
      Plot.tip(
        rows,
        Plot.pointer({x: "t", y: "value", stroke: "series", title: (r: PulseRow) => `${r.series}, step ${r.t}\n${r.value.toFixed(3)}`})
      )
    ]
  });
}

const SCORES = {
  exact: {label: "exact pulses", what: "exact pulses"},
  peakOnTime: {label: "highest output on time", what: "highest output on time"}
} as const;

/** A held-out score by k, one line per model: `exact` pulses or the highest output `peakOnTime`. */
export function pulseScoresChart(m: PeepholeView, {width = 640, score = "exact" as keyof typeof SCORES, ariaLabel = ""} = {}) {
  const name = (cell: string) => m.cells.find((c) => c.cell === cell)?.name ?? cell;
  const rows = m.runs.map((r) => ({model: name(r.cell), k: r.k, value: r[score]}));
  return Plot.plot({
    width,
    height: 240,
    ariaLabel: ariaLabel || `Share of held-out sequences with ${SCORES[score].what}, by delay k`,
    x: {label: "delay k (steps from cue to pulse)", ticks: m.task.ks, grid: true},
    y: {label: SCORES[score].label, domain: [0, 1], tickFormat: "%", grid: true},
    color: {legend: true, domain: m.cells.map((c) => c.name)},
    marks: [
      Plot.line(rows, {x: "k", y: "value", stroke: "model", strokeWidth: 2, marker: "dot"}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "k",
          y: "value",
          stroke: "model",
          title: (r: (typeof rows)[number]) => `${r.model}, k = ${r.k}\n${SCORES[score].what} ${(100 * r.value).toFixed(1)}%`
        })
      )
    ]
  });
}

/** Every score in one table: a row per model and k. */
export function pulseTable(m: PeepholeView): HTMLElement {
  const rows = m.task.ks.flatMap((k) =>
    m.cells.map((c) => {
      const r = m.runs.find((run) => run.cell === c.cell && run.k === k);
      return [
        String(k),
        c.name,
        r ? `${(100 * r.exact).toFixed(1)}%` : "–",
        r ? `${(100 * r.peakOnTime).toFixed(1)}%` : "–",
        r ? r.meanTimingError.toFixed(2) : "–",
        r ? `${r.trainingSeconds.toFixed(1)} s` : "–"
      ];
    })
  );
  return numberTable(rows, {
    caption: `${m.task.testCount.toLocaleString("en")} held-out sequences per k`,
    columns: ["k", "model", "exact pulses", "peak on time", "mean timing error (steps)", "training"],
    className: "pulse-table"
  });
}

/** The learned peephole weights: one dot per unit for each gate. */
export function peepholeWeightsChart(
  weights: readonly ArrayLike<number>[],
  {width = 640, ariaLabel = "Learned peephole weights per unit"} = {}
) {
  const gates = ["p_i (input gate ← c_{t−1})", "p_f (forget gate ← c_{t−1})", "p_o (output gate ← c_t)"];
  const rows = weights.flatMap((w, g) => Array.from(w, (value, unit) => ({gate: gates[g], unit, value})));
  return Plot.plot({
    width,
    height: 40 + 46 * gates.length,
    marginLeft: width < 500 ? 130 : 180,
    ariaLabel,
    x: {label: "weight", grid: true},
    y: {label: null, domain: gates},
    marks: [
      Plot.ruleX([0], {strokeOpacity: 0.5}),
      Plot.dot(rows, {x: "value", y: "gate", fill: "var(--theme-foreground-focus)", r: 4, fillOpacity: 0.8}),
      Plot.tip(
        rows,
        Plot.pointer({x: "value", y: "gate", title: (r: (typeof rows)[number]) => `unit ${r.unit + 1}\n${r.gate}: ${r.value.toFixed(3)}`})
      )
    ]
  });
}

/** Mean timing error on held-out sequences after each epoch, for one k, one line per model. */
export function timingErrorCurves(m: PeepholeView, k: number, {width = 640, ariaLabel = ""} = {}) {
  const name = (cell: string) => m.cells.find((c) => c.cell === cell)?.name ?? cell;
  const rows = m.runs
    .filter((r) => r.k === k)
    .flatMap((r) => r.epochs.map((e) => ({model: name(r.cell), epoch: e.epoch, error: e.meanTimingError})));
  const ticks = [...new Set(rows.map((r) => r.epoch))];
  return Plot.plot({
    width,
    height: 240,
    ariaLabel: ariaLabel || `Mean timing error after each epoch for k = ${k}`,
    x: {label: "epoch", tickFormat: "d", ticks, domain: ticks.length === 1 ? [0.5, 1.5] : undefined},
    y: {label: "mean timing error (steps)", grid: true, zero: true},
    color: {legend: true, domain: m.cells.map((c) => c.name)},
    marks: [
      Plot.line(rows, {x: "epoch", y: "error", stroke: "model", strokeWidth: 2, marker: "dot"}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "epoch",
          y: "error",
          stroke: "model",
          title: (r: (typeof rows)[number]) => `${r.model}, epoch ${r.epoch}\nmean timing error ${r.error.toFixed(2)} steps`
        })
      )
    ]
  });
}
