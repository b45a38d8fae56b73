// Synchronous data-parallel training for the model loaders: tfjs's wasm backend uses one core,
// the build machine has two. Every step's batch is split in two halves; each thread computes
// the gradient of its half's summed loss (divided by the whole batch size), the main thread adds
// the two gradients (its own first) and both threads apply the same sum with their own, identical
// optimizer, so the two copies of the model stay bit-for-bit equal.
//
// With one thread the main thread computes both halves itself, in the same order and with the
// same dropout seeds, so the results do not depend on the number of threads. They differ in the
// last digits from trainClassifier (the pages' single-batch loop), which sums in another order.
import type {LayersModel, NamedTensorMap, Optimizer, Scalar, Tensor, Variable} from "@tensorflow/tfjs";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {buildClassifier, type TrainableSpec} from "../../../lib/training/build-model.js";
import {learningRateAt, setLearningRate, validateTraining, type EpochLog} from "../../../lib/training/train.js";
import type {TF} from "../../../lib/core/tf-types.js";

export const RANKS = 2;
const EPSILON = 1e-7;

export interface Replica {
  model: LayersModel;
  variables: Variable[];
  optimizer: Optimizer;
  /** Total number of trainable values, the length of a flat gradient. */
  size: number;
  dropouts: {seed?: number}[];
  initialSeeds: (number | undefined)[];
  /** One dropout seed stream per rank, so each half of a batch gets its own masks. */
  dropoutRandom: (() => number)[];
}

/** The training images as plain floats (batches are copied out in JavaScript: cheaper than tf.gather). */
export interface TrainingSet {
  /** count × values per example, 0–1. */
  pixels: Float32Array;
  labels: Uint8Array;
  /** Shape of one example for the model, e.g. [28, 28, 1] or [784]. */
  inputShape: number[];
  classes: number;
}

export interface HalfStep {
  grads: Float32Array;
  lossSum: number;
  correct: number;
}

/** The model of `spec`, built and compiled with its seeds, as a replica. */
export function createReplica(tf: TF, spec: TrainableSpec): Replica {
  const model = buildClassifier(tf, spec);
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const dropouts = model.layers.filter((l) => l.getClassName() === "Dropout") as unknown as {seed?: number}[];
  return {
    model,
    variables,
    optimizer: model.optimizer,
    size: variables.reduce((n, v) => n + v.size, 0),
    dropouts,
    initialSeeds: dropouts.map((layer) => layer.seed),
    dropoutRandom: Array.from({length: RANKS}, (_, rank) => seededRandom((spec.training.seed * 7919 + 0x9e3779b9 + rank * 104729) >>> 0))
  };
}

/** The seeded batch order of every epoch: the same on both threads. */
export function* batchSchedule(spec: TrainableSpec, count: number): Generator<{epoch: number; batch: number; rows: number[]; epochEnd: boolean}> {
  const valid = validateTraining(spec.training);
  if (!valid.ok) throw new RangeError(valid.message);
  const {epochs, batchSize, seed} = spec.training;
  const random = seededRandom(seed);
  const order = Array.from({length: count}, (_, i) => i);
  const batches = Math.ceil(count / batchSize);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let batch = 0; batch < batches; batch++) {
      yield {epoch, batch, rows: order.slice(batch * batchSize, (batch + 1) * batchSize), epochEnd: batch === batches - 1};
    }
  }
}

/** The rows of a batch that rank `rank` of `ranks` trains on: the first half (rounded up) for rank 0 of 2. */
export function halfOf(rows: number[], rank: number, ranks = RANKS): number[] {
  if (ranks === 1) return rows;
  const cut = Math.ceil(rows.length / 2);
  return rank === 0 ? rows.slice(0, cut) : rows.slice(cut);
}

