// The assignment's results table (practical/assignment): the site's four shipped models and the
// reader's own, typed into a small form and kept in localStorage; the table, and a chart placing
// the reader's model among the four by size and test accuracy.
import * as Plot from "@observablehq/plot";
import type {ModelsSummary} from "../../lib/formats/model-report.js";
import {
  clearStudentResult,
  loadStudentResult,
  readStudentResult,
  saveStudentResult,
  type StudentFields,
  type StudentResult
} from "../../lib/formats/student-result.js";
import {injectStyle} from "../../ui/inject-style.js";
import {numberTable} from "../../ui/tables.js";
import {textFields} from "../../ui/typed-fields.js";

export interface ResultRow {
  name: string;
  /** A short name for the chart ("CNN"). */
  short: string;
  /** Test accuracy, 0–1. */
  accuracy: number;
  parameters: number;
  seconds: number;
  mine: boolean;
}

/** The shipped models in the summary's order, then the reader's (when there is one). */
export function resultRows(summary: Pick<ModelsSummary, "models">, mine: StudentResult | null): ResultRow[] {
  const shipped = summary.models.map((m) => ({
    name: m.name,
    short: SHORT[m.id] ?? m.name,
    accuracy: m.testAccuracy,
    parameters: m.parameters,
    seconds: m.trainingSeconds,
    mine: false
  }));
  return mine
    ? [
        ...shipped,
        {
          name: mine.name,
          short: clip(mine.name),
          accuracy: mine.accuracy / 100,
          parameters: mine.parameters,
          seconds: mine.seconds,
          mine: true
        }
      ]
    : shipped;
}

