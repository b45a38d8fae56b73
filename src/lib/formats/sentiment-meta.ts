// What the sentiment loader ships in meta.json (and the training plans it follows), shared by
// the loader, the pages, the tests and the benchmark.
import {BAG_OF_WORDS_CONFIG, type BagOfWordsConfig} from "../models/bag-of-words.js";
import type {SentimentArchitecture} from "../models/sentiment-model.js";

export interface LstmTraining {
  arch: SentimentArchitecture;
  /** Words kept per review: its last ones. */
  maxLength: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Multiplies the learning rate after every epoch. */
  learningRateDecay: number;
  seed: number;
  /**
   * Fraction of training words replaced by the unknown word, drawn afresh every epoch from the
   * seed (word dropout): the embedding is most of the weights and overfits without it.
   */
  wordDropout?: number;
  /** Keep the weights of the epoch with the best validation accuracy, not the last epoch's. */
  keepBest?: boolean;
}

export interface SentimentPlan {
  lstm: LstmTraining;
  bow: BagOfWordsConfig;
  seed: number;
  /** Reviews used from each part (null: all of it). */
  trainCount: number | null;
  validationCount: number | null;
  testCount: number | null;
}

export const SENTIMENT_FULL: SentimentPlan = {
  lstm: {
    arch: {vocabularySize: 10_000, embeddingDim: 32, units: 32, layers: 1},
    maxLength: 400,
    epochs: 8,
    batchSize: 256,
    learningRate: 0.01,
    learningRateDecay: 0.75,
    seed: 11,
    wordDropout: 0.3,
    keepBest: true
  },
  bow: BAG_OF_WORDS_CONFIG,
  seed: 11,
  trainCount: null,
  validationCount: null,
  testCount: null
};

/** Quick mode (WORKBOOK_QUICK=1): seconds of training on short prefixes of each part; not the real results. */
export const SENTIMENT_QUICK: SentimentPlan = {
  ...SENTIMENT_FULL,
  lstm: {...SENTIMENT_FULL.lstm, maxLength: 40, epochs: 2, batchSize: 64},
  bow: {...BAG_OF_WORDS_CONFIG, epochs: 2},
  trainCount: 512,
  validationCount: 128,
  testCount: 512
};

export interface EpochRecord {
  epoch: number;
  learningRate: number;
  loss: number;
  accuracy: number;
  validationAccuracy: number;
  seconds: number;
}

export interface SentimentExample {
  text: string;
  label: 0 | 1;
  /** Both models' positive scores. */
  lstm: number;
  bow: number;
}

export interface SentimentMeta {
  quick: boolean;
  split: {
    note: string;
    seed: number;
    counts: {records: number; duplicates: number; conflicting: number; unique: number};
    train: number;
    validation: number;
    test: number;
  };
  vocabulary: {size: number; minCount: number; note: string};
  backend: string;
  lstm: {
    arch: SentimentArchitecture;
    training: LstmTraining;
    parameters: number;
    epochs: EpochRecord[];
    /** The epoch whose weights ship (1-based): the best on validation with keepBest, else the last. */
    keptEpoch?: number;
    /** Wall-clock seconds of training steps (the machine may have been shared). */
    trainingSeconds: number;
    /** CPU seconds the whole process (both threads) spent while training: about twice the wall time an idle two-core machine would take. */
    trainingCpuSeconds: number;
    test: {count: number; correct: number; accuracy: number; confusion: number[][]; seconds: number};
  };
  bow: {
    training: BagOfWordsConfig;
    parameters: number;
    lossHistory: number[];
    trainingSeconds: number;
    validationAccuracy: number;
    test: {count: number; accuracy: number; loss: number};
  };
  /** Wall-clock seconds of the whole loader, and its CPU seconds (both threads). */
  seconds: number;
  cpuSeconds: number;
}

export interface DeepPlan {
  /** One network per depth, otherwise identical (the seed too). */
  depths: number[];
  lstm: Omit<LstmTraining, "arch"> & {arch: Omit<SentimentArchitecture, "layers">};
  trainCount: number;
  validationCount: number;
  testCount: number;
}

export const DEEP_FULL: DeepPlan = {
  depths: [1, 2, 3],
  lstm: {
    arch: {vocabularySize: 10_000, embeddingDim: 16, units: 16},
    maxLength: 80,
    epochs: 3,
    batchSize: 64,
    learningRate: 0.01,
    learningRateDecay: 0.7,
    seed: 23
  },
  trainCount: 4_000,
  validationCount: 1_000,
  testCount: 5_000
};

/** Quick mode (WORKBOOK_QUICK=1): seconds of training; not the real results. */
export const DEEP_QUICK: DeepPlan = {
  ...DEEP_FULL,
  lstm: {...DEEP_FULL.lstm, maxLength: 30, epochs: 1, batchSize: 64},
  trainCount: 256,
  validationCount: 64,
  testCount: 256
};

export interface DeepResult {
  layers: number;
  arch: SentimentArchitecture;
  parameters: number;
  epochs: EpochRecord[];
  /** Wall-clock seconds of training steps (the machine may have been shared). */
  trainingSeconds: number;
  /** CPU seconds of both threads while training. */
  trainingCpuSeconds: number;
  test: {count: number; accuracy: number; seconds: number};
}

export interface DeepMeta {
  quick: boolean;
  split: SentimentMeta["split"];
  subset: string;
  vocabulary: SentimentMeta["vocabulary"];
  backend: string;
  training: DeepPlan["lstm"];
  results: DeepResult[];
  seconds: number;
  cpuSeconds: number;
}
