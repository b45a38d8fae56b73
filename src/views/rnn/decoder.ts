// Pictures of a greedy decoding (see lib/models/seq2seq.ts): the decoder's output probabilities at
// every step as a heatmap (step × symbol, the chosen symbol ringed), each step's top candidates
// as a table, and a state vector as a strip of coloured cells. Charts take plain numbers.
import * as Plot from "@observablehq/plot";
import {injectStyle} from "../../ui/inject-style.js";
import {topCandidates, type Decoding} from "../../lib/models/seq2seq.js";

export interface HeatmapOptions {
  width?: number;
  /** Name of output symbol k (k = 0 is END). */
  symbol: (index: number) => string;
  /** Columns to draw, in order; default every output symbol. */
  columns?: readonly number[];
  /** What each step was fed, for the row labels; default the symbol names. */
  inputName?: (index: number) => string;
  ariaLabel?: string;
}

interface Cell {
  step: number;
  index: number;
  p: number;
}

const percent = (p: number) =>
  p >= 0.995
    ? "1"
    : p < 0.005
      ? "0"
      : `.${Math.round(p * 100)
          .toString()
          .padStart(2, "0")}`;

/** The symbols worth a column: every step's top `k`, plus END; in output order. */
export function likelyColumns(decoding: Decoding, k = 3): number[] {
  const set = new Set<number>([0]);
  for (const step of decoding.steps) for (const c of topCandidates(step.probabilities, k)) set.add(c.index);
  return [...set].sort((a, b) => a - b);
}

/**
 * Rows are steps (labelled with what the decoder was fed), columns output symbols; the colour's
 * strength is the probability, the ringed cell the symbol greedy decoding wrote, its probability printed.
 */
export function stepHeatmap(
  decoding: Decoding,
  {width = 640, symbol, columns, inputName, ariaLabel}: HeatmapOptions
): SVGSVGElement | HTMLElement {
  const cols = columns ?? Array.from(decoding.steps[0]?.probabilities ?? [], (_, k) => k);
  const fed = (i: number) => (i === 0 ? "START" : (inputName ?? symbol)(i));
  const rowLabel = (t: number) => `${t + 1}: ${fed(decoding.steps[t].input)}`;
  const cells: Cell[] = decoding.steps.flatMap((s, step) => cols.map((index) => ({step, index, p: s.probabilities[index]})));
  const chosen = decoding.steps.map((s, step) => ({step, index: s.chosen, p: s.probabilities[s.chosen]}));
  const labelWidth = 12 + 7 * Math.max(...decoding.steps.map((_, t) => rowLabel(t).length));
  const cellWidth = Math.max(14, Math.min(44, (width - labelWidth - 10) / cols.length));
  // Narrow cells (phones, many symbols): labels upright would collide, so they stand on end.
  const longest = Math.max(...cols.map((k) => symbol(k).length));
  const rotate = cellWidth < 8 * longest + 4;
  return Plot.plot({
    width: Math.min(width, labelWidth + 10 + cellWidth * cols.length),
    height: 50 + decoding.steps.length * 28 + (rotate ? 7 * longest : 0),
    marginLeft: labelWidth,
    marginTop: 34 + (rotate ? 7 * longest : 0),
    ariaLabel:
      ariaLabel ??
      `Decoder output probabilities, step by step: ${chosen.map((c) => `step ${c.step + 1} wrote ${symbol(c.index)} (${(100 * c.p).toFixed(0)}%)`).join(", ")}`,
    x: {
      type: "band",
      domain: cols,
      tickFormat: (k: number) => symbol(k),
      axis: "top",
      label: "written symbol (output)",
      padding: 0.04,
      tickRotate: rotate ? -90 : 0
    },
    y: {type: "band", domain: decoding.steps.map((_, t) => t), tickFormat: rowLabel, label: "step: fed", labelAnchor: "top", padding: 0.06},
    marks: [
      // Opacity instead of a colour scheme: the same picture on light and dark themes.
      Plot.cell(cells, {x: "index", y: "step", fill: "currentColor", fillOpacity: 0.04, inset: 0}),
      Plot.cell(cells, {x: "index", y: "step", fill: "var(--theme-foreground-focus)", fillOpacity: (c: Cell) => c.p, inset: 0}),
      Plot.cell(chosen, {x: "index", y: "step", fill: "none", stroke: "currentColor", strokeWidth: 2, inset: 0.5}),
      Plot.text(chosen, {
        x: "index",
        y: "step",
        text: (c: Cell) => percent(c.p),
        fill: (c: Cell) => (c.p > 0.55 ? "var(--theme-background)" : "currentColor"),
        fontWeight: 600,
        fontSize: 10
      }),
      Plot.tip(
        cells,
        Plot.pointer({
          x: "index",
          y: "step",
          title: (c: Cell) =>
            `step ${c.step + 1} (fed ${fed(decoding.steps[c.step].input)})\n${symbol(c.index)}: ${(100 * c.p).toFixed(2)}%`
        })
      )
    ]
  });
}

/**
 * Each step's k most probable symbols with a bar for each probability: a table, so screen
 * readers can walk it. The written symbol is the first candidate (greedy decoding).
 */