const SHORT: Record<string, string> = {softmax: "softmax", mlp: "MLP", knn: "k-NN", cnn: "CNN"};
const clip = (name: string, length = 20) => (name.length > length ? `${name.slice(0, length - 1)}…` : name);
const seconds = (s: number) => (s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s).toLocaleString("en")} s`);

/** The table; the reader's row highlighted and marked "(yours)". Names are set as text. */
export function resultsTable(rows: readonly ResultRow[], {caption}: {caption?: string} = {}): HTMLElement {
  injectStyle("assignment-results-style", CSS);
  const highlight = rows.findIndex((r) => r.mine);
  return numberTable(
    rows.map((r) => [
      r.mine ? `${r.name} (yours)` : r.name,
      `${(100 * r.accuracy).toFixed(2)}%`,
      r.parameters.toLocaleString("en"),
      seconds(r.seconds)
    ]),
    {
      caption,
      columns: ["Model", "Test accuracy", "Parameters", "Training time"],
      highlight: highlight < 0 ? null : highlight,
      className: "assignment-results"
    }
  );
}

/** Test accuracy against parameters (log scale): the shipped models as dots, the reader's as a star. */
export function resultsChart(rows: readonly ResultRow[], {width = 640, ariaLabel}: {width?: number; ariaLabel?: string} = {}) {
  const label = (r: ResultRow) => (r.mine ? `${r.short} (yours)` : r.short);
  const tip = (r: ResultRow) =>
    `${r.mine ? `${r.name} (yours)` : r.name}\n${(100 * r.accuracy).toFixed(2)}% test accuracy\n${r.parameters.toLocaleString("en")} parameters`;
  const sizes = rows.map((r) => r.parameters);
  const anchorOf = (r: ResultRow) =>
    r.parameters === Math.min(...sizes) ? "start" : r.parameters === Math.max(...sizes) ? "end" : "middle";
  return Plot.plot({
    width,
    height: Math.min(380, Math.max(240, width * 0.5)),
    marginLeft: 52,
    marginRight: 20,
    marginTop: 30,
    ariaLabel,
    x: {type: "log", label: "parameters (log scale) →", grid: true, nice: true, tickFormat: "~s"},
    y: {label: "↑ test accuracy", grid: true, nice: true, tickFormat: ".1%"},
    marks: [
      Plot.dot(
        rows.filter((r) => !r.mine),
        {x: "parameters", y: "accuracy", r: 5, fill: "currentColor", title: (r: ResultRow) => tip(r)}
      ),
      Plot.dot(
        rows.filter((r) => r.mine),
        {x: "parameters", y: "accuracy", r: 9, symbol: "star", fill: "var(--theme-foreground-focus)", title: (r: ResultRow) => tip(r)}
      ),
      // Labels above the shipped models' dots and below the reader's star, so a model close to one
      // of the four keeps both names readable; the smallest and largest anchored inwards.
      ...(["start", "middle", "end"] as const).flatMap((anchor) =>
        [false, true].map((mine) =>
          Plot.text(
            rows.filter((r) => anchorOf(r) === anchor && r.mine === mine),
            {
              x: "parameters",
              y: "accuracy",
              text: label,
              dy: mine ? 18 : -14,
              textAnchor: anchor,
              fontWeight: mine ? "bold" : "normal",
              lineWidth: 14
            }
          )
        )
      )
    ]
  });
}

export type ResultEntry = HTMLFormElement & {value: StudentResult | null};

/**
 * The form for the reader's row. Its value is the saved row (or null); saving a valid row or
 * resetting sets it and sends an "input" event, so a page can view() it. A refused row gets a
 * message in a live region and changes nothing.
 */
export function resultEntry({storage}: {storage: Storage | null}): ResultEntry {
  injectStyle("assignment-results-style", CSS);
  const form = document.createElement("form") as ResultEntry;
  form.className = "assignment-entry";
  form.noValidate = true;
  const loaded = loadStudentResult(storage);
  let value: StudentResult | null = loaded.ok ? loaded.value : null;
  const blank = {name: "", accuracy: "", parameters: "", seconds: ""};
  const initial = value
    ? {name: value.name, accuracy: String(value.accuracy), parameters: String(value.parameters), seconds: String(value.seconds)}
    : blank;
  const fields = textFields([
    {key: "name", label: "Name", value: initial.name, hint: `Up to 60 characters`},
    {key: "accuracy", label: "Test accuracy (%)", value: initial.accuracy, hint: "A percentage, e.g. 98.7"},
    {key: "parameters", label: "Parameters", value: initial.parameters, hint: "A whole number, e.g. 80,202"},
    {key: "seconds", label: "Training time (s)", value: initial.seconds, hint: "Seconds, e.g. 120"}
  ]);
  const inputs = [...fields.querySelectorAll("input")];
  const nameInput = inputs.find((i) => i.name === "name");
  if (nameInput) {
    nameInput.inputMode = "text";
    nameInput.size = 18;
    nameInput.style.maxWidth = "14em";
  }
  const save = document.createElement("button");
  save.type = "submit";
  save.textContent = "Add my model";
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Reset";
  const buttons = document.createElement("div");
  buttons.className = "assignment-buttons";
  buttons.append(save, reset);
  const status = document.createElement("div");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const say = (message: string, caution: boolean) => {
    status.className = caution ? "caution" : "note";
    status.textContent = message;
  };
  if (!loaded.ok) say(loaded.message, true);
  form.append(fields, buttons, status);
  Object.defineProperty(form, "value", {get: () => value});
  const changed = () => form.dispatchEvent(new Event("input", {bubbles: true}));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const read = readStudentResult(fields.value as StudentFields);
    if (!read.ok) return say(`${read.message} The table keeps what it showed.`, true);
    value = read.value;
    const kept = saveStudentResult(storage, value);
    say(
      kept
        ? `Added ${value.name} to the table; this browser keeps it for next time.`
        : `Added ${value.name} to the table; this browser does not let the page keep it, so it is gone when you leave.`,
      false
    );
    changed();
  });
  reset.addEventListener("click", () => {
    clearStudentResult(storage);
    value = null;
    for (const input of inputs) input.value = "";
    say("Your row is removed.", false);
    changed();
  });
  // Typing in a field is not a change of the saved row: keep it from re-running the page's cells.
  form.addEventListener("input", (event) => {
    if (event.target !== form) event.stopImmediatePropagation();
  });
  return form;
}

const CSS = `
.assignment-results td:first-child, .assignment-results th:first-child { text-align: left; }
table.assignment-results tr.on td { box-shadow: none; }
table.assignment-results tr.on td:first-child { box-shadow: inset 3px 0 var(--theme-foreground-focus); }
.assignment-entry { margin: 0.5rem 0; }
.assignment-buttons { display: flex; gap: 0.5rem; margin: 0.25rem 0 0.5rem; }
.assignment-entry button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 1px; }
`;