/** Rows [start, end) of the test set that rank `rank` of `ranks` evaluates. */
export function testRange(count: number, rank: number, ranks = RANKS): [number, number] {
  if (ranks === 1) return [0, count];
  const cut = Math.ceil(count / 2);
  return rank === 0 ? [0, cut] : [cut, count];
}

export function prepareEpoch(replica: Replica, spec: TrainableSpec, epoch: number): number {
  const rate = learningRateAt(spec.training, epoch);
  setLearningRate(replica.model, rate);
  return rate;
}

/** The rows as an input tensor and one-hot labels. */
export function batchTensors(tf: TF, set: TrainingSet, rows: number[]): [Tensor, Tensor] {
  const size = set.pixels.length / set.labels.length;
  const x = new Float32Array(rows.length * size);
  rows.forEach((row, i) => x.set(set.pixels.subarray(row * size, (row + 1) * size), i * size));
  const xs = tf.tensor(x, [rows.length, ...set.inputShape]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(rows, (row) => set.labels[row]), "int32"), set.classes));
  return [xs, ys];
}

/** Σ categorical cross-entropy of softmax outputs over the rows ÷ `batchSize`, clipped as Keras does; and how many are right. */
function batchLoss(tf: TF, replica: Replica, xs: Tensor, ys: Tensor, batchSize: number, count: (correct: number) => void): Scalar {
  const p = replica.model.apply(xs, {training: true}) as Tensor;
  count(tf.equal(p.argMax(-1), ys.argMax(-1)).sum().dataSync()[0]);
  return ys.mul(p.clipByValue(EPSILON, 1 - EPSILON).log()).sum().neg().div(batchSize) as Scalar;
}

function reseedDropout(replica: Replica, rank: number): void {
  for (const layer of replica.dropouts) layer.seed = Math.floor(replica.dropoutRandom[rank]() * 2 ** 31);
}

/** Gradient of Σ loss over `rows` ÷ `batchSize`, flattened in variable order. */
export function halfGradients(tf: TF, replica: Replica, rank: number, set: TrainingSet, rows: number[], batchSize: number): HalfStep {
  const grads = new Float32Array(replica.size);
  if (rows.length === 0) return {grads, lossSum: 0, correct: 0};
  reseedDropout(replica, rank);
  let correct = 0;
  let lossSum = 0;
  tf.tidy(() => {
    const [xs, ys] = batchTensors(tf, set, rows);
    const {value, grads: named} = tf.variableGrads(() => batchLoss(tf, replica, xs, ys, batchSize, (n) => (correct = n)), replica.variables);
    lossSum = value.dataSync()[0] * batchSize;
    flattenGradients(named, replica.variables, grads);
  });
  checkFiniteLoss(lossSum);
  return {grads, lossSum, correct};
}

/** A whole batch on one thread: the optimizer's own minimize, no flattening. */
export function wholeStep(tf: TF, replica: Replica, set: TrainingSet, rows: number[]): {lossSum: number; correct: number} {
  reseedDropout(replica, 0);
  let correct = 0;
  let lossSum = 0;
  tf.tidy(() => {
    const [xs, ys] = batchTensors(tf, set, rows);
    const cost = replica.optimizer.minimize(() => batchLoss(tf, replica, xs, ys, rows.length, (n) => (correct = n)), true, replica.variables);
    lossSum = cost!.dataSync()[0] * rows.length;
  });
  if (!Number.isFinite(lossSum)) throw new Error(`training diverged: the loss is ${lossSum} (try a smaller learning rate)`);
  return {lossSum, correct};
}

/** Add `b` into `a` (float32, in JavaScript: the same rounding on every thread). */
export function addInto(a: Float32Array, b: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
  return a;
}

/** A model's trainable variables and the optimizer that updates them (any replica). */
export type GradientTarget = Pick<Replica, "variables" | "optimizer">;

/** Named gradients, flattened in variable order into `into` (the peer exchange format). */
export function flattenGradients(named: NamedTensorMap, variables: Variable[], into: Float32Array): void {
  let offset = 0;
  for (const v of variables) {
    into.set(named[v.name].dataSync(), offset);
    offset += v.size;
  }
}

