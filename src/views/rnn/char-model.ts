// Pictures for the character-model pages: generated text (always as text, never markup), the
// model's next-character distribution at two temperatures, held-out bits per character as
// training goes against the n-gram baselines, and the samples written after each epoch.
import * as Plot from "@observablehq/plot";
import {injectStyle} from "../../ui/inject-style.js";

/** A character as a reader can see it: a space, a line break and the unknown symbol get names. */
export function visibleChar(ch: string): string {
  if (ch === " ") return "␣";
  if (ch === "\n") return "↵";
  if (ch === "\t") return "⇥";
  return ch;
}

/** Seed and continuation in one paragraph, the seed dimmed; both set as text. */
export function generatedText(seed: string, generated: string, {caret = false} = {}): HTMLElement {
  injectStyle("char-charts-style", CSS);
  const p = document.createElement("p");
  p.className = "char-output";
  const a = document.createElement("span");
  a.className = "char-seed";
  a.textContent = seed;
  const b = document.createElement("span");
  b.className = "char-generated";
  b.textContent = generated;
  p.append(a, b);
  if (caret) {
    const c = document.createElement("span");
    c.className = "char-caret";
    c.setAttribute("aria-hidden", "true");
    c.textContent = "▍";
    p.append(c);
  }
  return p;
}

export interface NextCharRow {
  char: string;
  /** Probability under the model (temperature 1). */
  p: number;
  /** After the temperature. */
  tempered: number;
}

/** Top characters: the model's probability and the tempered one side by side. */
export function nextCharChart(rows: readonly NextCharRow[], {width = 640, temperature = 1, ariaLabel = ""} = {}) {
  const data = rows.flatMap((r) => [
    {char: visibleChar(r.char), which: "model (T = 1)", value: r.p},
    {char: visibleChar(r.char), which: `sampled from (T = ${temperature})`, value: r.tempered}
  ]);
  const order = rows.map((r) => visibleChar(r.char));
  const series = ["model (T = 1)", `sampled from (T = ${temperature})`];
  return Plot.plot({
    width,
    height: 210,
    ariaLabel: ariaLabel || `Probabilities of the next character, at temperature 1 and ${temperature}`,
    marginBottom: 24,
    // One group of two bars per character, in the model's order of likelihood.
    fx: {domain: order, label: null, tickSize: 0, padding: 0.15},
    x: {domain: series, axis: null, padding: 0.05},
    y: {label: "probability", grid: true, nice: true},
    color: {legend: true, domain: series},
    marks: [Plot.barY(data, {fx: "char", x: "which", y: "value", fill: "which"}), Plot.ruleY([0])]
  });
}

export interface BitsPoint {
  /** Characters trained on so far. */
  chars: number;
  bits: number;
  /** "offline training" or "this page". */
  source: string;
}

/** Held-out bits per character after each epoch (and each round in the page), with the baselines as rules. */
export function bitsChart(
  points: readonly BitsPoint[],
  {width = 640, unigram, bigram, ariaLabel = ""}: {width?: number; unigram: number; bigram: number; ariaLabel?: string}
) {
  const baselines = [
    {name: `unigram ${unigram.toFixed(2)}`, bits: unigram},
    {name: `bigram ${bigram.toFixed(2)}`, bits: bigram}
  ];
  const top = Math.max(unigram, ...points.map((p) => p.bits)) * 1.05;
  return Plot.plot({
    width,
    height: 240,
    ariaLabel: ariaLabel || "Held-out bits per character as training goes, against unigram and bigram baselines",
    x: {label: "characters trained on", grid: true, tickFormat: "s", zero: true},
    y: {label: "held-out bits per character", grid: true, domain: [0, top]},
    color: {legend: true, domain: ["offline training", "this page"]},
    marks: [
      Plot.ruleY(baselines, {y: "bits", strokeDasharray: "4 3", strokeOpacity: 0.7}),
      Plot.text(baselines, {y: "bits", text: "name", frameAnchor: "left", dy: -6, dx: 4, fill: "currentColor"}),
      Plot.line(points, {x: "chars", y: "bits", stroke: "source", z: null}),
      Plot.dot(points, {x: "chars", y: "bits", fill: "source", r: 3.5}),
      Plot.tip(
        points,
        Plot.pointerX({
          x: "chars",
          y: "bits",
          title: (d: BitsPoint) => `${d.bits.toFixed(3)} bits/char after ${d.chars.toLocaleString("en")} characters (${d.source})`
        })
      )
    ]
  });
}

/** The samples written after each epoch, in order, each beside its held-out bits per character. */
export function epochSamples(samples: readonly {epoch: number; text: string; bits: number}[], seedText: string): HTMLElement {
  injectStyle("char-charts-style", CSS);
  const list = document.createElement("ol");
  list.className = "char-samples";
  for (const s of samples) {
    const item = document.createElement("li");
    const head = document.createElement("div");
    head.className = "char-sample-head";
    head.textContent = `After epoch ${s.epoch}: ${s.bits.toFixed(2)} bits/char`;
    item.append(head, generatedText(seedText, s.text));
    list.append(item);
  }
  return list;
}

const CSS = `
.char-output { white-space: pre-wrap; font-family: var(--serif, Georgia, serif); line-height: 1.6; max-width: 70ch; overflow-wrap: anywhere; }
.char-seed { opacity: 0.6; text-decoration: underline dotted; text-underline-offset: 3px; }
.char-caret { opacity: 0.6; }
.char-samples { padding-left: 1.5em; }
.char-samples li { margin-bottom: 0.8em; }
.char-sample-head { font: 13px var(--sans-serif); color: var(--theme-foreground-muted); }
.char-samples .char-output { margin: 0.2em 0; font-size: 95%; }
`;
