// Pictures for the vanishing-gradients page: ‖∂h_t/∂h_0‖ against t on a log scale, the
// long-lag experiment's test accuracy by lag (chance marked), seconds per epoch, and the
// training curves of one lag. Pure functions of the numbers they draw.
import * as Plot from "@observablehq/plot";
import {normPoints, type NormPoint} from "../../lib/rnn/gradient-norms.js";
import {numberTable} from "../../ui/tables.js";

/** What the charts read of the long-lag loader's metrics.json (src/data/long-lag.zip.ts). */
export interface LongLagView {
  quick: boolean;
  task: {lags: number[]; chance: number; testCount: number};
  cells: {cell: string; name: string; parameters: number; trainingSeconds: number; secondsPerEpoch: Record<string, number>}[];
  runs: {
    cell: string;
    lag: number;
    testAccuracy: number;
    secondsPerEpoch: number;
    epochs: {epoch: number; loss: number; testAccuracy: number}[];
  }[];
}

/** What the long-lag metrics hold for each recipe (LongLagMetrics in src/data/lib/training/long-lag-training.ts). */
export interface LongLagRecipes {
  quick: boolean;
  task: LongLagView["task"];
  training: {units: number; epochs: number};
  recipes: {
    id: string;
    name: string;
    cells: LongLagView["cells"];
    runs: LongLagView["runs"];
    gradients: {cell: string; initial: number[]; trained: number[]}[];
  }[];
}

/** One recipe's results in the shape the charts and tables read. */
export function recipeView<M extends LongLagRecipes>(m: M, id: string): M & Pick<LongLagView, "cells" | "runs"> & {name: string} {
  const recipe = m.recipes.find((r) => r.id === id);
  if (!recipe)
    throw new Error(`the long-lag metrics have no recipe ${JSON.stringify(id)} (they have ${m.recipes.map((r) => r.id).join(", ")})`);
  return {...m, name: recipe.name, cells: recipe.cells, runs: recipe.runs};
}

/** A recipe's measured ‖∂h_t/∂h_0‖ at the initial and at the trained weights, as chart rows. */
export function recipeNormPoints(m: LongLagRecipes, id: string): NormPoint[] {
  const recipe = recipeView(m, id);
  const name = (cell: string) => recipe.cells.find((c) => c.cell === cell)?.name ?? cell;
  return m.recipes
    .find((r) => r.id === id)!
    .gradients.flatMap((g) => [...normPoints(`${name(g.cell)}, initial`, g.initial), ...normPoints(`${name(g.cell)}, trained`, g.trained)]);
}

const format = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toPrecision(3));

/**
 * One line per series on a log scale; `highlight` (the slider's curve) drawn thick in the text
 * colour, `reference` (scale^t, what a linear network would do) dashed.
 */
export function normChart(
  points: readonly NormPoint[],
  {width = 640, highlight = "", reference = [] as readonly NormPoint[], ariaLabel = "‖∂h_t/∂h_0‖ against t"} = {}
) {
  const others = points.filter((p) => p.series !== highlight);
  const mine = points.filter((p) => p.series === highlight);
  const last = (rows: readonly NormPoint[]) => [...new Map(rows.map((p) => [p.series, p])).values()];
  return Plot.plot({
    width,
    height: Math.min(420, Math.max(260, width * 0.5)),
    marginRight: width < 500 ? 56 : 90,
    ariaLabel,
    x: {label: "t (steps after h₀)", grid: true},
    y: {
      type: "log",
      label: "‖∂h_t/∂h₀‖",
      grid: true,
      tickFormat: (v: number) => (Number.isInteger(Math.log10(v)) ? `1e${Math.log10(v)}` : "")
    },
    color: {legend: true, domain: [...new Set(others.map((p) => p.series))]},
    marks: [
      Plot.ruleY([1], {strokeOpacity: 0.5}),
      Plot.line(reference, {x: "t", y: "norm", stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.7}),
      Plot.line(others, {x: "t", y: "norm", stroke: "series", strokeWidth: 1.5}),
      Plot.line(mine, {x: "t", y: "norm", stroke: "currentColor", strokeWidth: 3}),
      Plot.text(last(others), {
        x: "t",
        y: "norm",
        text: (p: NormPoint) => format(p.norm),
        fill: "series",
        dx: 4,
        textAnchor: "start",
        fontSize: 10
      }),
      Plot.text(last(mine), {
        x: "t",
        y: "norm",
        text: (p: NormPoint) => (width < 500 ? format(p.norm) : `${p.series}: ${format(p.norm)}`),
        fill: "currentColor",
        dx: 4,
        dy: -8,
        textAnchor: "start",
        fontWeight: "bold",
        fontSize: 10
      }),
      Plot.tip([...points], Plot.pointer({x: "t", y: "norm", title: (p: NormPoint) => `${p.series}\nt = ${p.t}: ${format(p.norm)}`}))
    ]
  });
}

