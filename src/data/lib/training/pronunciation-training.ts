// Build-time training and scoring of the spelling → pronunciation encoder–decoder
// (src/lib/models/pronunciation-model.ts) on the CMU dictionary's training words, and
// its phoneme error rate on the held-out words, beside a nearest-spelling baseline.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {greedyDecodeBatch} from "../../../lib/models/seq2seq.js";
import {
  LETTERS,
  phonemeIndices,
  phonemeName,
  pronunciationModels,
  wordOneHot,
  type PronunciationModels
} from "../../../lib/models/pronunciation-model.js";
import {alignEdits, editDistance, errorRate, involvesVowel, VOWELS, type ErrorRate} from "../../../lib/text/phonemes.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import type {Word, WordSplit} from "../datasets/pronunciation-data.js";
import {trainSequenceModel, type SequenceBatch} from "./seq2seq-training.js";

export interface PronunciationConfig {
  units: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  learningRateDecay: number;
  /** Seeds the weights and the batch order. */
  seed: number;
  /** Training words used (the first n of a seeded shuffle); null: all. */
  trainWords: number | null;
  /** Decoding stops after this many phonemes even without END. */
  maxSteps: number;
  quick: boolean;
}

/**
 * Measured on this project's 2-core machine, shared with other builds: the training takes about
 * 135 CPU-seconds (one core; 2 epochs of 110,561 words at ~1,600 words/s); more epochs gain a
 * little and cost the build-time budget (one epoch at batch 128: PER 23% forwards; two at
 * batch 256: 22% forwards, 19.6% reading backwards).
 */
export const FULL_CONFIG: PronunciationConfig = {
  units: 96,
  epochs: 2,
  batchSize: 256,
  learningRate: 0.012,
  learningRateDecay: 0.5,
  seed: 11,
  trainWords: null,
  maxSteps: 24,
  quick: false
};

/** Quick mode (tests): a small model on 2,000 words, one epoch: seconds, not minutes. */
export const QUICK_CONFIG: PronunciationConfig = {...FULL_CONFIG, units: 32, epochs: 1, batchSize: 128, trainWords: 2000, quick: true};

/** The one-hot letters of words of one length, batch × letters × 26. */
function lettersTensor(tf: TF, words: readonly Word[]): Tensor {
  const length = words[0].word.length;
  const data = new Float32Array(words.length * length * LETTERS.length);
  words.forEach((w, i) => {
    if (w.word.length !== length) throw new Error(`a batch mixes word lengths (${length} and ${w.word.length})`);
    data.set(wordOneHot(w.word), i * length * LETTERS.length);
  });
  return tf.tensor3d(data, [words.length, length, LETTERS.length]);
}

/** Word indices grouped by length, in the order given. */
function byLength(words: readonly Word[], order: readonly number[]): number[][] {
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const n = words[i].word.length;
    if (!groups.has(n)) groups.set(n, []);
    groups.get(n)!.push(i);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((n) => groups.get(n)!);
}

/**
 * Batches for one epoch: a seeded shuffle, words grouped by length (the encoder reads a batch
 * without padding), cut into batches, and the batches shuffled.
 */
export function* wordBatches(tf: TF, words: readonly Word[], batchSize: number, random: () => number): Generator<SequenceBatch> {
  const batches: number[][] = [];
  for (const group of byLength(words, shuffleInPlace([...words.keys()], random))) {
    for (let b = 0; b < group.length; b += batchSize) batches.push(group.slice(b, b + batchSize));
  }
  for (const batch of shuffleInPlace(batches, random)) {
    const picked = batch.map((i) => words[i]);
    yield {source: lettersTensor(tf, picked), sequences: picked.map((w) => phonemeIndices(w.pronunciations[0]))};
  }
}

/** Greedy decodings of many words, as phoneme names, in the order given. */
export function decodeWords(
  tf: TF,
  {encoder, step}: PronunciationModels,
  words: readonly Word[],
  maxSteps: number,
  batchSize = 512
): string[][] {
  const out: string[][] = new Array(words.length);
  for (const indices of byLength(words, [...words.keys()])) {
    for (let b = 0; b < indices.length; b += batchSize) {
      const chunk = indices.slice(b, b + batchSize);
      const source = lettersTensor(
        tf,
        chunk.map((i) => words[i])
      );
      const written = greedyDecodeBatch(tf, encoder, step, source, {maxSteps});
      source.dispose();
      chunk.forEach((i, k) => (out[i] = written[k].map(phonemeName)));
    }
  }
  return out;
}

export interface Scores {
  /** Against the first listed pronunciation (the training target). */
  first: ErrorRate;
  /** Against whichever listed pronunciation is nearest. */
  nearest: ErrorRate;
}

/** Phoneme error rates of hypotheses for `words`. */
export function scorePronunciations(words: readonly Word[], hypotheses: readonly (readonly string[])[]): Scores {
  const first = errorRate(words.map((w, i) => ({hypothesis: hypotheses[i], reference: w.pronunciations[0]})));
  const nearest = errorRate(
    words.map((w, i) => {
      let best = w.pronunciations[0];
      let bestDistance = Infinity;
      for (const p of w.pronunciations) {
        const d = editDistance(hypotheses[i], p);
        if (d < bestDistance) {
          bestDistance = d;
          best = p;
        }
      }
      return {hypothesis: hypotheses[i], reference: best};
    })
  );
  return {first, nearest};
}

