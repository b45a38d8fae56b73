// Hidden-state pictures for a trained RNN running through a window of a time series: the path
// of h_t projected on its two principal directions, steps labelled with their dates, and a
// heatmap of every unit at every step. The same step is highlighted in both.
import * as Plot from "@observablehq/plot";
import type {TrajectoryPoint} from "../../lib/rnn/hidden-trajectory.js";

/** Steps to label with their dates: the first, the last, the highlighted and a few between. */
export function labelledSteps(count: number, highlight: number | null, labels = 6): Set<number> {
  const every = Math.max(1, Math.round((count - 1) / Math.max(1, labels - 1)));
  const steps = new Set<number>([0, count - 1]);
  for (let s = every; s < count - every / 2; s += every) steps.add(s);
  if (highlight !== null) steps.add(highlight);
  return steps;
}

export function trajectoryChart(
  points: readonly TrajectoryPoint[],
  {width = 640, highlight = null as number | null, unit = "", ariaLabel = "Path of the hidden state"} = {}
) {
  const labelled = labelledSteps(points.length, highlight);
  const on = points.filter((p) => p.step === highlight);
  return Plot.plot({
    width,
    height: Math.min(520, Math.max(280, width * 0.7)),
    ariaLabel,
    inset: 16,
    x: {label: "first principal direction", grid: true},
    y: {label: "second principal direction", grid: true},
    color: {type: "linear", scheme: "viridis", label: "step", legend: true},
    marks: [
      // One segment per step so the colour runs from the first day to the last.
      Plot.link(points.slice(1), {
        x1: (_: TrajectoryPoint, i: number) => points[i].pc1,
        y1: (_: TrajectoryPoint, i: number) => points[i].pc2,
        x2: "pc1",
        y2: "pc2",
        stroke: "step",
        strokeWidth: 1.5,
        markerEnd: points.length <= 80 ? "arrow" : undefined
      }),
      Plot.dot(points, {x: "pc1", y: "pc2", fill: "step", r: 2.5}),
      Plot.text(
        points.filter((p) => labelled.has(p.step)),
        {
          x: "pc1",
          y: "pc2",
          text: "date",
          dy: -9,
          fill: "currentColor",
          stroke: "var(--theme-background)",
          strokeWidth: 3,
          paintOrder: "stroke"
        }
      ),
      Plot.dot(on, {x: "pc1", y: "pc2", r: 7, stroke: "var(--theme-foreground-focus)", strokeWidth: 2.5}),
      Plot.tip(
        points,
        Plot.pointer({x: "pc1", y: "pc2", title: (p: TrajectoryPoint) => `step ${p.step}: ${p.date}\nvalue ${p.value.toFixed(2)} ${unit}`})
      )
    ]
  });
}

export interface UnitValue {
  step: number;
  unit: number;
  value: number;
}

/** Long-format cells for the heatmap. */
export function unitValues(h: readonly ArrayLike<number>[]): UnitValue[] {
  return h.flatMap((row, step) => Array.from(row, (value, unit) => ({step, unit: unit + 1, value})));
}

export function stateHeatmap(
  cells: readonly UnitValue[],
  dates: readonly string[],
  {width = 640, highlight = null as number | null, ariaLabel = "Every hidden unit at every step"} = {}
) {
  const steps = dates.length;
  const tickSteps = [...labelledSteps(steps, null, width < 500 ? 3 : 6)].sort((a, b) => a - b);
  const units = cells.reduce((m, c) => Math.max(m, c.unit), 0);
  return Plot.plot({
    width,
    height: 40 + units * 16,
    marginBottom: 36,
    // Room for the last date label, centred on the last column.
    marginRight: 36,
    ariaLabel,
    x: {type: "band", label: null, ticks: tickSteps, tickFormat: (s: number) => dates[s], padding: 0},
    y: {type: "band", label: "unit", padding: 0.05},
    color: {type: "diverging", scheme: "rdbu", domain: [-1, 1], label: "hₜ (tanh, −1 to 1)", legend: true},
    marks: [
      Plot.cell(cells, {x: "step", y: "unit", fill: "value", inset: 0}),
      Plot.cell(highlight === null ? [] : [highlight], {
        x: (s: number) => s,
        stroke: "var(--theme-foreground-focus)",
        strokeWidth: 2,
        fill: "none"
      }),
      Plot.tip(
        cells,
        Plot.pointer({x: "step", y: "unit", title: (c: UnitValue) => `${dates[c.step]}, unit ${c.unit}\nh = ${c.value.toFixed(3)}`})
      )
    ]
  });
}

/** The series over the window, with the highlighted day marked: what the hidden state read. */
export function windowSeriesChart(
  values: readonly number[],
  dates: readonly string[],
  {width = 640, highlight = null as number | null, unit = "", ariaLabel = "The series over the window"} = {}
) {
  const rows = values.map((value, step) => ({step, date: new Date(dates[step]), value}));
  return Plot.plot({
    width,
    height: 150,
    ariaLabel,
    x: {type: "utc", label: null},
    y: {label: unit, grid: true, nice: true},
    marks: [
      Plot.lineY(rows, {x: "date", y: "value", stroke: "currentColor"}),
      Plot.ruleX(highlight === null ? [] : [rows[highlight]], {x: "date", stroke: "var(--theme-foreground-focus)", strokeWidth: 2}),
      Plot.tip(rows, Plot.pointerX({x: "date", y: "value", format: {x: (d: Date) => d.toISOString().slice(0, 10)}}))
    ]
  });
}
