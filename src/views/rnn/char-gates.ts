// Pictures of a character model's gates over a passage (values from char-gates.ts):
// - a heatmap per signal, characters along x, chosen units along y, the passage's characters
//   written above each band; long passages wrap into rows, so it fits a phone;
// - the passage as running text, each character shaded by one unit's value (Karpathy's view);
// - the table of the units that best track each readable feature (char-features.ts).
// Characters are always set as text (Plot's text mark, textContent), never parsed as markup.
import * as Plot from "@observablehq/plot";
import type {FeatureRanking} from "../../lib/rnn/char-features.js";
import type {GateSignal} from "../../lib/rnn/char-gates.js";
import {injectStyle} from "../../ui/inject-style.js";
import {formatValue} from "../../lib/core/format.js";

/** How a character is drawn in a one-character cell: spaces and line breaks made visible. */
export function visibleChar(ch: string): string {
  if (ch === "\n") return "↵";
  if (ch === " ") return "·";
  return ch;
}

/** The colour scale options for a signal: gates 0 to 1, states diverging around 0. */
export function signalColor(signal: GateSignal): Plot.ScaleOptions {
  return signal.domain[0] < 0
    ? {type: "diverging", scheme: "rdbu", domain: signal.domain}
    : {type: "linear", scheme: "viridis", domain: signal.domain};
}

export interface HeatmapOptions {
  width?: number;
  /** Extra words after "unit k" on the y axis, by unit (e.g. what it tracks). */
  unitNotes?: ReadonlyMap<number, string>;
  /** Pixels per character (the cells' width). */
  cellWidth?: number;
  ariaLabel?: string;
}

/** Characters per wrapped row at this width. */
export function charsPerRow(width: number, {cellWidth = 11, marginLeft = 110, marginRight = 10} = {}): number {
  return Math.max(10, Math.floor((width - marginLeft - marginRight) / cellWidth));
}

/**
 * One signal over the passage for the chosen units (0-based): characters along x, wrapped into
 * rows of `charsPerRow(width)`, a band of units under each row of characters.
 */
export function gateHeatmap(
  signal: GateSignal,
  chars: readonly string[],
  units: readonly number[],
  {width = 640, unitNotes = new Map(), cellWidth = 11, ariaLabel}: HeatmapOptions = {}
) {
  const marginLeft = width < 500 ? 92 : 110;
  const perRow = charsPerRow(width, {cellWidth, marginLeft});
  const rows = Math.ceil(chars.length / perRow);
  const unitLabel = (u: number) => `u${u + 1}${unitNotes.has(u) ? ` ${unitNotes.get(u)}` : ""}`;
  const yDomain = ["text", ...units.map(unitLabel)];
  const cells = chars.flatMap((ch, t) =>
    units.map((u) => ({row: Math.floor(t / perRow), col: t % perRow, t, unit: unitLabel(u), ch, value: signal.values[t][u]}))
  );
  const letters = chars.map((ch, t) => ({row: Math.floor(t / perRow), col: t % perRow, t, ch: visibleChar(ch)}));
  const bandHeight = 12;
  return Plot.plot({
    width: marginLeft + perRow * cellWidth + 10,
    height: 30 + rows * ((units.length + 1) * bandHeight + 12) + 40,
    marginLeft,
    marginRight: 10,
    marginTop: 4,
    marginBottom: 4,
    ariaLabel:
      ariaLabel ?? `Heatmap of the ${signal.name} for ${units.length} units over ${chars.length} characters, wrapped in ${rows} rows`,
    x: {type: "band", domain: Array.from({length: perRow}, (_, k) => k), axis: null, padding: 0},
    y: {type: "band", domain: yDomain, padding: 0, tickFormat: (d: string) => (d === "text" ? "" : d), label: null, tickSize: 0},
    fy: {domain: Array.from({length: rows}, (_, k) => k), axis: null, padding: 0.1},
    color: {...signalColor(signal), legend: true, label: signal.name},
    marks: [
      Plot.cell(cells, {x: "col", y: "unit", fy: "row", fill: "value", inset: 0}),
      Plot.text(letters, {
        x: "col",
        y: () => "text",
        fy: "row",
        text: "ch",
        fill: "currentColor",
        fontSize: 11,
        fontFamily: "var(--monospace)"
      }),
      Plot.tip(
        cells,
        Plot.pointer({
          x: "col",
          y: "unit",
          fy: "row",
          title: (c: (typeof cells)[number]) => `character ${c.t + 1} “${visibleChar(c.ch)}”\n${c.unit}: ${formatValue(c.value)}`
        })
      )
    ]
  });
}

