// Build-time training of the character models (src/data/char-models.zip.ts) on two threads.
//
// Every batch is `batchSize` windows of `length` + 1 characters cut at seeded random offsets of
// the training text (each window starts from the zero state, as generation does). Two threads
// share every batch through the replica protocol (replica-protocol.ts): a worker holds a second
// copy of the network and computes the gradient of the second half of every batch; the summed
// gradient is clipped to `clipNorm` before both apply it with identical Adam optimizers.
//
// An "epoch" here is `windowsPerEpoch` windows, not a pass over the corpus: a pass over a
// million characters would not fit a build. Held-out bits per character are measured after each.
import type {LayersModel} from "@tensorflow/tfjs";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {
  charBits,
  charLossSum,
  charModel,
  charStepper,
  charWeightsFromModel,
  generateIds,
  randomWindows,
  decodeChars,
  windowTensors,
  type CharCell,
  type CharModelDescription
} from "../../../lib/models/char-model.js";
import type {CharEpochRecord} from "../../../lib/formats/char-metrics.js";
import {seededRandom} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import {gradientsOf, replicaOf, replicaPair, type HalfStep, type Peer, type Replica, type ReplicaParts} from "./replica-protocol.js";
import {startTsWorker} from "./ts-worker.js";

export interface CharTrainingPlan {
  cell: CharCell;
  units: number;
  /** Characters each window predicts (one more is read). */
  length: number;
  batchSize: number;
  epochs: number;
  windowsPerEpoch: number;
  learningRate: number;
  learningRateDecay: number;
  /** The batch's gradient is scaled down when its global norm exceeds this (recurrent gradients can explode). */
  clipNorm: number;
  seed: number;
}

/** One epoch's record, as metrics.json ships it. */
export type CharEpoch = CharEpochRecord;

// ---- n-gram baselines ----

/**
 * Bits per character of a unigram and a bigram model (counts from the training ids, add-one
 * smoothing over the vocabulary) on exactly the targets the network predicts: every id of a
 * window but its first, the bigram conditioned on the id before.
 */
export function ngramBits(trainIds: Int32Array, windows: Int32Array, rows: number, vocabSize: number): {unigram: number; bigram: number} {
  const unigram = new Float64Array(vocabSize).fill(1);
  const bigram = new Float64Array(vocabSize * vocabSize).fill(1);
  for (let i = 0; i < trainIds.length; i++) {
    unigram[trainIds[i]]++;
    if (i > 0) bigram[trainIds[i - 1] * vocabSize + trainIds[i]]++;
  }
  const unigramTotal = unigram.reduce((a, b) => a + b, 0);
  const rowTotals = Array.from({length: vocabSize}, (_, a) =>
    bigram.subarray(a * vocabSize, (a + 1) * vocabSize).reduce((s, n) => s + n, 0)
  );
  const span = windows.length / rows;
  let uni = 0;
  let bi = 0;
  let n = 0;
  for (let r = 0; r < rows; r++) {
    for (let t = 1; t < span; t++) {
      const prev = windows[r * span + t - 1];
      const next = windows[r * span + t];
      uni -= Math.log2(unigram[next] / unigramTotal);
      bi -= Math.log2(bigram[prev * vocabSize + next] / rowTotals[prev]);
      n++;
    }
  }
  return {unigram: uni / n, bigram: bi / n};
}

/** `count` non-overlapping windows of `length` + 1 ids spread evenly over `ids` (deterministic: every build scores the same text). */
export function evenWindows(ids: Int32Array, count: number, length: number): Int32Array {
  const span = length + 1;
  const fit = Math.floor(ids.length / span);
  if (fit < count) throw new RangeError(`the held-out text has room for ${fit} windows of ${span} characters, ${count} asked`);
  const out = new Int32Array(count * span);
  for (let r = 0; r < count; r++) {
    const start = Math.floor((r * fit) / count) * span;
    out.set(ids.subarray(start, start + span), r * span);
  }
  return out;
}

/** Scales `grads` (in place) so that its Euclidean norm is at most `maxNorm`; returns it. */
export function clipByGlobalNorm(grads: Float32Array, maxNorm: number): Float32Array {
  let squares = 0;
  for (let i = 0; i < grads.length; i++) squares += grads[i] * grads[i];
  const norm = Math.sqrt(squares);
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= scale;
  }
  return grads;
}

// ---- replicas and half-batch gradients (the protocol: replica-protocol.ts) ----

export interface CharReplica extends Replica {
  vocabSize: number;
}

/** What builds a replica: the network's description and the first learning rate. */
export interface CharInit {
  description: CharModelDescription;
  learningRate: number;
}

/** Half a batch: `rows` windows of `length` + 1 ids, of a batch of `batchSize` windows. */
export interface CharHalf {
  ids: Int32Array;
  rows: number;
  length: number;
  batchSize: number;
}

export function createReplica(tf: TF, {description, learningRate}: CharInit): CharReplica {
  const model = charModel(tf, description);
  // Compiled only so that the model owns its optimizer (disposeModel, setLearningRate, page training).
  model.compile({optimizer: tf.train.adam(learningRate), loss: "categoricalCrossentropy"});
  return {...replicaOf(model), vocabSize: description.vocab.length};
}

