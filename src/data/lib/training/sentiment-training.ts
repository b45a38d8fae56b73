// Build-time training of the sentiment LSTMs (src/data/sentiment.zip.ts, deep-sentiment.zip.ts).
//
// Cost: an LSTM step runs once per word per review, 25,000 reviews × up to 200 words, and
// tfjs's wasm backend uses one core. Three things keep it within a build:
// - reviews are cut to their last `maxLength` words, and batches are made of reviews of similar
//   length, each padded only to its own longest review (padding is masked, so it changes nothing
//   but the time): about 160 steps per review on average instead of 200;
// - two threads sharing every batch through the replica protocol (replica-protocol.ts): a worker
//   holds a second copy of the network and computes the gradient of the second half of every
//   batch (and scores every other block of reviews); the results do not depend on the number of
//   threads;
// - the embedding's gradient gets a wasm kernel (wasm-segment-sum.ts).
import type {LayersModel, Scalar, Tensor} from "@tensorflow/tfjs";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {sentimentModel} from "../../../lib/models/sentiment-model.js";
import type {EpochRecord, LstmTraining} from "../../../lib/formats/sentiment-meta.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {encodeTokens, OOV_ID, type Vocabulary} from "../../../lib/text/text-tokens.js";
import type {TF} from "../../../lib/core/tf-types.js";
import {
  gradientsOf,
  halves,
  replicaOf,
  replicaPair,
  serveReplica,
  type HalfStep,
  type Peer,
  type Replica,
  type ReplicaMessage,
  type ReplicaParts,
  variableValues
} from "./replica-protocol.js";
import {startTsWorker} from "./ts-worker.js";
import type {Review} from "../datasets/imdb.js";

export type SentimentTraining = LstmTraining;

/** Reviews as id sequences (each at most maxLength long: its last words) and labels. */
export interface EncodedReviews {
  sequences: Int32Array[];
  labels: Uint8Array;
}

export function encodeReviews(reviews: readonly Review[], vocabulary: Vocabulary, maxLength: number): EncodedReviews {
  return {
    sequences: reviews.map((r) => {
      const ids = encodeTokens(r.tokens, vocabulary);
      return ids.length > maxLength ? ids.slice(ids.length - maxLength) : ids;
    }),
    labels: Uint8Array.from(reviews, (r) => r.label)
  };
}

/**
 * One epoch's batches: a seeded shuffle, then within each pool of `pool` batches' worth of
 * reviews a sort by length, cut into batches, and the batches shuffled. Every review is in exactly
 * one batch; neighbours in a batch have similar lengths, so little padding is computed.
 */
export function lengthBatches(lengths: ArrayLike<number>, batchSize: number, random: () => number, {pool = 20} = {}): number[][] {
  const order = shuffleInPlace(
    Array.from({length: lengths.length}, (_, i) => i),
    random
  );
  const batches: number[][] = [];
  const span = batchSize * pool;
  for (let start = 0; start < order.length; start += span) {
    const chunk = order.slice(start, start + span).sort((a, b) => lengths[a] - lengths[b] || a - b);
    for (let b = 0; b < chunk.length; b += batchSize) batches.push(chunk.slice(b, b + batchSize));
  }
  return shuffleInPlace(batches, random);
}

/** The rows' sequences as one [rows, L] block, L the longest, shorter ones padded in front with 0. */
export function paddedBatch(sequences: readonly Int32Array[], rows: readonly number[]): {ids: Int32Array; length: number} {
  const length = rows.reduce((m, r) => Math.max(m, sequences[r].length), 1);
  const ids = new Int32Array(rows.length * length);
  rows.forEach((r, i) => ids.set(sequences[r], i * length + length - sequences[r].length));
  return {ids, length};
}

/** Half a batch as plain arrays (what the worker is sent), with the whole batch's size. */
export interface HalfBatch {
  ids: Int32Array;
  length: number;
  labels: Uint8Array;
  batchSize: number;
}

export interface SentimentStep extends HalfStep {
  correct: number;
}

export function createReplica(tf: TF, training: SentimentTraining): Replica {
  const model = sentimentModel(tf, training.arch, {seed: training.seed});
  // Compiled only so that the model owns its optimizer (disposeModel, setLearningRate).
  model.compile({optimizer: tf.train.adam(training.learningRate), loss: "categoricalCrossentropy"});
  return replicaOf(model);
}

