// Pictures for the deep-RNN page: training time by depth, the score after each word from each
// depth's network, validation accuracy by epoch, and every layer's states side by side.
import * as Plot from "@observablehq/plot";
import {labelledWords} from "./sentiment.js";
import {labelledBars} from "../../ui/bars.js";
import {textElement} from "../../ui/tables.js";
import {wordHeatmap} from "./text-trajectory.js";

export function depthCostChart(
  rows: readonly {model: string; seconds: number}[],
  {width = 640, ariaLabel = "Training seconds by depth"} = {}
) {
  return labelledBars(
    rows.map((r) => ({label: r.model, value: r.seconds})),
    {width, ariaLabel, xLabel: "training time (s)", format: (v) => `${v.toFixed(1)} s`}
  );
}

export function depthScoresChart(
  runs: readonly {model: string; scores: ArrayLike<number>}[],
  words: readonly string[],
  {width = 640, ariaLabel = "Score after each word by depth"} = {}
) {
  const rows = runs.flatMap((r) => Array.from(r.scores, (score, step) => ({model: r.model, step, score, word: words[step]})));
  const ticks = labelledWords(words.length, width);
  const longest = Math.min(
    14,
    words.reduce((m, w) => Math.max(m, w.length), 1)
  );
  return Plot.plot({
    width,
    height: 280,
    marginBottom: 12 + longest * 6,
    ariaLabel,
    x: {label: null, domain: [-0.5, Math.max(0.5, words.length - 0.5)], ticks, tickFormat: (i: number) => words[i] ?? "", tickRotate: -60},
    y: {label: "score (0 hate, 1 love)", domain: [0, 1], grid: true},
    color: {legend: true, domain: runs.map((r) => r.model)},
    marks: [
      Plot.ruleY([0.5], {strokeDasharray: "3,3", strokeOpacity: 0.6}),
      Plot.lineY(rows, {x: "step", y: "score", stroke: "model", strokeWidth: 1.8, marker: words.length <= 60 ? "dot" : undefined}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "step",
          y: "score",
          stroke: "model",
          title: (r: (typeof rows)[number]) => `${r.model}, word ${r.step + 1} “${r.word}”\nscore ${r.score.toFixed(3)}`
        })
      )
    ]
  });
}

export function validationCurves(
  rows: readonly {model: string; epochs: {epoch: number; validationAccuracy: number}[]}[],
  {width = 640, ariaLabel = "Validation accuracy after each epoch, by depth"} = {}
) {
  const points = rows.flatMap((r) => r.epochs.map((e) => ({model: r.model, epoch: e.epoch, accuracy: e.validationAccuracy})));
  return Plot.plot({
    width,
    height: 220,
    ariaLabel,
    x: {label: "epoch", ticks: [...new Set(points.map((p) => p.epoch))], tickFormat: "d"},
    y: {label: "validation accuracy", tickFormat: "%", grid: true},
    color: {legend: true, domain: rows.map((r) => r.model)},
    marks: [
      Plot.lineY(points, {x: "epoch", y: "accuracy", stroke: "model", marker: "dot"}),
      Plot.tip(points, Plot.pointer({x: "epoch", y: "accuracy", stroke: "model"}))
    ]
  });
}

/** One heatmap per layer, bottom first: side by side when there is room, else stacked. */
export function layerHeatmaps(
  layers: readonly {h: ArrayLike<number>[]}[],
  words: readonly string[],
  {width = 640, units = 0} = {}
): HTMLElement {
  const columns = width >= 960 ? layers.length : 1;
  const gap = 16;
  const each = Math.floor((width - gap * (columns - 1)) / columns);
  const root = document.createElement("div");
  root.style.display = "grid";
  root.style.gridTemplateColumns = `repeat(${columns}, ${each}px)`;
  root.style.gap = `${gap}px`;
  layers.forEach((layer, k) => {
    const cell = document.createElement("div");
    const role = k === 0 ? " (reads the words)" : k === layers.length - 1 ? " (read out)" : "";
    cell.append(
      textElement("h3", `Layer ${k + 1}${role}`),
      wordHeatmap(layer.h, words, {
        width: each,
        label: `h⁽${k + 1}⁾`,
        ariaLabel: `Heatmap of layer ${k + 1}'s ${units || layer.h[0]?.length || 0} hidden units over ${words.length} words`
      })
    );
    root.append(cell);
  });
  return root;
}