/**
 * The colour range for one unit over a passage: its own smallest to largest value (symmetric
 * around 0 for states), so a unit that moves only a little still shows its pattern.
 */
export function stretchedDomain(values: ArrayLike<number>, signed: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    lo = Math.min(lo, values[k]);
    hi = Math.max(hi, values[k]);
  }
  if (signed) {
    const m = Math.max(Math.abs(lo), Math.abs(hi), 1e-6);
    return [-m, m];
  }
  return hi - lo > 1e-6 ? [lo, hi] : [lo - 0.5e-6, hi + 0.5e-6];
}

/**
 * The passage as running text, each character shaded by one unit's value: what the unit "sees".
 * Colours are stretched over the unit's own range on this passage (stretchedDomain).
 */
export function shadedText(
  chars: readonly string[],
  values: ArrayLike<number>,
  signal: GateSignal,
  {ariaLabel = "The passage shaded by one unit's value"} = {}
): HTMLElement {
  injectStyle("char-gate-charts-style", CSS);
  const signed = signal.domain[0] < 0;
  const domain = stretchedDomain(values, signed);
  const scale = Plot.scale({color: {...signalColor(signal), domain}});
  const box = document.createElement("div");
  box.className = "shaded-text";
  box.setAttribute("role", "img");
  box.setAttribute("aria-label", ariaLabel);
  chars.forEach((ch, t) => {
    if (ch === "\n") {
      box.append(document.createElement("br"));
      return;
    }
    const span = document.createElement("span");
    span.textContent = ch;
    const v = values[t];
    span.style.background = String(scale.apply(v));
    // Text colour that stays readable on both ends of the scale.
    const light = signed ? Math.abs(v) < 0.55 * domain[1] : (v - domain[0]) / (domain[1] - domain[0]) > 0.55;
    span.style.color = light ? "#111" : "#fff";
    span.title = `${formatValue(v)}`;
    box.append(span);
  });
  return box;
}

/** Words for how well one |r| tracks a feature. */
export function strength(r: number): string {
  const a = Math.abs(r);
  if (a >= 0.8) return "strongly";
  if (a >= 0.6) return "clearly";
  if (a >= 0.4) return "loosely";
  return "barely";
}

/** The ranking as a table: feature, then the best (signal, unit, r) matches. */
export function rankingTable(rankings: readonly FeatureRanking[], {matches = 3} = {}): HTMLElement {
  injectStyle("char-gate-charts-style", CSS);
  const table = document.createElement("table");
  table.className = "ranking-table";
  const head = table.createTHead().insertRow();
  for (const name of [
    "feature",
    "how often / mean",
    ...Array.from({length: matches}, (_, k) => (k === 0 ? "best unit (r)" : `${k + 1}${k === 1 ? "nd" : "rd"}`)),
    "chance |r|"
  ]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rankings) {
    const row = body.insertRow();
    row.insertCell().textContent = r.featureName;
    row.insertCell().textContent = r.binary ? `${(100 * r.mean).toFixed(1)}% of characters` : `mean ${r.mean.toFixed(1)}`;
    if (r.best.length === 0) {
      const cell = row.insertCell();
      cell.colSpan = matches + 1;
      cell.textContent = "never varies in this text";
      continue;
    }
    for (let k = 0; k < matches; k++) {
      const m = r.best[k];
      const cell = row.insertCell();
      if (!m) continue;
      cell.textContent = `${m.signal} unit ${m.unit + 1} (${formatValue(m.r, 2)})`;
      if (k === 0) cell.className = Math.abs(m.r) >= 0.6 ? "good" : Math.abs(m.r) < 0.4 ? "weak" : "";
    }
    row.insertCell().textContent = r.chance === null ? "" : formatValue(r.chance, 2);
  }
  const wrapper = document.createElement("div");
  wrapper.className = "ranking-wrapper";
  wrapper.append(table);
  return wrapper;
}

const CSS = `
.shaded-text { font: 15px/1.9 var(--monospace); white-space: pre-wrap; word-break: break-word; max-width: 100%; }
.shaded-text span { padding: 2px 0; }
.ranking-wrapper { overflow-x: auto; max-width: 100%; }
.ranking-table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
.ranking-table th, .ranking-table td { text-align: left; padding: 0.15rem 0.6rem; border-bottom: solid 1px var(--theme-foreground-faintest); white-space: nowrap; }
.ranking-table td.good { font-weight: 700; }
.ranking-table td.weak { color: var(--theme-foreground-muted); }
`;
