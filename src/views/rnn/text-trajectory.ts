// Hidden-state pictures for text: the path of the state through a review, every step labelled
// with its word and coloured by the network's score after it, and a heatmap of every unit at
// every word. (The time-series versions, views/rnn/trajectory.ts, label steps with dates.)
import * as Plot from "@observablehq/plot";
import {labelledSteps, unitValues, type UnitValue} from "./trajectory.js";
import type {WordPoint} from "../../lib/rnn/text-trajectory.js";

/** Steps to label: every one when few, else a spread (labelledSteps) plus the highlighted. */
export function wordLabels(count: number, highlight: number | null, {all = 45} = {}): Set<number> {
  if (count <= all) return new Set(Array.from({length: count}, (_, i) => i));
  return labelledSteps(count, highlight, 12);
}

const clip = (w: string, n = 14) => (w.length > n ? `${w.slice(0, n - 1)}…` : w);

export function wordPathChart(
  points: readonly WordPoint[],
  {width = 640, highlight = null as number | null, ariaLabel = "Path of the hidden state, one step per word"} = {}
) {
  const labelled = wordLabels(points.length, highlight);
  const on = points.filter((p) => p.step === highlight);
  return Plot.plot({
    width,
    height: Math.min(560, Math.max(300, width * 0.7)),
    ariaLabel,
    inset: 20,
    x: {label: "first principal direction", grid: true},
    y: {label: "second principal direction", grid: true},
    color: {type: "diverging", scheme: "rdbu", domain: [0, 1], pivot: 0.5, label: "score after the word (0 hate, 1 love)", legend: true},
    marks: [
      Plot.link(points.slice(1), {
        x1: (_: WordPoint, i: number) => points[i].pc1,
        y1: (_: WordPoint, i: number) => points[i].pc2,
        x2: "pc1",
        y2: "pc2",
        stroke: "score",
        strokeWidth: 1.5,
        markerEnd: points.length <= 60 ? "arrow" : undefined
      }),
      Plot.dot(points, {x: "pc1", y: "pc2", fill: "score", stroke: "currentColor", strokeWidth: 0.5, r: 3}),
      Plot.text(
        points.filter((p) => labelled.has(p.step)),
        {
          x: "pc1",
          y: "pc2",
          text: (p: WordPoint) => clip(p.word),
          dy: -9,
          fill: "currentColor",
          stroke: "var(--theme-background)",
          strokeWidth: 3,
          paintOrder: "stroke",
          className: "path-word"
        }
      ),
      Plot.dot(on, {x: "pc1", y: "pc2", r: 8, stroke: "var(--theme-foreground-focus)", strokeWidth: 2.5}),
      Plot.tip(
        points,
        Plot.pointer({
          x: "pc1",
          y: "pc2",
          title: (p: WordPoint) => `word ${p.step + 1}: “${p.word}”\nscore after it: ${p.score.toFixed(3)}`
        })
      )
    ]
  });
}

/** Every unit of a state at every word; columns labelled with the words. */
export function wordHeatmap(
  states: readonly ArrayLike<number>[],
  words: readonly string[],
  {width = 640, highlight = null as number | null, label = "hₜ", ariaLabel = "Every hidden unit at every word"} = {}
) {
  const cells: UnitValue[] = unitValues(states);
  const units = states.length ? states[0].length : 0;
  const extent = Math.max(1e-6, ...cells.map((c) => Math.abs(c.value)));
  // A bounded state (h = o·tanh(c)) keeps the scale −1…1; the cell state c can leave it.
  const domain = extent <= 1 ? [-1, 1] : [-extent, extent];
  const fit = Math.max(4, Math.floor((width - 50) / 13));
  const every = Math.max(1, Math.ceil(words.length / fit));
  const ticks = words.map((_, i) => i).filter((i) => i % every === 0);
  const longest = Math.min(
    14,
    words.reduce((m, w) => Math.max(m, w.length), 1)
  );
  return Plot.plot({
    width,
    height: 30 + units * (units > 16 ? 11 : 15) + longest * 6,
    marginBottom: 10 + longest * 6,
    marginLeft: 40,
    ariaLabel,
    x: {
      type: "band",
      label: null,
      domain: words.map((_, i) => i),
      ticks,
      tickFormat: (i: number) => clip(words[i]),
      tickRotate: -60,
      padding: 0
    },
    y: {
      type: "band",
      label: "unit",
      padding: 0.05,
      ticks: units > 16 ? Array.from({length: units}, (_, k) => k + 1).filter((k) => k === 1 || k % 8 === 0) : undefined
    },
    color: {type: "diverging", scheme: "rdbu", domain, label: `${label} (red negative, blue positive)`, legend: true},
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
        Plot.pointer({
          x: "step",
          y: "unit",
          title: (c: UnitValue) => `“${words[c.step]}” (word ${c.step + 1}), unit ${c.unit}\n${label} = ${c.value.toFixed(3)}`
        })
      )
    ]
  });
}
