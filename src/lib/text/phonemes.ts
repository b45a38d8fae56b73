// ARPAbet, the phoneme alphabet of the CMU Pronouncing Dictionary, and what the encoder–decoder
// page needs around it: stress marks stripped, a typed word checked, and the phoneme error rate
// (edit distance over reference length). Pure functions, shared by the loader and the page.
import {fail, ok, type Result} from "../core/result.js";

/** The 15 vowels: the dictionary writes each with a stress digit (0 none, 1 primary, 2 secondary). */
export const VOWELS = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"] as const;
/** The 24 consonants, never stressed. */
export const CONSONANTS = [
  "B",
  "CH",
  "D",
  "DH",
  "F",
  "G",
  "HH",
  "JH",
  "K",
  "L",
  "M",
  "N",
  "NG",
  "P",
  "R",
  "S",
  "SH",
  "T",
  "TH",
  "V",
  "W",
  "Y",
  "Z",
  "ZH"
] as const;
/** All 39 phonemes without stress, vowels first: the decoder's output alphabet. */
export const PHONEMES: readonly string[] = [...VOWELS, ...CONSONANTS];

/** The example word CMU's documentation gives for each phoneme ("AA as in odd"). */
export const PHONEME_EXAMPLES: Readonly<Record<string, string>> = {
  AA: "odd",
  AE: "at",
  AH: "hut",
  AO: "ought",
  AW: "cow",
  AY: "hide",
  B: "be",
  CH: "cheese",
  D: "dee",
  DH: "thee",
  EH: "Ed",
  ER: "hurt",
  EY: "ate",
  F: "fee",
  G: "green",
  HH: "he",
  IH: "it",
  IY: "eat",
  JH: "gee",
  K: "key",
  L: "lee",
  M: "me",
  N: "knee",
  NG: "ping",
  OW: "oat",
  OY: "toy",
  P: "pee",
  R: "read",
  S: "sea",
  SH: "she",
  T: "tea",
  TH: "theta",
  UH: "hood",
  UW: "two",
  V: "vee",
  W: "we",
  Y: "yield",
  Z: "zee",
  ZH: "seizure"
};

const VOWEL_SET = new Set<string>(VOWELS);
const CONSONANT_SET = new Set<string>(CONSONANTS);

/**
 * Null when `symbol` is a phoneme as the dictionary writes it (a vowel with a stress digit 0–2,
 * or a consonant without one), else what is wrong with it.
 */
export function checkArpabet(symbol: string): string | null {
  const match = /^([A-Z]+)([0-2]?)$/.exec(symbol);
  if (!match) return `${JSON.stringify(symbol)} is not an ARPAbet symbol`;
  const [, base, stress] = match;
  if (VOWEL_SET.has(base)) return stress ? null : `vowel ${base} has no stress digit`;
  if (CONSONANT_SET.has(base)) return stress ? `consonant ${base} has a stress digit` : null;
  return `${JSON.stringify(symbol)} is not an ARPAbet symbol`;
}

/** "AH0" → "AH": the model predicts phonemes without stress. */
export function stripStress(symbol: string): string {
  return symbol.replace(/[0-2]$/, "");
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions turning a into b. */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  // One row of the dynamic programme at a time.
  let previous = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export interface Edit {
  /** substitute: the hypothesis has one symbol for another; insert: an extra one; delete: one missing. */
  kind: "substitute" | "insert" | "delete";
  hypothesis?: string;
  reference?: string;
}

/** One cheapest way to turn the hypothesis into the reference, edit by edit (matches left out). */
export function alignEdits(hypothesis: readonly string[], reference: readonly string[]): Edit[] {
  const n = hypothesis.length;
  const m = reference.length;
  const d = Array.from({length: n + 1}, (_, i) => Array.from({length: m + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (hypothesis[i - 1] === reference[j - 1] ? 0 : 1));
  }
  const edits: Edit[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const same = i > 0 && j > 0 && hypothesis[i - 1] === reference[j - 1];
    if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (same ? 0 : 1)) {
      if (!same) edits.push({kind: "substitute", hypothesis: hypothesis[i - 1], reference: reference[j - 1]});
      i--;
      j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      edits.push({kind: "insert", hypothesis: hypothesis[--i]});
    } else {
      edits.push({kind: "delete", reference: reference[--j]});
    }
  }
  return edits.reverse();
}

/** Whether an edit involves a vowel on either side. */
export function involvesVowel(edit: Edit): boolean {
  return VOWEL_SET.has(edit.hypothesis ?? "") || VOWEL_SET.has(edit.reference ?? "");
}

export interface ErrorRate {
  /** Edits summed over all pairs. */
  edits: number;
  /** Reference symbols summed over all pairs. */
  referenceLength: number;
  /** edits / referenceLength; NaN when there is no reference symbol. */
  rate: number;
  /** Pairs decoded exactly (no edit). */
  exact: number;
  count: number;
}

/**
 * The phoneme error rate of a test set: total edit distance over total reference length (so long
 * words weigh more, as in the speech-recognition literature), and the share decoded exactly.
 */
export function errorRate(pairs: readonly {hypothesis: readonly string[]; reference: readonly string[]}[]): ErrorRate {
  let edits = 0;
  let referenceLength = 0;
  let exact = 0;
  for (const {hypothesis, reference} of pairs) {
    const d = editDistance(hypothesis, reference);
    edits += d;
    referenceLength += reference.length;
    if (d === 0) exact++;
  }
  return {edits, referenceLength, rate: referenceLength > 0 ? edits / referenceLength : NaN, exact, count: pairs.length};
}

/**
 * A word as the reader types it, checked: letters a–z only (any case), 1 to `maxLetters` of them.
 * The message quotes the offending characters as plain text; pages must show it with textContent.
 */
export function checkTypedWord(text: unknown, {maxLetters = 20} = {}): Result<string> {
  if (typeof text !== "string") return fail("Type a word.");
  const word = text.trim();
  if (word === "") return fail("Type a word: the box is empty.");
  const others = [...new Set(word.replace(/[A-Za-z]/g, ""))];
  if (others.length > 0) {
    const shown = others
      .slice(0, 6)
      .map((c) => (c === " " ? "space" : `“${c}”`))
      .join(", ");
    return fail(
      `Letters a–z only, one word: ${shown}${others.length > 6 ? ", …" : ""} cannot be read by the encoder, which knows only the 26 letters.`
    );
  }
  if (word.length > maxLetters)
    return fail(`At most ${maxLetters} letters, the longest words the network was trained on (this one has ${word.length}).`);
  return ok(word.toUpperCase());
}
