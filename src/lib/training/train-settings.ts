// What the "Train it yourself" page's fields mean: text as typed -> a CNN description (for
// buildCnn) and a training config (for trainClassifier), or the first reason to refuse it.
// Pure, so every refusal is tested without a browser.
import {summarizeCnn, type CnnDescription, type CnnSummary} from "../models/cnn-description.js";
import {validateTraining, LIMITS, type TrainingConfig} from "./train.js";
import {seededRandom, shuffleInPlace} from "../core/random.js";
import {fail, ok, type Result} from "../core/result.js";
import {parseWhole, readNumber} from "../core/result.js";

export type Pooling = "max" | "avg" | "none";

/** The fields as the reader typed them (text), plus the two choices made with buttons. */
export interface TrainText {
  filters: string;
  kernel: string;
  dense: string;
  dropout: string;
  epochs: string;
  batchSize: string;
  learningRate: string;
  trainCount: string;
}

export interface TrainPlan {
  description: CnnDescription;
  summary: CnnSummary;
  training: TrainingConfig;
  /** Training images to use (a stratified prefix of the training order). */
  trainCount: number;
}

/** Upper limits of this page: beyond them a browser tab would stall for minutes per step. */
export const TRAIN_LIMITS = {convLayers: 4, filters: 128, kernel: 28, dense: 1024} as const;

/** The page's starting point: small enough to train a pass in seconds on a GPU, a minute or so without. */
export const DEFAULT_TEXT: TrainText = {
  filters: "8, 16",
  kernel: "5",
  dense: "64",
  dropout: "0.25",
  epochs: "2",
  batchSize: "64",
  learningRate: "0.002",
  trainCount: "3000"
};

const CLASSES = 10;

/**
 * Read the fields. `available` is how many training images there are; `pooling` follows every
 * convolution (2×2, stride 2) unless it is "none".
 */
export function planTraining(text: TrainText, pooling: Pooling, {available}: {available: number}): Result<TrainPlan> {
  const filters = parseFilters(text.filters);
  if (!filters.ok) return filters;
  const kernel = parseWhole("Kernel size", text.kernel, {min: 1, max: TRAIN_LIMITS.kernel});
  if (!kernel.ok) return kernel;
  if (pooling !== "max" && pooling !== "avg" && pooling !== "none") return fail(`Pooling is max, avg or none (got ${String(pooling)}).`);
  const dense = parseWhole("Dense units", text.dense, {min: 1, max: TRAIN_LIMITS.dense});
  if (!dense.ok) return dense;
  const dropout = readNumber("Dropout", text.dropout);
  if (!dropout.ok) return dropout;
  if (!(dropout.value >= 0 && dropout.value < 1))
    return fail(`Dropout is the fraction of units switched off: at least 0 and below 1 (got ${dropout.value}).`);
  const trainCount = parseWhole("Training images", text.trainCount, {min: CLASSES, max: available});
  if (!trainCount.ok) return trainCount;
  const epochs = parseWhole("Epochs", text.epochs, {min: 1, max: LIMITS.epochs});
  if (!epochs.ok) return epochs;
  const batchSize = parseWhole("Batch size", text.batchSize, {min: 1});
  if (!batchSize.ok) return batchSize;
  if (batchSize.value > trainCount.value) {
    return fail(
      `The batch size (${batchSize.value.toLocaleString("en")}) is larger than the training set (${trainCount.value.toLocaleString("en")} images): one batch could not be filled.`
    );
  }
  const rate = readNumber("Learning rate", text.learningRate);
  if (!rate.ok) return rate;
  if (rate.value <= 0) return fail(`The learning rate must be above 0 (got ${rate.value}): the weights would not move, or move uphill.`);
  const description: CnnDescription = {
    name: "Your CNN",
    input: [28, 28, 1],
    layers: [
      ...filters.value.flatMap((n) => [
        {type: "conv" as const, filters: n, kernel: kernel.value, activation: "relu" as const},
        ...(pooling === "none" ? [] : [{type: "pool" as const, mode: pooling, size: 2}])
      ]),
      {type: "flatten"},
      {type: "dense", units: dense.value, activation: "relu"},
      ...(dropout.value > 0 ? [{type: "dropout" as const, rate: dropout.value}] : []),
      {type: "dense", units: CLASSES, activation: "softmax"}
    ]
  };
  // The shapes: a kernel larger than what is left of the image after pooling is refused here.
  const summary = summarizeCnn(description);
  if (!summary.ok) return summary;
  const training = validateTraining({
    optimizer: "adam",
    learningRate: rate.value,
    learningRateDecay: 1,
    epochs: epochs.value,
    batchSize: batchSize.value,
    seed: 1
  });
  if (!training.ok) return training;
  return ok({description, summary: summary.value, training: training.value, trainCount: trainCount.value});
}

/** "8, 16" -> [8, 16]: one convolutional layer per number, each that many filters. */
export function parseFilters(text: string): Result<number[]> {
  const parts = String(text ?? "")
    .split(/[,;\s]+/)
    .filter((p) => p !== "");
  if (parts.length === 0) return fail("Filters: give one number per convolutional layer, e.g. 8, 16.");
  if (parts.length > TRAIN_LIMITS.convLayers)
    return fail(`Filters: at most ${TRAIN_LIMITS.convLayers} convolutional layers here (got ${parts.length}).`);
  const counts: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const n = parseWhole(`Filters in conv${i + 1}`, parts[i], {min: 1, max: TRAIN_LIMITS.filters});
    if (!n.ok) return n;
    counts.push(n.value);
  }
  return ok(counts);
}

/**
 * A seeded, stratified split of a labelled set: `perClass` images of every class held out for
 * validation, and the rest in an order that cycles through the classes, so any prefix of it (the
 * reader's training-set size) is balanced too.
 */
export function validationSplit(
  labels: ArrayLike<number>,
  {perClass = 100, seed = 11, classes = CLASSES} = {}
): {train: number[]; validation: number[]} {
  const random = seededRandom(seed);
  const byClass = Array.from({length: classes}, () => [] as number[]);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]]?.push(i);
  for (const list of byClass) shuffleInPlace(list, random);
  const validation = byClass.flatMap((list) => list.slice(0, perClass)).sort((a, b) => a - b);
  const rest = byClass.map((list) => list.slice(perClass));
  const train: number[] = [];
  for (let k = 0; rest.some((list) => k < list.length); k++) for (const list of rest) if (k < list.length) train.push(list[k]);
  return {train, validation};
}

/**
 * First-layer kernels [kh, kw, 1, filters] (tfjs layout, row-major) as one kh×kw image per filter,
 * for imageMosaic. Only greyscale input (one channel) has a picture per filter.
 */
export function filterImages(kernel: ArrayLike<number>, [kh, kw, channels, count]: readonly number[]): Float32Array {
  if (channels !== 1) throw new Error(`first-layer filters have ${channels} input channels; only 1 is drawn`);
  const out = new Float32Array(count * kh * kw);
  for (let f = 0; f < count; f++) for (let p = 0; p < kh * kw; p++) out[f * kh * kw + p] = kernel[p * count + f];
  return out;
}
