// Build-time training of the character models (src/data/char-models.zip.ts) on two threads.
//
// Every batch is `batchSize` windows of `length` + 1 characters cut at seeded random offsets of
// the training text (each window starts from the zero state, as generation does). A worker holds
// a second copy of the network and computes the gradient of the second half of every batch;
// the main thread adds the two (its own first) and both apply the sum with identical Adam
// optimizers, so the copies stay equal (the pattern of parallel-training.ts and
// sentiment-training.ts). With one thread the main thread computes both halves itself, in the
// same order, so results do not depend on the number of threads.
//
// An "epoch" here is `windowsPerEpoch` windows, not a pass over the corpus: a pass over a
// million characters would not fit a build. Held-out bits per character are measured after each.
import type {LayersModel, Optimizer, Variable} from "@tensorflow/tfjs";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {charBits, charLossSum, charModel, charStepper, charWeightsFromModel, generateIds, randomWindows, decodeChars, windowTensors, type CharCell, type CharModelDescription} from "../../../lib/models/char-model.js";
import {setLearningRate} from "../../../lib/training/train.js";
import type {CharEpochRecord} from "../../../lib/formats/char-metrics.js";
import {seededRandom} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import {addInto, applyGradients, checkFiniteLoss, flattenGradients, type Peer} from "./parallel-training.js";
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
  const rowTotals = Array.from({length: vocabSize}, (_, a) => bigram.subarray(a * vocabSize, (a + 1) * vocabSize).reduce((s, n) => s + n, 0));
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

// ---- replicas and half-batch gradients ----

export interface Replica {
  model: LayersModel;
  optimizer: Optimizer;
  variables: Variable[];
  size: number;
}

export function createReplica(tf: TF, description: CharModelDescription, learningRate: number): Replica {
  const model = charModel(tf, description);
  const optimizer = tf.train.adam(learningRate);
  // Compiled only so that the model owns its optimizer (disposeModel, setLearningRate, page training).
  model.compile({optimizer, loss: "categoricalCrossentropy"});
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  return {model, optimizer, variables, size: variables.reduce((n, v) => n + v.size, 0)};
}

export interface HalfStep {
  grads: Float32Array;
  lossSum: number;
}

/** Gradient of Σ −ln p over the half's windows ÷ (whole batch × length), flattened in variable order. */
export function halfGradients(tf: TF, replica: Replica, ids: Int32Array, rows: number, length: number, batchSize: number, vocabSize: number): HalfStep {
  const grads = new Float32Array(replica.size);
  if (rows === 0) return {grads, lossSum: 0};
  let lossSum = 0;
  tf.tidy(() => {
    const {x, y} = windowTensors(tf, ids, rows, length, vocabSize);
    const divisor = batchSize * length;
    const {value, grads: named} = tf.variableGrads(() => charLossSum(tf, replica.model, x, y, divisor), replica.variables);
    lossSum = value.dataSync()[0] * divisor;
    flattenGradients(named, replica.variables, grads);
  });
  checkFiniteLoss(lossSum);
  return {grads, lossSum};
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
  const ids = generateIds(stepper, data.sample.seedIds, data.sample.chars, {temperature: data.sample.temperature, random: seededRandom(data.sample.seed)});
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
  const vocabSize = description.vocab.length;
  const replica = createReplica(tf, description, plan.learningRate);
  peer?.send({type: "init", description, learningRate: plan.learningRate} satisfies WorkerMessage);
  const random = seededRandom(plan.seed);
  const batches = Math.ceil(plan.windowsPerEpoch / plan.batchSize);
  const epochs: CharEpoch[] = [];
  try {
    for (let epoch = 0; epoch < plan.epochs; epoch++) {
      const learningRate = plan.learningRate * plan.learningRateDecay ** epoch;
      setLearningRate(replica.model, learningRate);
      peer?.send({type: "rate", learningRate} satisfies WorkerMessage);
      let lossSum = 0;
      const started = performance.now();
      for (let b = 0; b < batches; b++) {
        const rows = Math.min(plan.batchSize, plan.windowsPerEpoch - b * plan.batchSize);
        const windows = randomWindows(data.trainIds, rows, plan.length, random);
        const mineRows = Math.ceil(rows / 2);
        const span = plan.length + 1;
        const mine = windows.slice(0, mineRows * span);
        const theirs = windows.slice(mineRows * span);
        if (peer) peer.send({type: "half", ids: theirs, rows: rows - mineRows, length: plan.length, batchSize: rows} satisfies WorkerMessage, [theirs.buffer as ArrayBuffer]);
        const a = halfGradients(tf, replica, mine, mineRows, plan.length, rows, vocabSize);
        const other = peer ? await peer.next<HalfStep>("grads") : halfGradients(tf, replica, theirs, rows - mineRows, plan.length, rows, vocabSize);
        const sum = clipByGlobalNorm(addInto(a.grads, other.grads), plan.clipNorm);
        if (peer) peer.send({type: "sum", grads: sum} satisfies WorkerMessage);
        applyGradients(tf, replica, sum);
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
      log(`  epoch ${record.epoch}/${plan.epochs}: training ${record.trainBitsPerChar.toFixed(3)} bits/char, held-out ${bitsPerChar.toFixed(3)} (${seconds.toFixed(1)} s): ${JSON.stringify(record.sample.slice(0, 60))}`);
    }
    return {model: replica.model, epochs, seconds: epochs.reduce((s, e) => s + e.seconds, 0)};
  } catch (error) {
    disposeModel(replica.model);
    throw error;
  }
}

/** A message to the worker, in the order the main thread sends them. */
export type WorkerMessage =
  | {type: "init"; description: CharModelDescription; learningRate: number}
  | {type: "rate"; learningRate: number}
  | {type: "half"; ids: Int32Array; rows: number; length: number; batchSize: number}
  | {type: "sum"; grads: Float32Array};

/** The worker's side: a replica that follows the main thread's messages, in order. */
export async function replicaLoop(tf: TF, post: (message: unknown, transfer?: ArrayBuffer[]) => void, next: () => Promise<WorkerMessage>): Promise<never> {
  let replica: Replica | null = null;
  let vocabSize = 0;
  const ready = () => {
    if (!replica) throw new Error("the worker was sent work before its network");
    return replica;
  };
  for (;;) {
    const message = await next();
    switch (message.type) {
      case "init":
        if (replica) disposeModel(replica.model);
        replica = createReplica(tf, message.description, message.learningRate);
        vocabSize = message.description.vocab.length;
        break;
      case "rate":
        setLearningRate(ready().model, message.learningRate);
        break;
      case "half": {
        const step = halfGradients(tf, ready(), message.ids, message.rows, message.length, message.batchSize, vocabSize);
        post({type: "grads", ...step}, [step.grads.buffer as ArrayBuffer]);
        break;
      }
      case "sum":
        applyGradients(tf, ready(), message.grads);
        break;
    }
  }
}

/** The replica worker (char-worker.ts) on the other core, with its own wasm instance. */
export function startCharWorker(): Peer & {stop: () => Promise<void>} {
  return startTsWorker(new URL("./char-worker.ts", import.meta.url), null);
}