/** Stop when a loss stops being a number, naming the usual cure. */
export function checkFiniteLoss(lossSum: number): void {
  if (!Number.isFinite(lossSum)) throw new Error(`training diverged: the loss is ${lossSum} (try a smaller learning rate)`);
}

export function applyGradients(tf: TF, replica: GradientTarget, flat: Float32Array): void {
  tf.tidy(() => {
    const named: NamedTensorMap = {};
    let offset = 0;
    for (const v of replica.variables) {
      named[v.name] = tf.tensor(flat.subarray(offset, offset + v.size), v.shape);
      offset += v.size;
    }
    replica.optimizer.applyGradients(named);
  });
}

async function predictRows(model: LayersModel, x: Tensor, [start, end]: [number, number], predict: (model: LayersModel, x: Tensor) => Promise<Float32Array>): Promise<Float32Array> {
  const rows = x.slice(start, end - start);
  try {
    return await predict(model, rows);
  } finally {
    rows.dispose();
  }
}

/** The shape of one input of a spec's model, without the batch axis. */
export function inputShapeOf(spec: TrainableSpec): number[] {
  return spec.id === "cnn" ? [...spec.description.input] : [spec.description.inputSize];
}

/**
 * Messages from a port, by type: next(type) resolves with the next message of that type, in
 * order of arrival; fail(error) rejects every present and future wait.
 */
export function messageQueue(): {push: (message: {type: string}) => void; next: <T>(type: string) => Promise<T>; fail: (error: Error) => void} {
  const queued = new Map<string, unknown[]>();
  const waiting = new Map<string, {resolve: (value: unknown) => void; reject: (error: Error) => void}[]>();
  let failure: Error | null = null;
  return {
    push(message) {
      const waiter = waiting.get(message.type)?.shift();
      if (waiter) waiter.resolve(message);
      else queued.set(message.type, [...(queued.get(message.type) ?? []), message]);
    },
    next<T>(type: string) {
      if (failure) return Promise.reject(failure);
      const ready = queued.get(type);
      if (ready?.length) return Promise.resolve(ready.shift() as T);
      return new Promise<T>((resolve, reject) => waiting.set(type, [...(waiting.get(type) ?? []), {resolve: resolve as (value: unknown) => void, reject}]));
    },
    fail(error) {
      failure = error;
      for (const list of waiting.values()) for (const waiter of list.splice(0)) waiter.reject(error);
    }
  };
}

/** The other thread, as the main thread sees it. */
export interface Peer {
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  /** The next message of this type (messages of one type arrive in order). */
  next<T>(type: string): Promise<T>;
}

export interface ParallelResult {
  model: LayersModel;
  epochs: EpochLog[];
  /** Test-set probabilities after the last epoch. */
  probabilities: Float32Array;
  testSeconds: number;
}

/**
 * Train `spec` on the main thread. With `ranks` 2 every batch is split in two halves: `peer` (a
 * worker running `replicaLoop`) trains the second, or with `peer` null the main thread computes
 * both. With `ranks` 1 (small models, where splitting costs more than it saves) the main thread
 * trains whole batches. `evaluate` scores the test probabilities after each epoch. The caller
 * disposes the returned model.
 */
