// What src/data/char-models.zip.ts ships about its character models, as the pages read it.
import type {CharCell} from "../models/char-model.js";

export type CharCorpusId = "moby" | "sotu";

export interface CharEpochRecord {
  epoch: number;
  learningRate: number;
  trainBitsPerChar: number;
  bitsPerChar: number;
  seconds: number;
  sample: string;
}

/**
 * A model's metrics.json as training writes it (models/char-models/). The loader ships it lighter
 * (src/data/lib/artifacts/light-weights.ts): samples in a member of its own, <model>/samples.json,
 * and epochs[] with only epoch and learningRate.
 */
export interface CharMetrics {
  quick: boolean;
  /** "<corpus>-<cell>", the folder of the model's members. */
  id: string;
  corpus: CharCorpusId;
  corpusName: string;
  cell: CharCell;
  units: number;
  parameters: number;
  vocab: string[];
  vocabNote: string;
  trainChars: number;
  heldOutChars: number;
  /** The held-out windows every bits-per-character figure is measured on. */
  heldOutScored: {windows: number; length: number; characters: number};
  /** Training seconds (all epochs, held-out scoring and samples excluded). */
  seconds: number;
  /** Held-out bits per character after each epoch. */
  bitsPerChar: number[];
  /** Baselines on the same held-out characters: counts from the training text, add-one smoothing. */
  unigram: number;
  bigram: number;
  /** How the per-epoch samples were drawn. */
  sample: {seedText: string; chars: number; temperature: number; seed: number};
  samples: {epoch: number; text: string}[];
  epochs: CharEpochRecord[];
  plan: {
    length: number;
    batchSize: number;
    epochs: number;
    windowsPerEpoch: number;
    learningRate: number;
    learningRateDecay: number;
    seed: number;
  };
  split: {seed: number; fraction: number; train: string[]; heldOut: string[]; note: string};
}

export interface CharSummary {
  quick: boolean;
  backend: string;
  threads: number;
  models: {
    id: string;
    corpus: CharCorpusId;
    cell: CharCell;
    units: number;
    bitsPerChar: number;
    unigram: number;
    bigram: number;
    seconds: number;
  }[];
  seconds: number;
  cpuSeconds: number;
}

export interface CharPassage {
  text: string;
  /** Where a real passage comes from (chapter or address); for a generated one, the model. */
  source: string;
  /** The held-out document (its split id) a real passage is cut from, or whose text primed a generated one. */
  document?: string;
  model?: string;
  temperature?: number;
  seed?: number;
  /** The held-out document whose text before a sentence start primed the model. */
  primedWith?: string;
}

/**
 * A long held-out passage for the gate pages: `warmup` is the held-out text just before it, read
 * first so the cell starts from a state the text put there rather than from zeros.
 */
export interface CharReadingPassage {
  warmup: string;
  text: string;
  source: string;
  document: string;
}

export interface CharPassages {
  quick: boolean;
  corpora: Partial<
    Record<CharCorpusId, {name: string; note: string; real: CharPassage[]; generated: CharPassage[]; reading: CharReadingPassage[]}>
  >;
}

/** Text for training and scoring in a page (decoded ids: a character outside the vocabulary is the unknown symbol). */
export interface CharText {
  quick: boolean;
  corpus: CharCorpusId;
  /** Blocks of training text, spread over the corpus's training documents. */
  train: string[];
  trainNote: string;
  /** The held-out windows (length + 1 characters each) the loader scored after every epoch. */
  heldOut: {length: number; windows: string[]};
}