export function candidatesTable(
  decoding: Decoding,
  {symbol, k = 3, describe}: {symbol: (index: number) => string; k?: number; describe?: (index: number) => string}
): HTMLElement {
  injectStyle("decoder-candidates-style", CSS);
  const table = document.createElement("table");
  table.className = "decoder-candidates";
  const head = table.createTHead().insertRow();
  for (const name of ["step", "fed", ...Array.from({length: k}, (_, i) => (i === 0 ? "written (most probable)" : `candidate ${i + 1}`))]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  decoding.steps.forEach((step, t) => {
    const row = body.insertRow();
    row.insertCell().textContent = String(t + 1);
    row.insertCell().textContent = step.input === 0 ? "START" : symbol(step.input);
    for (const c of topCandidates(step.probabilities, k)) {
      const cell = row.insertCell();
      const name = document.createElement("span");
      name.className = "symbol";
      name.textContent = symbol(c.index);
      if (describe) name.title = describe(c.index);
      const bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = `${Math.max(1, Math.round(48 * c.probability))}px`;
      bar.setAttribute("aria-hidden", "true");
      const value = document.createElement("span");
      value.className = "value";
      value.textContent = `${(100 * c.probability).toFixed(1)}%`;
      cell.append(name, " ", bar, " ", value);
    }
  });
  const wrapper = document.createElement("div");
  wrapper.className = "decoder-candidates-wrapper";
  wrapper.append(table);
  return wrapper;
}

/** A vector as one row of cells, red negative, blue positive (−1…1, the range of a GRU state). */
export function vectorStrip(
  values: ArrayLike<number>,
  {width = 640, label = "unit", ariaLabel}: {width?: number; label?: string; ariaLabel?: string} = {}
): SVGSVGElement | HTMLElement {
  const cells = Array.from(values, (v, k) => ({unit: k + 1, v}));
  return Plot.plot({
    width,
    height: 92,
    marginTop: 8,
    marginLeft: 8,
    marginRight: 8,
    ariaLabel: ariaLabel ?? `A vector of ${cells.length} numbers`,
    x: {type: "band", label, ticks: cells.filter((c) => c.unit === 1 || c.unit % 16 === 0).map((c) => c.unit), padding: 0},
    y: {axis: null},
    color: {type: "diverging", scheme: "rdbu", domain: [-1, 1], label: "value (−1 to 1)", legend: true},
    marks: [
      Plot.cell(cells, {x: "unit", fill: "v", inset: 0}),
      Plot.tip(cells, Plot.pointer({x: "unit", title: (c: {unit: number; v: number}) => `unit ${c.unit}: ${c.v.toFixed(3)}`}))
    ]
  });
}

/**
 * Rows of state vectors (one per step, labelled), the last row outlined: how the encoder's state
 * builds up as it reads, ending in the message.
 */
export function statesHeatmap(
  rows: readonly ArrayLike<number>[],
  labels: readonly string[],
  {width = 640, ariaLabel, outlineLast = true}: {width?: number; ariaLabel?: string; outlineLast?: boolean} = {}
): SVGSVGElement | HTMLElement {
  const cells = rows.flatMap((row, step) => Array.from(row, (v, k) => ({step, unit: k + 1, v})));
  const units = rows[0]?.length ?? 0;
  const labelWidth = 12 + 7 * Math.max(...labels.map((l) => l.length));
  return Plot.plot({
    width,
    height: 60 + rows.length * 18,
    marginLeft: labelWidth,
    ariaLabel: ariaLabel ?? `The state after each of ${rows.length} steps, ${units} units each`,
    x: {
      type: "band",
      label: "unit",
      ticks: Array.from({length: units}, (_, k) => k + 1).filter((u) => u === 1 || u % 16 === 0),
      padding: 0
    },
    y: {type: "band", domain: rows.map((_, s) => s), tickFormat: (s: number) => labels[s], label: null, padding: 0.05},
    color: {type: "diverging", scheme: "rdbu", domain: [-1, 1], label: "state value (−1 to 1)", legend: true},
    marks: [
      Plot.cell(cells, {x: "unit", y: "step", fill: "v", inset: 0}),
      Plot.frame({anchor: "bottom", stroke: "currentColor", strokeOpacity: 0.3}),
      Plot.cell(outlineLast && rows.length ? [rows.length - 1] : [], {
        y: (s: number) => s,
        fill: "none",
        stroke: "var(--theme-foreground-focus)",
        strokeWidth: 2
      }),
      Plot.tip(
        cells,
        Plot.pointer({
          x: "unit",
          y: "step",
          title: (c: {step: number; unit: number; v: number}) => `${labels[c.step]}, unit ${c.unit}: ${c.v.toFixed(3)}`
        })
      )
    ]
  });
}

const CSS = `
.decoder-candidates-wrapper { overflow-x: auto; max-width: 100%; }
.decoder-candidates { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0.5rem 0; }
.decoder-candidates th, .decoder-candidates td { padding: 0.15rem 0.6rem; text-align: left; border-bottom: solid 1px var(--theme-foreground-faintest); white-space: nowrap; }
.decoder-candidates td:nth-child(3) { font-weight: 600; }
.decoder-candidates .symbol { display: inline-block; min-width: 2.4em; font-family: var(--monospace); }
.decoder-candidates .bar { display: inline-block; height: 0.7em; background: var(--theme-foreground-focus); opacity: 0.7; vertical-align: baseline; }
.decoder-candidates .value { color: var(--theme-foreground-muted); }
`;
