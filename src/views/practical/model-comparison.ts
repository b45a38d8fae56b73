// The shipped models of one dataset side by side (summary.json of a model archive, see
// lib/formats/model-report.ts): a table of the headline numbers, and their learning curves.
import * as Plot from "@observablehq/plot";
import type {ModelsSummary} from "../../lib/formats/model-report.js";
import {quickBadge} from "../../ui/notes.js";

type SummaryModel = ModelsSummary["models"][number];

/** A row of the table: a shipped model, or one a page trained (e.g. the reader's, in the browser). */
export type ComparisonRow = Pick<SummaryModel, "name" | "testAccuracy" | "parameters" | "trainingSeconds" | "testSeconds"> & {
  id: string;
  epochs: readonly unknown[];
};

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const seconds = (s: number) => (s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s).toLocaleString("en")} s`);

/**
 * One row per model: test accuracy, parameters, epochs, training and test seconds, then how the
 * models were trained. `extra` rows (tested on the same test set) follow the shipped ones. The
 * table scrolls sideways when it is wider than a phone; below 480 px, or with `testing: false`
 * (rows tested on different numbers of images), it leaves out the test-time column.
 */
export function comparisonTable(
  summary: ModelsSummary,
  {width = 640, extra = [], testing = true}: {width?: number; extra?: readonly ComparisonRow[]; testing?: boolean} = {}
): HTMLDivElement {
  const models: readonly ComparisonRow[] = [...summary.models, ...extra];
  const figure = document.createElement("div");
  const box = figure.appendChild(document.createElement("div"));
  box.style.cssText = `max-width: ${width}px; overflow-x: auto`;
  const table = box.appendChild(document.createElement("table"));
  table.style.margin = "0";
  const caption = table.createCaption();
  caption.textContent = `${summary.dataset.name}: ${models.length} models, ${summary.models[0]?.testCount.toLocaleString("en") ?? 0} test images`;
  caption.style.textAlign = "left";
  if (summary.quick) caption.prepend(quickBadge(), " ");
  const note = figure.appendChild(document.createElement("p"));
  note.style.cssText = "font-size: smaller; max-width: 640px";
  note.textContent = `How: ${summary.note}.`;
  const columns: [string, (m: ComparisonRow) => string, boolean][] = [
    ["Model", (m) => m.name, false],
    ["Test accuracy", (m) => percent(m.testAccuracy), true],
    ["Parameters", (m) => m.parameters.toLocaleString("en") + (m.id === "knn" ? "*" : ""), true],
    ["Epochs", (m) => (m.epochs.length ? String(m.epochs.length) : "–"), true],
    ["Training", (m) => seconds(m.trainingSeconds), true],
    ...(testing && width >= 480
      ? [["Testing", (m: ComparisonRow) => seconds(m.testSeconds), true] as [string, (m: ComparisonRow) => string, boolean]]
      : [])
  ];
  const head = table.createTHead().insertRow();
  for (const [label, , numeric] of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (numeric) th.style.textAlign = "right";
    head.append(th);
  }
  const body = table.createTBody();
  const best = Math.max(...models.map((m) => m.testAccuracy));
  for (const model of models) {
    const row = body.insertRow();
    columns.forEach(([, value, numeric], i) => {
      const cell = i === 0 ? Object.assign(document.createElement("th"), {scope: "row"}) : document.createElement("td");
      cell.textContent = value(model);
      if (numeric) cell.style.textAlign = "right";
      if (i === 1 && model.testAccuracy === best) cell.style.fontWeight = "bold";
      row.append(cell);
    });
  }
  if (summary.models.some((m) => m.id === "knn")) {
    const foot = table.createTFoot().insertRow().insertCell();
    foot.colSpan = columns.length;
    foot.style.fontSize = "smaller";
    foot.textContent =
      "* k-NN has no weights to learn: its number counts what it stores (the PCA and every training image's coordinates). Its training time is fitting the PCA; its cost comes at test time.";
  }
  return figure;
}

/** A warning paragraph when the models were trained in quick mode; nothing otherwise. */
export function quickWarning(summary: ModelsSummary): Node {
  if (!summary.quick) return document.createDocumentFragment();
  const p = document.createElement("p");
  p.className = "warning";
  p.setAttribute("role", "note");
  const count = summary.models[0]?.trainingCount.toLocaleString("en") ?? "a few";
  p.append(
    quickBadge(),
    ` This site was built with WORKBOOK_QUICK=1: every model trained on ${count} images for one epoch, so these numbers are not the real results. Build without it to train in full.`
  );
  return p;
}

export interface EpochPoint {
  model: string;
  epoch: number;
  split: "training" | "test";
  accuracy: number;
  loss: number;
}

/** The per-epoch log of every trained model (k-NN has none), long format for Plot. */
export function epochPoints(summary: ModelsSummary): EpochPoint[] {
  return summary.models.flatMap((m) =>
    m.epochs.flatMap((e) => [
      {model: m.name, epoch: e.epoch, split: "training" as const, accuracy: e.accuracy, loss: e.loss},
      ...(e.test ? [{model: m.name, epoch: e.epoch, split: "test" as const, accuracy: e.test.accuracy, loss: e.test.loss}] : [])
    ])
  );
}

/** Accuracy (or loss) per epoch: one colour per model, solid for the test set, dashed for training. */
export function epochCurves(
  summary: ModelsSummary,
  {width = 640, metric = "accuracy"}: {width?: number; metric?: "accuracy" | "loss"} = {}
) {
  const points = epochPoints(summary);
  const knn = summary.models.find((m) => m.id === "knn");
  const maxEpoch = Math.max(1, ...points.map((d) => d.epoch));
  // The y range covers every curve and k-NN's level.
  const values = [...points.map((d) => d[metric]), ...(metric === "accuracy" && knn ? [knn.testAccuracy] : [])];
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 52,
    marginRight: 10,
    ariaLabel: `${summary.dataset.name}: ${metric} per epoch of each model, training and test`,
    x: {label: "epoch", domain: [maxEpoch > 1 ? 1 : 0.5, maxEpoch > 1 ? maxEpoch : 1.5], ticks: Math.min(maxEpoch, 10), tickFormat: "d"},
    y: {
      label: metric === "accuracy" ? "accuracy" : "cross-entropy loss",
      grid: true,
      domain: [Math.min(...values), Math.max(...values)],
      nice: true,
      tickFormat: metric === "accuracy" ? ".1%" : undefined
    },
    color: {legend: true, domain: summary.models.map((m) => m.name)},
    marks: [
      Plot.line(
        points.filter((d) => d.split === "test"),
        {x: "epoch", y: metric, stroke: "model", marker: "dot"}
      ),
      Plot.line(
        points.filter((d) => d.split === "training"),
        {x: "epoch", y: metric, stroke: "model", strokeDasharray: "4,3", strokeOpacity: 0.8}
      ),
      // k-NN has no epochs: its test accuracy is a level to compare against.
      metric === "accuracy" && knn ? Plot.ruleY([knn.testAccuracy], {stroke: () => knn.name, strokeDasharray: "1,3"}) : null,
      Plot.tip(
        points,
        Plot.pointer({
          x: "epoch",
          y: metric,
          title: (d: EpochPoint) =>
            `${d.model}, ${d.split}, epoch ${d.epoch}\n${metric === "accuracy" ? percent(d.accuracy) : d.loss.toFixed(4)}`
        })
      )
    ]
  });
}
