// Which dictionary words the spelling → pronunciation model sees, and the split. Decisions
// (stated on the page from the numbers in meta.json):
//  - words: headwords of letters A–Z only, 2 to MAX_LETTERS letters (no apostrophes, dots,
//    hyphens or digits; single letters are names of letters, not spellings);
//  - stress: removed (AH0, AH1, AH2 → AH), so the decoder chooses among 39 phonemes;
//  - variants: the first listed pronunciation is the training target; the others are kept for
//    a second score (distance to the nearest listed pronunciation) and for the page;
//  - split: by headword with a seeded shuffle, so every variant of a test word is held out
//    with it and nothing about a test word is in training.
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {stripStress} from "../../../lib/text/phonemes.js";
import type {DictionaryEntry} from "./cmudict.js";

export const MIN_LETTERS = 2;
export const MAX_LETTERS = 16;
/** The split: 5% of the words held out, chosen by a seeded shuffle. */
export const SPLIT = {seed: 20240611, testFraction: 0.05};

export interface Word {
  /** Upper-case spelling, letters only. */
  word: string;
  /** Every listed pronunciation without stress, duplicates (that differed only in stress) removed; the first is the target. */
  pronunciations: string[][];
  /** The first listed pronunciation as the dictionary writes it, with stress digits. */
  stressed: string[];
}

export interface Selection {
  words: Word[];
  /** Headwords left out, by reason. */
  skipped: {notLetters: number; tooShort: number; tooLong: number};
  headwords: number;
}

export function selectWords(entries: readonly DictionaryEntry[]): Selection {
  const skipped = {notLetters: 0, tooShort: 0, tooLong: 0};
  const words: Word[] = [];
  for (const {word, pronunciations} of entries) {
    if (!/^[A-Z]+$/.test(word)) skipped.notLetters++;
    else if (word.length < MIN_LETTERS) skipped.tooShort++;
    else if (word.length > MAX_LETTERS) skipped.tooLong++;
    else {
      const seen = new Set<string>();
      const plain: string[][] = [];
      for (const p of pronunciations) {
        const stripped = p.map(stripStress);
        const key = stripped.join(" ");
        if (!seen.has(key)) {
          seen.add(key);
          plain.push(stripped);
        }
      }
      words.push({word, pronunciations: plain, stressed: pronunciations[0]});
    }
  }
  return {words, skipped, headwords: entries.length};
}

export interface WordSplit {
  train: Word[];
  test: Word[];
  seed: number;
  testFraction: number;
}

/** A seeded split by headword: `testFraction` of the words (rounded) held out, the rest for training. */
export function splitWords(words: readonly Word[], {seed, testFraction}: {seed: number; testFraction: number}): WordSplit {
  const order = shuffleInPlace([...words.keys()], seededRandom(seed));
  const testCount = Math.round(words.length * testFraction);
  const isTest = new Uint8Array(words.length);
  for (const i of order.slice(0, testCount)) isTest[i] = 1;
  // Both sides keep the dictionary's (alphabetical) order.
  return {train: words.filter((_, i) => !isTest[i]), test: words.filter((_, i) => isTest[i]), seed, testFraction};
}