/** Test accuracy by lag, one line per cell, chance as a dashed rule. */
export function accuracyByLagChart(m: LongLagView, {width = 640, ariaLabel = "Test accuracy by lag for each cell"} = {}) {
  const rows = m.runs.map((r) => ({cell: m.cells.find((c) => c.cell === r.cell)?.name ?? r.cell, lag: r.lag, accuracy: r.testAccuracy}));
  const names = m.cells.map((c) => c.name);
  return Plot.plot({
    width,
    height: 300,
    marginRight: 20,
    ariaLabel,
    x: {type: "log", label: "lag (steps between the class symbol and the answer)", ticks: m.task.lags, tickFormat: "d", grid: true},
    y: {label: "test accuracy", domain: [0, 1], tickFormat: "%", grid: true},
    color: {legend: true, domain: names},
    marks: [
      Plot.ruleY([m.task.chance], {strokeDasharray: "5,4", strokeOpacity: 0.8}),
      Plot.text([m.task.chance], {
        x: m.task.lags[0],
        y: (v: number) => v,
        text: (v: number) => `chance ${(100 * v).toFixed(0)}%`,
        dy: -7,
        textAnchor: "start",
        fill: "currentColor",
        fontSize: 10
      }),
      Plot.line(rows, {x: "lag", y: "accuracy", stroke: "cell", strokeWidth: 2, marker: "dot"}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "lag",
          y: "accuracy",
          stroke: "cell",
          title: (r: (typeof rows)[number]) => `${r.cell}, lag ${r.lag}\ntest accuracy ${(100 * r.accuracy).toFixed(1)}%`
        })
      )
    ]
  });
}

/** Seconds per training epoch by lag, one line per cell. */
export function secondsPerEpochChart(m: LongLagView, {width = 640, ariaLabel = "Seconds per training epoch by lag for each cell"} = {}) {
  const rows = m.cells.flatMap((c) =>
    Object.entries(c.secondsPerEpoch).map(([lag, seconds]) => ({cell: c.name, lag: Number(lag), seconds}))
  );
  return Plot.plot({
    width,
    height: 260,
    ariaLabel,
    x: {label: "lag (sequence length − 1)", ticks: m.task.lags, grid: true},
    y: {label: "seconds per epoch", grid: true, zero: true},
    color: {legend: true, domain: m.cells.map((c) => c.name)},
    marks: [
      Plot.line(rows, {x: "lag", y: "seconds", stroke: "cell", strokeWidth: 2, marker: "dot"}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "lag",
          y: "seconds",
          stroke: "cell",
          title: (r: (typeof rows)[number]) => `${r.cell}, lag ${r.lag}\n${r.seconds.toFixed(2)} s per epoch`
        })
      )
    ]
  });
}

/** Training loss and test accuracy after each epoch, for one lag: two small charts, one above the other. */
export function lagCurves(m: LongLagView, lag: number, {width = 640, ariaLabel = ""} = {}): HTMLElement {
  const name = (cell: string) => m.cells.find((c) => c.cell === cell)?.name ?? cell;
  const rows = m.runs
    .filter((r) => r.lag === lag)
    .flatMap((r) => r.epochs.map((e) => ({cell: name(r.cell), epoch: e.epoch, loss: e.loss, accuracy: e.testAccuracy})));
  const ticks = [...new Set(rows.map((r) => r.epoch))];
  const domain = m.cells.map((c) => c.name);
  type Row = (typeof rows)[number];
  const chart = (y: "loss" | "accuracy", legend: boolean) =>
    Plot.plot({
      width,
      height: 200,
      ariaLabel: `${ariaLabel || `Training loss and test accuracy after each epoch at lag ${lag}`}: ${y === "loss" ? "training loss" : "test accuracy"}`,
      x: {label: "epoch", tickFormat: "d", ticks, domain: ticks.length === 1 ? [0.5, 1.5] : undefined},
      y:
        y === "loss"
          ? {label: "training loss (cross-entropy)", grid: true, zero: true}
          : {label: "test accuracy", domain: [0, 1], tickFormat: "%", grid: true},
      color: {legend, domain},
      marks: [
        y === "accuracy" ? Plot.ruleY([m.task.chance], {strokeDasharray: "5,4", strokeOpacity: 0.8}) : null,
        Plot.line(rows, {x: "epoch", y, stroke: "cell", z: "cell", strokeWidth: 2, marker: "dot"}),
        Plot.tip(
          rows,
          Plot.pointer({
            x: "epoch",
            y,
            stroke: "cell",
            title: (r: Row) =>
              `${r.cell}, epoch ${r.epoch}\ntraining loss ${r.loss.toFixed(3)}\ntest accuracy ${(100 * r.accuracy).toFixed(1)}%`
          })
        )
      ]
    });
  const root = document.createElement("div");
  root.append(chart("loss", true), chart("accuracy", false));
  return root;
}

/** The numbers behind the charts: one row per cell. */
export function longLagTable(m: LongLagView, {caption = ""} = {}): HTMLElement {
  const lags = m.task.lags;
  const rows = m.cells.map((c) => [
    c.name,
    c.parameters.toLocaleString("en"),
    ...lags.map((lag) => {
      const run = m.runs.find((r) => r.cell === c.cell && r.lag === lag);
      return run ? `${(100 * run.testAccuracy).toFixed(1)}%` : "–";
    }),
    `${(c.secondsPerEpoch[String(lags[lags.length - 1])] ?? NaN).toFixed(2)} s`,
    `${c.trainingSeconds.toFixed(1)} s`
  ]);
  return numberTable(rows, {
    caption: `${caption ? `${caption}: t` : "T"}est accuracy on ${m.task.testCount.toLocaleString("en")} held-out sequences per lag`,
    columns: ["cell", "parameters", ...lags.map((lag) => `lag ${lag}`), `s/epoch, lag ${lags[lags.length - 1]}`, "training, all lags"],
    className: "long-lag-table"
  });
}

/** Cards side by side (a two-column grid on a wide screen), each a title over its content. */
export function resultCards(items: readonly {title: string; body: Node}[], {columns = 2} = {}): HTMLElement {
  const grid = document.createElement("div");
  grid.className = `grid grid-cols-${columns}`;
  for (const {title, body} of items) {
    const card = document.createElement("div");
    card.className = "card";
    const heading = document.createElement("h2");
    heading.textContent = title;
    card.append(heading, body);
    grid.append(card);
  }
  return grid;
}