/** Gradient of Σ −ln p over the half's windows ÷ (whole batch × length), flattened in variable order. */
export function halfGradients(tf: TF, replica: CharReplica, {ids, rows, length, batchSize}: CharHalf): HalfStep {
  const divisor = batchSize * length;
  return gradientsOf(tf, replica, rows, divisor, () => {
    const {x, y} = windowTensors(tf, ids, rows, length, replica.vocabSize);
    return () => charLossSum(tf, replica.model, x, y, divisor);
  });
}

/** The character models' parts of the replica protocol, on either thread. */
export function charParts(tf: TF): ReplicaParts<CharInit, CharHalf, CharReplica, HalfStep> {
  return {
    create: (init) => createReplica(tf, init),
    gradients: (replica, half) => halfGradients(tf, replica, half),
    transfer: (half) => [half.ids.buffer as ArrayBuffer]
  };
}

export interface CharTrainingData {
  description: CharModelDescription;
  trainIds: Int32Array;
  /** Held-out windows (rows × (length + 1)) scored after every epoch. */
  heldOut: {ids: Int32Array; rows: number; length: number};
  /** Seed text ids and settings of the per-epoch sample. */
  sample: {seedIds: Int32Array; chars: number; temperature: number; seed: number};
}

/** The per-epoch sample: the fixed seed, a fresh generator with a fixed seed, the step-by-step cell. */
export function sampleText(model: LayersModel, data: CharTrainingData): string {
  const stepper = charStepper(charWeightsFromModel(model, data.description.cell));
  const ids = generateIds(stepper, data.sample.seedIds, data.sample.chars, {
    temperature: data.sample.temperature,
    random: seededRandom(data.sample.seed)
  });
  return decodeChars(ids, data.description.vocab);
}

/** Held-out bits per character in blocks (bounded memory). */
export function heldOutBits(tf: TF, model: LayersModel, {ids, rows, length}: CharTrainingData["heldOut"], block = 64): number {
  const span = length + 1;
  let sum = 0;
  for (let r = 0; r < rows; r += block) {
    const n = Math.min(block, rows - r);
    sum += charBits(tf, model, ids.subarray(r * span, (r + n) * span), n, length) * n;
  }
  return sum / rows;
}

/**
 * Train the plan's network. With `peer` the worker computes the second half of every batch. The
 * caller disposes the returned model.
 */
export async function trainCharModel(
  tf: TF,
  plan: CharTrainingPlan,
  data: CharTrainingData,
  peer: Peer | null,
  log: (line: string) => void = () => {}
): Promise<{model: LayersModel; epochs: CharEpoch[]; seconds: number}> {
  const {description} = data;
  const pair = replicaPair(tf, charParts(tf), {description, learningRate: plan.learningRate}, peer);
  const {replica} = pair;
  const random = seededRandom(plan.seed);
  const batches = Math.ceil(plan.windowsPerEpoch / plan.batchSize);
  const epochs: CharEpoch[] = [];
  try {
    for (let epoch = 0; epoch < plan.epochs; epoch++) {
      const learningRate = plan.learningRate * plan.learningRateDecay ** epoch;
      pair.setLearningRate(learningRate);
      let lossSum = 0;
      const started = performance.now();
      for (let b = 0; b < batches; b++) {
        const rows = Math.min(plan.batchSize, plan.windowsPerEpoch - b * plan.batchSize);
        const windows = randomWindows(data.trainIds, rows, plan.length, random);
        const mineRows = Math.ceil(rows / 2);
        const span = plan.length + 1;
        const mine = {ids: windows.slice(0, mineRows * span), rows: mineRows, length: plan.length, batchSize: rows};
        const theirs = {ids: windows.slice(mineRows * span), rows: rows - mineRows, length: plan.length, batchSize: rows};
        const [a, other] = await pair.step(mine, theirs, (sum) => clipByGlobalNorm(sum, plan.clipNorm));
        lossSum += a.lossSum + other.lossSum;
      }
      const seconds = (performance.now() - started) / 1000;
      const bitsPerChar = heldOutBits(tf, replica.model, data.heldOut);
      const record: CharEpoch = {
        epoch: epoch + 1,
        learningRate,
        trainBitsPerChar: lossSum / (plan.windowsPerEpoch * plan.length) / Math.LN2,
        bitsPerChar,
        seconds,
        sample: sampleText(replica.model, data)
      };
      epochs.push(record);
      log(
        `  epoch ${record.epoch}/${plan.epochs}: training ${record.trainBitsPerChar.toFixed(3)} bits/char, held-out ${bitsPerChar.toFixed(3)} (${seconds.toFixed(1)} s): ${JSON.stringify(record.sample.slice(0, 60))}`
      );
    }
    return {model: replica.model, epochs, seconds: epochs.reduce((s, e) => s + e.seconds, 0)};
  } catch (error) {
    disposeModel(replica.model);
    throw error;
  }
}

/** The replica worker (char-worker.ts) on the other core, with its own wasm instance. */
export function startCharWorker(): Peer & {stop: () => Promise<void>} {
  return startTsWorker(new URL("./char-worker.ts", import.meta.url), null);
}
