// Pictures for the sentiment pages: the score after each word as a line, the final scores on a
// hate–love scale, the words as the network reads them, and the two models' test accuracies.
// Every word the reader typed is set as text (textContent or Plot's text), never as markup.
import * as Plot from "@observablehq/plot";
import {injectStyle} from "../../ui/inject-style.js";
import {labelledBars} from "../../ui/bars.js";
import type {ReadReview} from "../../lib/text/sentiment-review.js";

export interface WordScore {
  /** 0-based position among the words read. */
  step: number;
  word: string;
  /** The network's positive score after this word. */
  score: number;
  /** The bag-of-words score of the words read so far (optional second line). */
  bow?: number;
}

/** Which steps get their word written under the axis: all of them when they fit, else every k-th. */
export function labelledWords(count: number, width: number): number[] {
  const fit = Math.max(4, Math.floor((width - 60) / 14));
  const every = Math.max(1, Math.ceil(count / fit));
  return Array.from({length: count}, (_, i) => i).filter((i) => i % every === 0 || i === count - 1);
}

export function wordScoreChart(
  rows: readonly WordScore[],
  {width = 640, ariaLabel = "The score after each word", lstmLabel = "LSTM", bowLabel = "bag of words"} = {}
) {
  const ticks = labelledWords(rows.length, width);
  const longest = Math.min(
    14,
    rows.reduce((m, r) => Math.max(m, r.word.length), 1)
  );
  const withBow = rows.length > 0 && rows[0].bow !== undefined;
  const short = (w: string) => (w.length > 14 ? `${w.slice(0, 13)}…` : w);
  return Plot.plot({
    width,
    height: 300,
    marginBottom: 12 + longest * 6,
    marginLeft: 44,
    ariaLabel,
    x: {
      label: null,
      domain: [-0.5, Math.max(0.5, rows.length - 0.5)],
      ticks,
      tickFormat: (i: number) => short(rows[i]?.word ?? ""),
      tickRotate: -60
    },
    y: {label: "score (0 hate, 1 love)", domain: [0, 1], grid: true},
    color: {domain: withBow ? [lstmLabel, bowLabel] : [lstmLabel], range: ["var(--theme-foreground-focus)", "currentColor"], legend: true},
    marks: [
      Plot.ruleY([0.5], {strokeDasharray: "3,3", strokeOpacity: 0.6}),
      withBow
        ? Plot.lineY(rows, {x: "step", y: "bow", stroke: () => bowLabel, strokeDasharray: "5,3", strokeWidth: 1.5, curve: "step-after"})
        : null,
      Plot.lineY(rows, {x: "step", y: "score", stroke: () => lstmLabel, strokeWidth: 2}),
      Plot.dot(rows, {
        x: "step",
        y: "score",
        fill: () => lstmLabel,
        r: rows.length > 120 ? 1.5 : 3,
        ariaLabel: "word scores",
        className: "word-score"
      }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: "step",
          y: "score",
          title: (r: WordScore) =>
            `word ${r.step + 1}: “${r.word}”\n${lstmLabel}: ${r.score.toFixed(3)}${r.bow !== undefined ? `\n${bowLabel}: ${r.bow.toFixed(3)}` : ""}`
        })
      )
    ]
  });
}

export interface FinalScore {
  model: string;
  score: number;
}

/** Each model's final score on one hate–love scale, the number beside its bar. */
export function scoreScale(scores: readonly FinalScore[], {width = 640, ariaLabel = "Final scores from 0 (hate) to 1 (love)"} = {}) {
  return Plot.plot({
    width,
    height: 40 + 36 * scores.length,
    marginLeft: 110,
    marginRight: 50,
    ariaLabel,
    x: {domain: [0, 1], label: "← hate · love →", ticks: [0, 0.25, 0.5, 0.75, 1], grid: true},
    y: {label: null, domain: scores.map((s) => s.model)},
    color: {type: "diverging", scheme: "rdbu", domain: [0, 1], pivot: 0.5},
    marks: [
      Plot.barX(scores, {x1: 0.5, x2: "score", y: "model", fill: "score", inset: 6}),
      Plot.ruleX([0.5], {stroke: "currentColor"}),
      Plot.text(scores, {
        x: "score",
        y: "model",
        text: (s: FinalScore) => s.score.toFixed(3),
        dx: 6,
        textAnchor: "start",
        fill: "currentColor",
        className: "final-score"
      })
    ]
  });
}

/** The review's words as the network reads them: unread words greyed, unknown ones struck through. */
export function wordStrip(read: ReadReview, {maxShown = 400} = {}): HTMLElement {
  injectStyle("sentiment-charts-style", CSS);
  const root = document.createElement("p");
  root.className = "word-strip";
  const from = Math.max(0, read.tokens.length - maxShown);
  if (from > 0) root.append(Object.assign(document.createElement("span"), {className: "skipped", textContent: `(${from} earlier words) `}));
  read.tokens.slice(from).forEach((word, k) => {
    const i = from + k;
    const span = document.createElement("span");
    span.textContent = word;
    if (i < read.start) {
      span.className = "unread";
      span.title = "not read: the network reads the last words only";
    } else if (!read.known[i - read.start]) {
      span.className = "unknown";
      span.title = "not in the vocabulary: read as <unk>";
    }
    root.append(span, " ");
  });
  if (read.markup.length) {
    // Shown as typed (text, never markup), so the reader sees what was taken out.
    const removed = document.createElement("span");
    removed.className = "markup";
    const shown = read.markup.slice(0, 20).join(" ");
    removed.textContent = ` (HTML removed before reading, as in the training reviews: ${shown}${read.markup.length > 20 ? ` … ${read.markup.length - 20} more` : ""})`;
    root.append(removed);
  }
  return root;
}

export interface ModelAccuracy {
  model: string;
  accuracy: number;
}

/** Test accuracy per model, as bars with their percentages. */
export function accuracyChart(rows: readonly ModelAccuracy[], {width = 640, ariaLabel = "Test accuracy by model", from = 0.5} = {}) {
  // From 50% (a coin flip on balanced classes), lower if a model did worse than that.
  const start = Math.min(from, Math.floor(20 * Math.min(...rows.map((r) => r.accuracy))) / 20);
  return labelledBars(
    rows.map((r) => ({label: r.model, value: r.accuracy})),
    {width, ariaLabel, domain: [start, 1], start, xLabel: "test accuracy", tickFormat: "%", format: (v) => `${(100 * v).toFixed(1)}%`}
  );
}

const CSS = `
.word-strip { line-height: 1.9; max-width: none; }
.word-strip span { white-space: pre-wrap; }
.word-strip .unread { opacity: 0.45; }
.word-strip .unknown { text-decoration: line-through; opacity: 0.7; }
.word-strip .skipped { font-style: italic; opacity: 0.6; }
.word-strip .markup { font-family: var(--monospace); font-size: 90%; opacity: 0.75; overflow-wrap: anywhere; }
`;