export async function trainParallel(
  tf: TF,
  spec: TrainableSpec,
  set: TrainingSet,
  xTest: Tensor,
  peer: Peer | null,
  ranks: 1 | 2,
  {evaluate, onEpoch, predict}: {
    evaluate: (probabilities: Float32Array) => {loss: number; accuracy: number};
    onEpoch?: (log: EpochLog) => void;
    predict: (model: LayersModel, x: Tensor) => Promise<Float32Array>;
  }
): Promise<ParallelResult> {
  if (ranks === 1) peer = null;
  const replica = createReplica(tf, spec);
  const count = set.labels.length;
  const testCount = xTest.shape[0];
  peer?.send({type: "train", spec});
  const epochs: EpochLog[] = [];
  let lossSum = 0;
  let correct = 0;
  let seconds = 0;
  let probabilities = new Float32Array(0);
  let testSeconds = 0;
  try {
    for (const {epoch, batch, rows, epochEnd} of batchSchedule(spec, count)) {
      if (batch === 0) prepareEpoch(replica, spec, epoch), (lossSum = 0), (correct = 0), (seconds = 0);
      const start = performance.now();
      if (ranks === 1) {
        const step = wholeStep(tf, replica, set, rows);
        lossSum += step.lossSum;
        correct += step.correct;
      } else {
        const mine = halfGradients(tf, replica, 0, set, halfOf(rows, 0), rows.length);
        const theirs = peer ? await peer.next<HalfStep>("grads") : halfGradients(tf, replica, 1, set, halfOf(rows, 1), rows.length);
        const sum = addInto(mine.grads, theirs.grads);
        if (peer) peer.send({type: "sum", grads: sum});
        applyGradients(tf, replica, sum);
        lossSum += mine.lossSum + theirs.lossSum;
        correct += mine.correct + theirs.correct;
      }
      seconds += (performance.now() - start) / 1000;
      if (!epochEnd) continue;
      const testStart = performance.now();
      const head = await predictRows(replica.model, xTest, testRange(testCount, 0, ranks), predict);
      const tail = ranks === 1 ? new Float32Array(0) : peer ? (await peer.next<{values: Float32Array}>("probabilities")).values : await predictRows(replica.model, xTest, testRange(testCount, 1), predict);
      probabilities = new Float32Array(head.length + tail.length);
      probabilities.set(head);
      probabilities.set(tail, head.length);
      testSeconds = (performance.now() - testStart) / 1000;
      const log: EpochLog = {epoch: epoch + 1, loss: lossSum / count, accuracy: correct / count, learningRate: learningRateAt(spec.training, epoch), seconds, test: evaluate(probabilities)};
      epochs.push(log);
      onEpoch?.(log);
    }
    if (peer) await peer.next("trained");
    // The per-batch seeds were for training; the saved model keeps the description's.
    replica.dropouts.forEach((layer, i) => (layer.seed = replica.initialSeeds[i]));
    return {model: replica.model, epochs, probabilities, testSeconds};
  } catch (error) {
    replica.model.dispose();
    throw error;
  }
}

/**
 * The worker's side of trainParallel: the same schedule, the other half of every batch and of
 * the test set. `post` sends to the main thread; `next` waits for its messages.
 */
export async function replicaLoop(
  tf: TF,
  spec: TrainableSpec,
  set: TrainingSet,
  xTest: Tensor,
  post: (message: unknown, transfer?: ArrayBuffer[]) => void,
  next: <T>(type: string) => Promise<T>,
  predict: (model: LayersModel, x: Tensor) => Promise<Float32Array>
): Promise<void> {
  const replica = createReplica(tf, spec);
  const count = set.labels.length;
  try {
    for (const {epoch, batch, rows, epochEnd} of batchSchedule(spec, count)) {
      if (batch === 0) prepareEpoch(replica, spec, epoch);
      const half = halfGradients(tf, replica, 1, set, halfOf(rows, 1), rows.length);
      post({type: "grads", ...half}, [half.grads.buffer as ArrayBuffer]);
      const {grads} = await next<{grads: Float32Array}>("sum");
      applyGradients(tf, replica, grads);
      if (epochEnd) {
        const probabilities = await predictRows(replica.model, xTest, testRange(xTest.shape[0], 1), predict);
        post({type: "probabilities", values: probabilities}, [probabilities.buffer as ArrayBuffer]);
      }
    }
    post({type: "trained"});
  } finally {
    replica.model.dispose();
    replica.optimizer.dispose();
  }
}
