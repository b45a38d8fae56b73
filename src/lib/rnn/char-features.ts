// Readable per-character features of a text, and a search for units of a recurrent layer that
// track them: the Pearson correlation, over held-out characters, of each unit's gate or state
// with each feature, ranked by its size. Every feature describes the text *after reading* the
// character at t, which is what the cell's state at t can know. In the spirit of Karpathy's
// "quote-detection cell" (The Unreasonable Effectiveness of Recurrent Neural Networks, 2015).
import {fail, ok, type Result} from "../core/result.js";

export interface CharFeature {
  id: string;
  name: string;
  /** A word or two for tight labels. */
  short: string;
  /** 0/1 per character (a share is meaningful), or a count. */
  binary: boolean;
  /** What exactly is measured, for the page. */
  description: string;
  values: Float32Array;
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const SENTENCE_END = new Set([".", "!", "?"]);
const CLAUSE_END = new Set([".", "!", "?", ";", ":", "\n"]);

/** Features of every character of `text` (code points, as the models read them). */
export function charFeatures(text: string): CharFeature[] {
  const chars = [...text];
  const n = chars.length;
  const make = () => new Float32Array(n);
  const quote = make();
  const word = make();
  const wordPos = make();
  const comma = make();
  const upper = make();
  const sentencePos = make();
  const linePos = make();
  const paren = make();
  const space = make();
  let inQuote = false;
  let inParen = false;
  let afterComma = false;
  let letters = 0;
  let sinceSentence = 0;
  let sinceLine = 0;
  let sentenceEnded = false;
  for (let t = 0; t < n; t++) {
    const ch = chars[t];
    // Straight quotes toggle; curly ones say which side they are.
    if (ch === '"') inQuote = !inQuote;
    else if (ch === "“") inQuote = true;
    else if (ch === "”") inQuote = false;
    if (ch === "(") inParen = true;
    else if (ch === ")") inParen = false;
    if (ch === ",") afterComma = true;
    else if (CLAUSE_END.has(ch)) afterComma = false;
    const isLetter = LETTER.test(ch);
    letters = isLetter ? letters + 1 : 0;
    // A sentence starts after its end mark (and anything closing it, such as a quote).
    if (sentenceEnded && (ch === " " || ch === "\n")) sinceSentence = 0;
    else sinceSentence++;
    if (SENTENCE_END.has(ch)) sentenceEnded = true;
    else if (ch !== '"' && ch !== "”" && ch !== ")" && ch !== " " && ch !== "\n") sentenceEnded = false;
    sinceLine = ch === "\n" ? 0 : sinceLine + 1;
    quote[t] = inQuote ? 1 : 0;
    paren[t] = inParen ? 1 : 0;
    comma[t] = afterComma ? 1 : 0;
    word[t] = isLetter ? 1 : 0;
    wordPos[t] = letters;
    upper[t] = UPPER.test(ch) ? 1 : 0;
    space[t] = ch === " " ? 1 : 0;
    sentencePos[t] = sinceSentence;
    linePos[t] = sinceLine;
  }
  return [
    {
      id: "quote",
      binary: true,
      short: "quotes",
      name: "inside quotes",
      description: "1 from an opening quotation mark to its closing one (the closing mark itself is outside), else 0",
      values: quote
    },
    {
      id: "word",
      binary: true,
      short: "in word",
      name: "inside a word",
      description: "1 on a letter, 0 on spaces, digits and punctuation",
      values: word
    },
    {
      id: "wordPos",
      binary: false,
      short: "word pos.",
      name: "position in the word",
      description: "letters read so far in the current word (0 outside words)",
      values: wordPos
    },
    {id: "space", binary: true, short: "space", name: "a space", description: "1 on a space, else 0", values: space},
    {
      id: "comma",
      binary: true,
      short: "comma",
      name: "after a comma",
      description: "1 from a comma to the end of its clause (. ! ? ; : or a line break), else 0",
      values: comma
    },
    {id: "upper", binary: true, short: "capital", name: "capital letter", description: "1 on an uppercase letter, else 0", values: upper},
    {
      id: "sentencePos",
      binary: false,
      short: "sent. pos.",
      name: "position in the sentence",
      description: "characters since the sentence began",
      values: sentencePos
    },
    {
      id: "linePos",
      binary: false,
      short: "line pos.",
      name: "position in the line",
      description: "characters since the last line break (the corpora break lines only between paragraphs)",
      values: linePos
    },
    {id: "paren", binary: true, short: "parens", name: "inside parentheses", description: "1 from ( to ), else 0", values: paren}
  ];
}

/** Pearson's r of two equal-length series; null when either never varies (r is undefined). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n !== b.length) throw new Error(`pearson: lengths ${n} and ${b.length}`);
  if (n < 2) return null;
  let ma = 0;
  let mb = 0;
  for (let k = 0; k < n; k++) {
    ma += a[k];
    mb += b[k];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < n; k++) {
    const da = a[k] - ma;
    const db = b[k] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  // Relative tolerance: float32 values that never change still leave rounding noise.
  if (saa <= 1e-12 * n || sbb <= 1e-12 * n) return null;
  return sab / Math.sqrt(saa * sbb);
}

/** One signal of a layer over characters: values[t][unit]. */
export interface UnitSignal {
  id: string;
  name: string;
  values: readonly ArrayLike<number>[];
}

export interface UnitMatch {
  signal: string;
  signalName: string;
  /** 0-based unit index. */
  unit: number;
  r: number;
}

export interface FeatureRanking {
  feature: string;
  featureName: string;
  short: string;
  binary: boolean;
  /** How many characters have the feature on (for 0/1 features) or its mean (for counts). */
  mean: number;
  /** The best |r| of the same search against the feature rotated by half the text: chance level. */
  chance: number | null;
  /** Best matches first, by |r|; empty when the feature never varies over the text. */
  best: UnitMatch[];
}

/** The units' series, one per (signal, unit), read out of values[t][unit] once. */
function unitSeries(signal: UnitSignal): Float64Array[] {
  const steps = signal.values.length;
  const units = steps ? signal.values[0].length : 0;
  const series = Array.from({length: units}, () => new Float64Array(steps));
  signal.values.forEach((row, t) => {
    for (let u = 0; u < units; u++) series[u][t] = row[u];
  });
  return series;
}

/**
 * For each feature, the `top` (signal, unit) pairs whose values correlate most strongly (either
 * sign) with it over the same characters. Signals and features must cover the same characters.
 */
export function rankUnits(signals: readonly UnitSignal[], features: readonly CharFeature[], {top = 3} = {}): Result<FeatureRanking[]> {
  const ranker = featureRanker(signals, features, top);
  return ranker.ok ? ok(features.map(ranker.value)) : ranker;
}

/** rankUnits with `pause()` awaited before each feature: the same rankings, the page free in between. */
export async function rankUnitsInSlices(
  signals: readonly UnitSignal[],
  features: readonly CharFeature[],
  {top = 3, pause}: {top?: number; pause: () => Promise<void>}
): Promise<Result<FeatureRanking[]>> {
  const ranker = featureRanker(signals, features, top);
  if (!ranker.ok) return ranker;
  const rankings: FeatureRanking[] = [];
  for (const feature of features) {
    await pause();
    rankings.push(ranker.value(feature));
  }
  return ok(rankings);
}

/** The ranking of one feature against every (signal, unit), after the signals are checked and read out once. */
function featureRanker(
  signals: readonly UnitSignal[],
  features: readonly CharFeature[],
  top: number
): Result<(feature: CharFeature) => FeatureRanking> {
  const steps = features[0]?.values.length ?? 0;
  if (steps < 2) return fail("Too few characters to correlate (at least 2 are needed).");
  for (const s of signals)
    if (s.values.length !== steps) return fail(`Signal ${s.name} covers ${s.values.length} characters, the features ${steps}.`);
  const series = signals.map((s) => ({signal: s, units: unitSeries(s)}));
  const correlate = (values: ArrayLike<number>) => {
    const matches: UnitMatch[] = [];
    for (const {signal, units} of series) {
      units.forEach((unitValues, unit) => {
        const r = pearson(unitValues, values);
        if (r !== null) matches.push({signal: signal.id, signalName: signal.name, unit, r});
      });
    }
    return matches.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.unit - b.unit);
  };
  return ok((feature) => {
    const defined = pearsonDefined(feature.values);
    const mean = feature.values.reduce((s, v) => s + v, 0) / steps;
    // Chance level: the same search against the feature rotated by half the text, which keeps
    // its runs and frequency but no longer lines up with what the units read.
    const chance = defined ? Math.abs(correlate(rotate(feature.values, Math.floor(steps / 2)))[0]?.r ?? 0) : null;
    return {
      feature: feature.id,
      featureName: feature.name,
      short: feature.short,
      binary: feature.binary,
      mean,
      chance,
      best: defined ? correlate(feature.values).slice(0, top) : []
    };
  });
}

/** The series rotated left by `by` places. */
export function rotate(values: Float32Array, by: number): Float32Array {
  const out = new Float32Array(values.length);
  out.set(values.subarray(by));
  out.set(values.subarray(0, by), values.length - by);
  return out;
}

function pearsonDefined(values: Float32Array): boolean {
  for (let k = 1; k < values.length; k++) if (values[k] !== values[0]) return true;
  return false;
}

/** Joins several passages' features (same ids, same order) into one set. */
export function concatFeatures(parts: readonly CharFeature[][]): CharFeature[] {
  if (parts.length === 0) return [];
  return parts[0].map((feature, k) => {
    const total = parts.reduce((s, p) => s + p[k].values.length, 0);
    const values = new Float32Array(total);
    let offset = 0;
    for (const p of parts) {
      values.set(p[k].values, offset);
      offset += p[k].values.length;
    }
    return {...feature, values};
  });
}
