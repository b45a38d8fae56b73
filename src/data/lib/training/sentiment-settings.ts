// What the sentiment loaders share: their environment, the data both see (one split, one
// vocabulary built from training reviews only), and the worker's lifetime.
//
// Environment (read once, checked before any work):
//   WORKBOOK_QUICK=1     quick mode: a few hundred short reviews, one epoch, seconds in all
//   WORKBOOK_THREADS=1   train on one thread (default 2; the results are the same)
import {buildVocabulary, vocabularyOf, type Vocabulary} from "../../../lib/text/text-tokens.js";
import type {Peer} from "./replica-protocol.js";
import {imdbSplit, type ImdbSplit, type Review} from "../datasets/imdb.js";
import {quickMode} from "./quick-mode.js";
import {startSentimentWorker} from "./sentiment-training.js";

export interface SentimentSettings {
  quick: boolean;
  threads: 1 | 2;
}

export function sentimentSettings(env: NodeJS.ProcessEnv = process.env): SentimentSettings {
  const quick = quickMode(env);
  const threads = env.WORKBOOK_THREADS || "2";
  if (threads !== "1" && threads !== "2") throw new Error(`WORKBOOK_THREADS must be 1 or 2, got ${JSON.stringify(threads)}`);
  return {quick, threads: threads === "1" ? 1 : 2};
}

/** Vocabulary entries, the two special tokens included. */
export const VOCABULARY_SIZE = 10_000;
/** A word enters the vocabulary only if it occurs at least this often in the training reviews. */
export const VOCABULARY_MIN_COUNT = 2;
/** Training reviews held out to choose the number of epochs (never the test set). */
export const VALIDATION_COUNT = 2_000;

export interface SentimentData {
  split: ImdbSplit;
  vocabulary: Vocabulary;
  /** The training half without the validation reviews. */
  train: Review[];
  validation: Review[];
  test: Review[];
}

/** The split and a vocabulary from the training half only (validation reviews are training reviews). */
export function sentimentData(): SentimentData {
  const split = imdbSplit();
  const words = buildVocabulary(
    split.train.map((r) => r.tokens),
    {size: VOCABULARY_SIZE, minCount: VOCABULARY_MIN_COUNT}
  );
  return {
    split,
    vocabulary: vocabularyOf(words),
    train: split.train.slice(0, split.train.length - VALIDATION_COUNT),
    validation: split.train.slice(split.train.length - VALIDATION_COUNT),
    test: split.test
  };
}

/** Run `work` with a worker thread (`start`, the sentiment replica by default) when two threads are asked for; always stops it. */
export async function withPeer<T>(
  threads: 1 | 2,
  work: (peer: Peer | null) => Promise<T>,
  start: () => Peer & {stop: () => Promise<void>} = startSentimentWorker
): Promise<T> {
  const worker = threads === 2 ? start() : null;
  try {
    return await work(worker);
  } finally {
    await worker?.stop();
  }
}

/** CPU seconds of this process so far, every thread included (user + system). */
export function cpuSecondsSinceStart(): number {
  const {user, system} = process.cpuUsage();
  return (user + system) / 1e6;
}