/** The rows of a batch of `batchSize` reviews as a half batch. */
export function halfBatch(data: EncodedReviews, rows: readonly number[], batchSize: number): HalfBatch {
  const {ids, length} = paddedBatch(data.sequences, rows);
  return {ids, length, labels: Uint8Array.from(rows, (r) => data.labels[r]), batchSize};
}

const EPSILON = 1e-7;

/** Gradient of Σ cross-entropy over the half ÷ the whole batch's size, flattened in variable order. */
export function halfGradients(tf: TF, replica: Replica, half: HalfBatch): SentimentStep {
  const count = half.labels.length;
  let correct = 0;
  const step = gradientsOf(tf, replica, count, half.batchSize, () => {
    const x = tf.tensor2d(half.ids, [count, half.length], "int32");
    const y = tf.oneHot(tf.tensor1d(Int32Array.from(half.labels), "int32"), 2);
    return () => {
      const p = replica.model.apply(x, {training: true}) as Tensor;
      correct = tf.equal(p.argMax(-1), y.argMax(-1)).sum().dataSync()[0];
      // Categorical cross-entropy of the softmax, clipped as Keras does.
      return y
        .mul(p.clipByValue(EPSILON, 1 - EPSILON).log())
        .sum()
        .neg()
        .div(half.batchSize) as Scalar;
    };
  });
  return {...step, correct};
}

/** The sentiment networks' parts of the replica protocol, on either thread. */
export function sentimentParts(tf: TF): ReplicaParts<SentimentTraining, HalfBatch, Replica, SentimentStep> {
  return {
    create: (training) => createReplica(tf, training),
    gradients: (replica, half) => halfGradients(tf, replica, half),
    transfer: (half) => [half.ids.buffer as ArrayBuffer]
  };
}

/** Positive probabilities of padded rows (batch of one block). */
export function scoreBlock(tf: TF, model: LayersModel, ids: Int32Array, length: number): Float32Array {
  const rows = ids.length / length;
  return tf.tidy(() => {
    const p = model.predict(tf.tensor2d(ids, [rows, length], "int32")) as Tensor;
    return p.slice([0, 1], [rows, 1]).dataSync() as Float32Array;
  });
}

/**
 * Positive scores of every review, both threads scoring alternate blocks of similar length
 * (sorted, so little padding). Returned in the reviews' order.
 */
export async function predictScores(
  tf: TF,
  model: LayersModel,
  data: EncodedReviews,
  peer: Peer | null,
  {block = 256} = {}
): Promise<Float32Array> {
  const order = Array.from({length: data.labels.length}, (_, i) => i).sort(
    (a, b) => data.sequences[a].length - data.sequences[b].length || a - b
  );
  const scores = new Float32Array(order.length);
  const blocks: number[][] = [];
  for (let start = 0; start < order.length; start += block) blocks.push(order.slice(start, start + block));
  const theirs: number[][] = [];
  blocks.forEach((rows, b) => {
    const {ids, length} = paddedBatch(data.sequences, rows);
    if (peer && b % 2 === 1) {
      theirs.push(rows);
      peer.send({type: "predict", ids, length}, [ids.buffer as ArrayBuffer]);
    } else {
      const p = scoreBlock(tf, model, ids, length);
      rows.forEach((r, i) => (scores[r] = p[i]));
    }
  });
  for (const rows of theirs) {
    const {values} = await peer!.next<{values: Float32Array}>("scores");
    rows.forEach((r, i) => (scores[r] = values[i]));
  }
  return scores;
}

export function accuracyOf(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if ((scores[i] >= 0.5 ? 1 : 0) === labels[i]) correct++;
  return labels.length ? correct / labels.length : NaN;
}

/**
 * Train on `train`, checking `validation` after every epoch. With `peer` the worker trains the
 * second half of every batch. The caller disposes the returned model.
 */
