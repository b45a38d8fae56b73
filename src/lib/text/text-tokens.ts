// Text to numbers for the sentiment models, the same in the loaders (training) and the pages
// (the reader's typed review): strip the HTML the IMDB reviews carry ("<br /><br />"), lower-case,
// split into words, look every word up in a fixed vocabulary built from the training reviews
// only. Id 0 is padding, id 1 stands for every word outside the vocabulary.
import {fail, ok, type Result} from "../core/result.js";

export const PAD_ID = 0;
export const OOV_ID = 1;
export const PAD_TOKEN = "<pad>";
export const OOV_TOKEN = "<unk>";

// A tag: "<" and ">" with no other angle bracket between (so "a < b" and "<3" are text).
const TAG = /<[^<>]*>/g;

const ENTITIES: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " "};

/**
 * The text a reader would see: tags removed (each replaced by a space, so "end.<br />Next" stays
 * two words), the common entities decoded, lower-cased. Curly apostrophes become straight ones.
 */
export function cleanText(text: string): string {
  return text
    .replace(TAG, " ")
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#(\d{1,6})|#x([0-9a-f]{1,6}));/gi, (whole, name: string, dec?: string, hex?: string) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : NaN;
      if (!Number.isNaN(code)) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

/** The tags cleanText removes, as they appear in the text. */
export function markupTags(text: string): string[] {
  return text.match(TAG) ?? [];
}

// A word: letters and digits of any script, with inner apostrophes ("don't", "90's") kept.
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** The words of a text, in order, after cleanText. Punctuation and markup are dropped. */
export function tokenize(text: string): string[] {
  return cleanText(text).match(WORD) ?? [];
}

/**
 * The vocabulary: [PAD_TOKEN, OOV_TOKEN, then the `size` − 2 most frequent words], counting
 * every occurrence in `documents` (token lists). Ties go alphabetically, so the list is the same
 * on every machine. Words seen fewer than `minCount` times are left out.
 */
export function buildVocabulary(documents: Iterable<readonly string[]>, {size, minCount = 1}: {size: number; minCount?: number}): string[] {
  if (!(Number.isInteger(size) && size >= 3)) throw new RangeError(`vocabulary size must be a whole number of at least 3 (got ${size})`);
  const counts = new Map<string, number>();
  for (const tokens of documents) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const words = [...counts]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, size - 2)
    .map(([word]) => word);
  return [PAD_TOKEN, OOV_TOKEN, ...words];
}

export interface Vocabulary {
  /** words[id]: PAD_TOKEN, OOV_TOKEN, then the words by frequency. */
  words: readonly string[];
  ids: ReadonlyMap<string, number>;
}

/** A vocabulary list as shipped (vocabulary.json), checked: a message names what is wrong. */
export function parseVocabulary(json: unknown, file = "vocabulary.json"): Result<Vocabulary> {
  if (!Array.isArray(json)) return fail(`${file}: expected a list of words.`);
  if (json.length < 3) return fail(`${file}: ${json.length} entries; a vocabulary needs the two special tokens and at least one word.`);
  if (json[PAD_ID] !== PAD_TOKEN || json[OOV_ID] !== OOV_TOKEN)
    return fail(`${file}: entries 0 and 1 must be "${PAD_TOKEN}" and "${OOV_TOKEN}".`);
  const ids = new Map<string, number>();
  for (let id = 2; id < json.length; id++) {
    const word = json[id];
    if (typeof word !== "string" || tokenize(word).length !== 1 || tokenize(word)[0] !== word)
      return fail(`${file}: entry ${id} (${JSON.stringify(word)}) is not a single lower-case word.`);
    if (ids.has(word)) return fail(`${file}: "${word}" appears twice (entries ${ids.get(word)} and ${id}).`);
    ids.set(word, id);
  }
  return ok({words: json as string[], ids});
}

/** A vocabulary from a word list built by buildVocabulary (trusted: no checks). */
export function vocabularyOf(words: readonly string[]): Vocabulary {
  return {words, ids: new Map(words.slice(2).map((w, i) => [w, i + 2]))};
}

/** Ids of the tokens; words outside the vocabulary become OOV_ID. */
export function encodeTokens(tokens: readonly string[], {ids}: Vocabulary): Int32Array {
  return Int32Array.from(tokens, (t) => ids.get(t) ?? OOV_ID);
}

/**
 * Exactly `length` ids: a longer sequence keeps its last `length` ids (a review's verdict tends
 * to come at its end), a shorter one gets PAD_ID in front, so the recurrent layer reads the
 * words last, just before it answers. (Keras's pad_sequences defaults, "pre" and "pre".)
 */
export function padSequence(ids: ArrayLike<number>, length: number): Int32Array {
  const out = new Int32Array(length);
  const n = Math.min(ids.length, length);
  const from = ids.length - n;
  for (let k = 0; k < n; k++) out[length - n + k] = ids[from + k];
  return out;
}