/**
 * The baseline: say a test word as the training word spelled most like it (fewest letter edits;
 * among training words with the same first letter and a length within 2, for speed; ties go to
 * the alphabetically first). Returns the borrowed pronunciation and the word it came from.
 */
export function nearestSpelling(train: readonly Word[], test: readonly Word[]): {pronunciation: string[]; from: string}[] {
  const byFirst = new Map<string, Word[]>();
  for (const w of [...train].sort((a, b) => (a.word < b.word ? -1 : 1))) byFirst.set(w.word[0], [...(byFirst.get(w.word[0]) ?? []), w]);
  return test.map(({word}) => {
    let best: Word | null = null;
    let bestDistance = Infinity;
    for (const candidate of byFirst.get(word[0]) ?? []) {
      if (Math.abs(candidate.word.length - word.length) > 2) continue;
      const d = boundedEditDistance(candidate.word, word, bestDistance);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    // A first letter no training word has (never happens with the real split): borrow nothing.
    return best ? {pronunciation: best.pronunciations[0], from: best.word} : {pronunciation: [], from: ""};
  });
}

const rowA = new Int32Array(64);
const rowB = new Int32Array(64);

/**
 * editDistance for strings, stopping early: returns the distance when it is below `bound`, else
 * some value ≥ bound (once a whole row reaches the bound, the distance cannot come back under it).
 */
export function boundedEditDistance(a: string, b: string, bound: number): number {
  if (b.length >= rowA.length) throw new Error("word too long for the baseline");
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= bound) return bound;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

export interface LengthRow {
  letters: number;
  words: number;
  /** The model's phoneme error rate on test words of this length, and the share exactly right. */
  per: number;
  exact: number;
  baselinePer: number;
}

export interface PronunciationMeta {
  config: PronunciationConfig;
  backend: string;
  units: number;
  parameters: number;
  trainingWords: number;
  lossHistory: number[];
  trainingSeconds: number;
  evaluationSeconds: number;
  test: {
    words: number;
    model: Scores;
    baseline: Scores & {seconds: number};
    byLength: LengthRow[];
    /** The network's edits against the first listed pronunciation that involve a vowel, beside the vowels' share of the reference phonemes. */
    vowels: {edits: number; withVowel: number; referencePhonemes: number; referenceVowels: number};
  };
}

/** Train on `split.train` (or its seeded subset), score on `split.test`. */
export async function trainPronunciation(
  tf: TF,
  split: WordSplit,
  config: PronunciationConfig,
  {backend, onEpoch}: {backend: string; onEpoch?: (epoch: number, loss: number) => void}
): Promise<{
  models: PronunciationModels & {training: LayersModel};
  meta: PronunciationMeta;
  decoded: string[][];
  baseline: {pronunciation: string[]; from: string}[];
  trainWords: string[];
}> {
  const random = seededRandom(config.seed);
  const train = config.trainWords === null ? split.train : shuffleInPlace([...split.train], random).slice(0, config.trainWords);
  const models = pronunciationModels(tf, {units: config.units, seed: config.seed});
  const {lossHistory, seconds} = await trainSequenceModel(tf, models.training, () => wordBatches(tf, train, config.batchSize, random), {
    epochs: config.epochs,
    learningRate: config.learningRate,
    learningRateDecay: config.learningRateDecay,
    onBatch: (epoch, batch, loss) => {
      if (batch === Math.ceil(train.length / config.batchSize) - 1) onEpoch?.(epoch, loss);
    }
  });

  const evaluationStart = performance.now();
  const decoded = decodeWords(tf, models, split.test, config.maxSteps);
  const evaluationSeconds = (performance.now() - evaluationStart) / 1000;
  const baselineStart = performance.now();
  const baseline = nearestSpelling(train, split.test);
  const baselineSeconds = (performance.now() - baselineStart) / 1000;

  const lengths = [...new Set(split.test.map((w) => w.word.length))].sort((a, b) => a - b);
  const byLength = lengths.map((letters) => {
    const indices = split.test.flatMap((w, i) => (w.word.length === letters ? [i] : []));
    const rate = errorRate(indices.map((i) => ({hypothesis: decoded[i], reference: split.test[i].pronunciations[0]})));
    const borrowed = errorRate(indices.map((i) => ({hypothesis: baseline[i].pronunciation, reference: split.test[i].pronunciations[0]})));
    return {letters, words: indices.length, per: rate.rate, exact: rate.exact / rate.count, baselinePer: borrowed.rate};
  });

  const vowelSet = new Set<string>(VOWELS);
  const vowels = {edits: 0, withVowel: 0, referencePhonemes: 0, referenceVowels: 0};
  split.test.forEach((w, i) => {
    const edits = alignEdits(decoded[i], w.pronunciations[0]);
    vowels.edits += edits.length;
    vowels.withVowel += edits.filter(involvesVowel).length;
    vowels.referencePhonemes += w.pronunciations[0].length;
    vowels.referenceVowels += w.pronunciations[0].filter((p) => vowelSet.has(p)).length;
  });

  const meta: PronunciationMeta = {
    config,
    backend,
    units: config.units,
    parameters: models.training.countParams(),
    trainingWords: train.length,
    lossHistory,
    trainingSeconds: seconds,
    evaluationSeconds,
    test: {
      words: split.test.length,
      model: scorePronunciations(split.test, decoded),
      baseline: {
        ...scorePronunciations(
          split.test,
          baseline.map((b) => b.pronunciation)
        ),
        seconds: baselineSeconds
      },
      byLength,
      vowels
    }
  };
  return {models, meta, decoded, baseline, trainWords: train.map((w) => w.word)};
}