export async function trainSentiment(
  tf: TF,
  training: SentimentTraining,
  train: EncodedReviews,
  validation: EncodedReviews,
  peer: Peer | null,
  log: (line: string) => void = () => {}
): Promise<{model: LayersModel; epochs: EpochRecord[]; keptEpoch: number; seconds: number; cpuSeconds: number}> {
  const cpuStart = process.cpuUsage();
  const pair = replicaPair(tf, sentimentParts(tf), training, peer);
  const {replica} = pair;
  const random = seededRandom(training.seed);
  const lengths = train.sequences.map((s) => s.length);
  const dropRandom = seededRandom(training.seed + 7);
  const epochs: EpochRecord[] = [];
  let best: {epoch: number; accuracy: number; values: Float32Array} | null = null;
  try {
    for (let epoch = 0; epoch < training.epochs; epoch++) {
      const learningRate = training.learningRate * training.learningRateDecay ** epoch;
      pair.setLearningRate(learningRate);
      let lossSum = 0;
      let correct = 0;
      const started = performance.now();
      const batches = lengthBatches(lengths, training.batchSize, random);
      const seen = training.wordDropout ? dropWords(train, training.wordDropout, dropRandom) : train;
      for (const rows of batches) {
        const [mineRows, theirRows] = halves(rows);
        const theirHalf = halfBatch(seen, theirRows, rows.length);
        const [mine, theirs] = await pair.step(halfBatch(seen, mineRows, rows.length), theirHalf);
        lossSum += mine.lossSum + theirs.lossSum;
        correct += mine.correct + theirs.correct;
      }
      const seconds = (performance.now() - started) / 1000;
      const validationAccuracy = validation.labels.length
        ? accuracyOf(await predictScores(tf, replica.model, validation, peer), validation.labels)
        : NaN;
      const record: EpochRecord = {
        epoch: epoch + 1,
        learningRate,
        loss: lossSum / train.labels.length,
        accuracy: correct / train.labels.length,
        validationAccuracy,
        seconds
      };
      epochs.push(record);
      log(
        `  epoch ${record.epoch}/${training.epochs}: loss ${record.loss.toFixed(4)}, training accuracy ${(100 * record.accuracy).toFixed(2)}%, validation ${(100 * validationAccuracy).toFixed(2)}% (${seconds.toFixed(1)} s)`
      );
      if (training.keepBest && !(best && best.accuracy >= validationAccuracy))
        best = {epoch: record.epoch, accuracy: validationAccuracy, values: variableValues(replica)};
    }
    let keptEpoch = epochs.length;
    if (best) {
      pair.setValues(best.values);
      keptEpoch = best.epoch;
      log(`  kept epoch ${keptEpoch} (best validation accuracy, ${(100 * best.accuracy).toFixed(2)}%)`);
    }
    const cpu = process.cpuUsage(cpuStart);
    return {
      model: replica.model,
      epochs,
      keptEpoch,
      seconds: epochs.reduce((s, e) => s + e.seconds, 0),
      cpuSeconds: (cpu.user + cpu.system) / 1e6
    };
  } catch (error) {
    disposeModel(replica.model);
    throw error;
  }
}

/**
 * The reviews with each word replaced by the unknown word with probability `rate` (padding is
 * added later, so every id here is a word). Draws one number per word, in review order.
 */
export function dropWords(data: EncodedReviews, rate: number, random: () => number): EncodedReviews {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`word dropout must be at least 0 and below 1 (got ${rate})`);
  return {
    labels: data.labels,
    sequences: data.sequences.map((ids) => ids.map((id) => (random() < rate ? OOV_ID : id)))
  };
}

/** What the worker is sent besides the protocol's messages: a block of reviews to score. */
export interface PredictMessage {
  type: "predict";
  ids: Int32Array;
  length: number;
}

/** A message to the worker: what the main thread sends, in order. */
export type WorkerMessage = ReplicaMessage<SentimentTraining, HalfBatch> | PredictMessage;

/** The worker's side: the protocol's replica, which also scores blocks for predictScores. */
export function serveSentimentReplica(
  tf: TF,
  post: (message: unknown, transfer?: ArrayBuffer[]) => void,
  next: () => Promise<WorkerMessage>
): Promise<never> {
  return serveReplica(tf, sentimentParts(tf), post, next, (message: PredictMessage, replica) => {
    if (!replica) throw new Error("the worker was sent work before its network");
    const values = scoreBlock(tf, replica.model, message.ids, message.length);
    post({type: "scores", values}, [values.buffer as ArrayBuffer]);
  });
}

/** The replica worker (sentiment-worker.ts) on the other core, with its own wasm instance. */
export function startSentimentWorker(): Peer & {stop: () => Promise<void>} {
  return startTsWorker(new URL("./sentiment-worker.ts", import.meta.url), null);
}
