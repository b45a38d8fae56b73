// The ImageNet challenge's published results (ilsvrc.ts) drawn: top-5 error by year against the
// human estimate, depth by architecture, and every figure with its source.
import * as Plot from "@observablehq/plot";
import {entryLabel, type IlsvrcEntry} from "../../lib/cnn/ilsvrc.js";
import {injectStyle} from "../../ui/inject-style.js";
import {numberTable} from "../../ui/tables.js";
import {labelledBars} from "../../ui/bars.js";

const percent = (v: number) => `${Number(v.toFixed(2))}%`;

/** Top-5 error of each entry by year: winners joined by a line, runners-up hollow, the human estimate as a dashed rule. */
export function ilsvrcChart(entries: readonly IlsvrcEntry[], {width = 640, human}: {width?: number; human: {top5: number}}) {
  const winners = entries.filter((e) => e.place === "winner");
  const narrow = width < 560;
  const years = entries.map((e) => e.year);
  // A halo in the card's colour keeps names readable where they cross a line.
  const halo = {stroke: "var(--theme-background-alt)", strokeWidth: 3, paintOrder: "stroke"};
  const label = (e: IlsvrcEntry) => (narrow ? e.short : `${e.short} ${percent(e.top5)}`);
  return Plot.plot({
    width,
    height: narrow ? 380 : 320,
    // Room above the first winners' names (slanted on a phone).
    marginTop: narrow ? 64 : 30,
    marginRight: narrow ? 16 : 40,
    ariaLabel: `ImageNet (ILSVRC) top-5 classification error by year: ${entries.map((e) => `${entryLabel(e)} ${percent(e.top5)}${e.place === "winner" ? "" : " (runner-up)"}`).join(", ")}; human estimate ${percent(human.top5)}`,
    x: {
      label: null,
      domain: [Math.min(...years) - (narrow ? 0.4 : 0.7), Math.max(...years) + 0.6],
      ticks: [...new Set(years)],
      tickFormat: (y: number) => (narrow ? `’${String(y).slice(2)}` : String(y))
    },
    y: {label: "top-5 error (%)", domain: [0, 30], grid: true},
    marks: [
      Plot.ruleY([human.top5], {strokeDasharray: "4,4", stroke: "currentColor", strokeOpacity: 0.7}),
      // Below the dashed rule on the left, where no result is.
      Plot.text([human], {
        x: Math.min(...years) - (narrow ? 0.4 : 0.7),
        y: "top5",
        text: () => `human estimate ${percent(human.top5)}`,
        dy: 10,
        lineAnchor: "top",
        textAnchor: "start",
        fill: "currentColor",
        fontSize: 11,
        ...halo
      }),
      Plot.lineY(winners, {x: "year", y: "top5", stroke: "var(--theme-foreground-focus)", strokeWidth: 1.5}),
      Plot.dot(entries, {
        x: "year",
        y: "top5",
        r: 4.5,
        stroke: "var(--theme-foreground-focus)",
        fill: (e: IlsvrcEntry) => (e.place === "winner" ? "var(--theme-foreground-focus)" : "var(--theme-background)"),
        strokeWidth: 1.5
      }),
      // Names above the winners (slanted on a phone); the 2014 runner-up's below-left of its dot, clear of GoogLeNet's and ResNet's.
      Plot.text(winners, {
        x: "year",
        y: "top5",
        text: label,
        dy: -12,
        dx: narrow ? 2 : 0,
        fill: "currentColor",
        fontSize: 11,
        lineAnchor: "bottom",
        rotate: narrow ? -60 : 0,
        textAnchor: narrow ? "start" : "middle",
        ...halo
      }),
      Plot.text(
        entries.filter((e) => e.place !== "winner"),
        {
          x: "year",
          y: "top5",
          text: label,
          dy: 8,
          dx: -7,
          fill: "currentColor",
          fontSize: 11,
          lineAnchor: "top",
          textAnchor: "end",
          ...halo
        }
      ),
      Plot.tip(
        entries,
        Plot.pointer({
          x: "year",
          y: "top5",
          title: (e: IlsvrcEntry) =>
            `${e.year} ${e.team} (${e.place}): ${e.architecture}\ntop-5 error ${percent(e.top5)}${e.layers ? `, ${e.layers} layers` : ""}`
        })
      )
    ]
  });
}

/** Weight layers of each deep architecture (entries without a single depth are left out). */
export function depthChart(entries: readonly IlsvrcEntry[], {width = 640}: {width?: number} = {}) {
  const rows = entries.filter((e) => e.layers !== null).map((e) => ({label: entryLabel(e), value: e.layers as number}));
  return labelledBars(rows, {
    width,
    ariaLabel: `Depth in weight layers: ${rows.map((r) => `${r.label} ${r.value}`).join(", ")}`,
    xLabel: "weight layers",
    format: (v) => `${v} layers`
  });
}

/** Every row with its figure, depth and source (and any note), in a table that scrolls sideways on a phone. */
export function sourcesTable(entries: readonly IlsvrcEntry[], human: {top5: number; source: string; note: string}): HTMLElement {
  injectStyle("ilsvrc-sources-style", CSS);
  const rows = entries.map((e) => [
    String(e.year),
    `${e.team}${e.place === "winner" ? "" : ` (${e.place})`}`,
    `${e.architecture}: ${e.method}`,
    percent(e.top5),
    e.layers === null ? "–" : String(e.layers),
    e.note ? `${e.source}. ${e.note}` : e.source
  ]);
  rows.push(["", "Human", `estimate: ${human.note}`, percent(human.top5), "", human.source]);
  return numberTable(rows, {
    columns: ["Year", "Entry", "Architecture", "Top-5 error", "Layers", "Source"],
    caption: "ILSVRC classification results and where each figure is published",
    className: "ilsvrc-sources"
  });
}

// Text columns read left-aligned; the two number columns stay right-aligned.
const CSS = `
.ilsvrc-sources td, .ilsvrc-sources th { text-align: left; vertical-align: top; }
.ilsvrc-sources :is(td, th):nth-child(4), .ilsvrc-sources :is(td, th):nth-child(5) { text-align: right; white-space: nowrap; }
.ilsvrc-sources td:nth-child(6) { min-width: 16rem; font-size: smaller; }
.ilsvrc-sources td:nth-child(3) { min-width: 12rem; }
`;
