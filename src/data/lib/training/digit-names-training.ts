// Build-time training of the digit-name captioner (src/lib/models/digit-names-model.ts)
// on MNIST's 60,000 training images, and its scores on the 10,000 test images, decoded greedily
// exactly as the page decodes.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {
  DIGIT_NAMES,
  digitNameModels,
  nameIndices,
  NAME_MAX_STEPS,
  scoreNames,
  spelled,
  type DigitNameModels,
  type NameScores
} from "../../../lib/models/digit-names-model.js";
import {greedyDecodeBatch} from "../../../lib/models/seq2seq.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import {PIXELS, type Dataset, type Split} from "../datasets/datasets.js";
import {trainSequenceModel, type SequenceBatch} from "./seq2seq-training.js";

export interface DigitNamesConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  learningRateDecay: number;
  seed: number;
  /** Training images used (a seeded, stratified-by-chance subset); null: all 60,000. */
  trainImages: number | null;
  quick: boolean;
}

export const FULL_CONFIG: DigitNamesConfig = {
  epochs: 3,
  batchSize: 64,
  learningRate: 0.003,
  learningRateDecay: 0.5,
  seed: 5,
  trainImages: null,
  quick: false
};
/** Quick mode (tests): 3,000 images, one epoch: seconds. */
export const QUICK_CONFIG: DigitNamesConfig = {
  ...FULL_CONFIG,
  epochs: 1,
  batchSize: 32,
  learningRate: 0.004,
  trainImages: 3000,
  quick: true
};

function imagesTensor(tf: TF, split: Split, indices: readonly number[]): Tensor {
  const data = new Float32Array(indices.length * PIXELS);
  indices.forEach((index, k) => {
    for (let p = 0; p < PIXELS; p++) data[k * PIXELS + p] = split.images[index * PIXELS + p] / 255;
  });
  return tf.tensor4d(data, [indices.length, 28, 28, 1]);
}

function* imageBatches(
  tf: TF,
  split: Split,
  indices: readonly number[],
  batchSize: number,
  random: () => number
): Generator<SequenceBatch> {
  const order = shuffleInPlace([...indices], random);
  for (let b = 0; b < order.length; b += batchSize) {
    const batch = order.slice(b, b + batchSize);
    yield {source: imagesTensor(tf, split, batch), sequences: batch.map((i) => nameIndices(DIGIT_NAMES[split.labels[i]]))};
  }
}

/** Greedy decodings (as strings) of every image of a split. */
export function decodeImages(tf: TF, {encoder, step}: DigitNameModels, split: Split, batchSize = 500): string[] {
  const out: string[] = [];
  for (let b = 0; b < split.count; b += batchSize) {
    const indices = Array.from({length: Math.min(batchSize, split.count - b)}, (_, k) => b + k);
    const source = imagesTensor(tf, split, indices);
    for (const symbols of greedyDecodeBatch(tf, encoder, step, source, {maxSteps: NAME_MAX_STEPS})) out.push(spelled(symbols));
    source.dispose();
  }
  return out;
}

export interface DigitNamesMeta {
  config: DigitNamesConfig;
  backend: string;
  parameters: {encoder: number; decoder: number};
  trainingImages: number;
  lossHistory: number[];
  trainingSeconds: number;
  evaluationSeconds: number;
  test: NameScores & {
    /** Per true digit: images and exact decodings. */
    byDigit: {digit: number; images: number; exact: number}[];
    /** Every wrong decoding: what the image was, what was written, how often. */
    mistakes: {digit: number; decoded: string; count: number}[];
  };
}

export async function trainDigitNames(
  tf: TF,
  mnist: Dataset,
  config: DigitNamesConfig,
  {backend, onEpoch}: {backend: string; onEpoch?: (epoch: number, loss: number, seconds: number) => void}
): Promise<{models: DigitNameModels & {training: LayersModel}; meta: DigitNamesMeta; decoded: string[]}> {
  const random = seededRandom(config.seed);
  const all = Array.from({length: mnist.train.count}, (_, i) => i);
  const indices = config.trainImages === null ? all : shuffleInPlace(all, random).slice(0, config.trainImages);
  const models = digitNameModels(tf, {seed: config.seed});
  const started = performance.now();
  const batches = Math.ceil(indices.length / config.batchSize);
  const {lossHistory, seconds} = await trainSequenceModel(
    tf,
    models.training,
    () => imageBatches(tf, mnist.train, indices, config.batchSize, random),
    {
      epochs: config.epochs,
      learningRate: config.learningRate,
      learningRateDecay: config.learningRateDecay,
      onBatch: (epoch, batch, loss) => {
        if (batch === batches - 1) onEpoch?.(epoch, loss, (performance.now() - started) / 1000);
      }
    }
  );

  const evaluationStart = performance.now();
  const decoded = decodeImages(tf, models, mnist.test);
  const evaluationSeconds = (performance.now() - evaluationStart) / 1000;
  const scores = scoreNames(decoded, mnist.test.labels);
  const byDigit = DIGIT_NAMES.map((name, digit) => {
    let images = 0;
    let exact = 0;
    decoded.forEach((text, i) => {
      if (mnist.test.labels[i] !== digit) return;
      images++;
      if (text === name) exact++;
    });
    return {digit, images, exact};
  });
  const counts = new Map<string, {digit: number; decoded: string; count: number}>();
  decoded.forEach((text, i) => {
    const digit = mnist.test.labels[i];
    if (text === DIGIT_NAMES[digit]) return;
    const key = `${digit}:${text}`;
    const row = counts.get(key) ?? {digit, decoded: text, count: 0};
    row.count++;
    counts.set(key, row);
  });
  const mistakes = [...counts.values()].sort((a, b) => b.count - a.count || a.digit - b.digit || a.decoded.localeCompare(b.decoded));

  const meta: DigitNamesMeta = {
    config,
    backend,
    parameters: {encoder: models.encoder.countParams(), decoder: models.step.countParams()},
    trainingImages: indices.length,
    lossHistory,
    trainingSeconds: seconds,
    evaluationSeconds,
    test: {...scores, byDigit, mistakes}
  };
  return {models, meta, decoded};
}
