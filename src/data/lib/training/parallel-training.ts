// Synchronous data-parallel training for the model loaders: tfjs's wasm backend uses one core,
// the build machine has two. Every step's batch is split in two halves and shared through the
// replica protocol (replica-protocol.ts): each thread computes the gradient of its half's summed
// loss (divided by the whole batch size), the main thread adds the two and both threads apply
// the same sum with their own, identical optimizer, so the two copies stay bit-for-bit equal.
// Each thread draws its half's dropout masks from its own seeded stream (the half says which).
//
// With one thread the main thread computes both halves itself, in the same order and with the
// same dropout seeds, so the results do not depend on the number of threads. They differ in the
// last digits from trainClassifier (the pages' single-batch loop), which sums in another order.
import type {LayersModel, Scalar, Tensor} from "@tensorflow/tfjs";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {buildClassifier, type TrainableSpec} from "../../../lib/training/build-model.js";
import {learningRateAt, validateTraining, type EpochLog} from "../../../lib/training/train.js";
import type {TF} from "../../../lib/core/tf-types.js";
import {
  gradientsOf,
  halves,
  replicaOf,
  replicaPair,
  type HalfStep,
  type Peer,
  type Replica,
  type ReplicaMessage,
  type ReplicaParts
} from "./replica-protocol.js";

export const RANKS = 2;
const EPSILON = 1e-7;

export interface ClassifierReplica extends Replica {
  /** The training set this replica's halves index (the same rows on both threads). */
  set: TrainingSet;
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

/** Half a batch: rows of the training set, of a batch of `batchSize`, with rank `rank`'s dropout. */
export interface ClassifierHalf {
  rank: number;
  rows: number[];
  batchSize: number;
}

export interface ClassifierStep extends HalfStep {
  correct: number;
}

/** The model of `spec`, built and compiled with its seeds, as a replica over `set`. */
export function createReplica(tf: TF, spec: TrainableSpec, set: TrainingSet): ClassifierReplica {
  const model = buildClassifier(tf, spec);
  const dropouts = model.layers.filter((l) => l.getClassName() === "Dropout") as unknown as {seed?: number}[];
  return {
    ...replicaOf(model),
    set,
    dropouts,
    initialSeeds: dropouts.map((layer) => layer.seed),
    dropoutRandom: Array.from({length: RANKS}, (_, rank) => seededRandom((spec.training.seed * 7919 + 0x9e3779b9 + rank * 104729) >>> 0))
  };
}

/** The classifiers' parts of the replica protocol; `setFor` gives this thread's training set for a spec. */
export function classifierParts(
  tf: TF,
  setFor: (spec: TrainableSpec) => TrainingSet
): ReplicaParts<TrainableSpec, ClassifierHalf, ClassifierReplica, ClassifierStep> {
  return {
    create: (spec) => createReplica(tf, spec, setFor(spec)),
    gradients: (replica, half) => halfGradients(tf, replica, half)
  };
}

/** The seeded batch order of every epoch: the same on both threads. */
export function* batchSchedule(
  spec: TrainableSpec,
  count: number
): Generator<{epoch: number; batch: number; rows: number[]; epochEnd: boolean}> {
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
  return ranks === 1 ? rows : halves(rows)[rank];
}

/** Rows [start, end) of the test set that rank `rank` of `ranks` evaluates. */
export function testRange(count: number, rank: number, ranks = RANKS): [number, number] {
  if (ranks === 1) return [0, count];
  const cut = Math.ceil(count / 2);
  return rank === 0 ? [0, cut] : [cut, count];
}

/** The rows as an input tensor and one-hot labels. */
export function batchTensors(tf: TF, set: TrainingSet, rows: number[]): [Tensor, Tensor] {
  const size = set.pixels.length / set.labels.length;
  const x = new Float32Array(rows.length * size);
  rows.forEach((row, i) => x.set(set.pixels.subarray(row * size, (row + 1) * size), i * size));
  const xs = tf.tensor(x, [rows.length, ...set.inputShape]);
  const ys = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Int32Array.from(rows, (row) => set.labels[row]),
        "int32"
      ),
      set.classes
    )
  );
  return [xs, ys];
}

/** Σ categorical cross-entropy of softmax outputs over the rows ÷ `batchSize`, clipped as Keras does; and how many are right. */
function batchLoss(
  tf: TF,
  replica: ClassifierReplica,
  xs: Tensor,
  ys: Tensor,
  batchSize: number,
  count: (correct: number) => void
): Scalar {
  const p = replica.model.apply(xs, {training: true}) as Tensor;
  count(tf.equal(p.argMax(-1), ys.argMax(-1)).sum().dataSync()[0]);
  return ys
    .mul(p.clipByValue(EPSILON, 1 - EPSILON).log())
    .sum()
    .neg()
    .div(batchSize) as Scalar;
}

function reseedDropout(replica: ClassifierReplica, rank: number): void {
  for (const layer of replica.dropouts) layer.seed = Math.floor(replica.dropoutRandom[rank]() * 2 ** 31);
}

/** Gradient of Σ loss over the half's rows ÷ `batchSize`, flattened in variable order. */
export function halfGradients(tf: TF, replica: ClassifierReplica, {rank, rows, batchSize}: ClassifierHalf): ClassifierStep {
  let correct = 0;
  const step = gradientsOf(tf, replica, rows.length, batchSize, () => {
    reseedDropout(replica, rank);
    const [xs, ys] = batchTensors(tf, replica.set, rows);
    return () => batchLoss(tf, replica, xs, ys, batchSize, (n) => (correct = n));
  });
  return {...step, correct};
}

/** Rank `rank`'s half of a batch. */
export function classifierHalf(rows: number[], rank: number): ClassifierHalf {
  return {rank, rows: halfOf(rows, rank), batchSize: rows.length};
}

/** A whole batch on one thread: the optimizer's own minimize, no flattening. */
export function wholeStep(tf: TF, replica: ClassifierReplica, set: TrainingSet, rows: number[]): {lossSum: number; correct: number} {
  reseedDropout(replica, 0);
  let correct = 0;
  let lossSum = 0;
  tf.tidy(() => {
    const [xs, ys] = batchTensors(tf, set, rows);
    const cost = replica.optimizer.minimize(
      () => batchLoss(tf, replica, xs, ys, rows.length, (n) => (correct = n)),
      true,
      replica.variables
    );
    lossSum = cost!.dataSync()[0] * rows.length;
  });
  if (!Number.isFinite(lossSum)) throw new Error(`training diverged: the loss is ${lossSum} (try a smaller learning rate)`);
  return {lossSum, correct};
}

async function predictRows(
  model: LayersModel,
  x: Tensor,
  [start, end]: [number, number],
  predict: (model: LayersModel, x: Tensor) => Promise<Float32Array>
): Promise<Float32Array> {
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

/** Asks the worker for its half of the test set's probabilities (answered by "probabilities"). */
export interface PredictRequest {
  type: "predict";
}

/** The messages model-worker.ts follows for trainParallel: the protocol's and PredictRequest. */
export type ClassifierMessage = ReplicaMessage<TrainableSpec, ClassifierHalf> | PredictRequest;

export interface ParallelResult {
  model: LayersModel;
  epochs: EpochLog[];
  /** Test-set probabilities after the last epoch. */
  probabilities: Float32Array;
  testSeconds: number;
}

/**
 * Train `spec` on the main thread. With `ranks` 2 every batch is split in two halves: `peer` (a
 * worker serving classifierParts, model-worker.ts) trains the second, or with `peer` null the main
 * thread computes both. With `ranks` 1 (small models, where splitting costs more than it saves)
 * the main thread trains whole batches. `evaluate` scores the test probabilities after each
 * epoch. The caller disposes the returned model.
 */
export async function trainParallel(
  tf: TF,
  spec: TrainableSpec,
  set: TrainingSet,
  xTest: Tensor,
  peer: Peer | null,
  ranks: 1 | 2,
  {
    evaluate,
    onEpoch,
    predict
  }: {
    evaluate: (probabilities: Float32Array) => {loss: number; accuracy: number};
    onEpoch?: (log: EpochLog) => void;
    predict: (model: LayersModel, x: Tensor) => Promise<Float32Array>;
  }
): Promise<ParallelResult> {
  if (ranks === 1) peer = null;
  const pair = replicaPair(
    tf,
    classifierParts(tf, () => set),
    spec,
    peer
  );
  const {replica} = pair;
  const count = set.labels.length;
  const testCount = xTest.shape[0];
  const epochs: EpochLog[] = [];
  let lossSum = 0;
  let correct = 0;
  let seconds = 0;
  let probabilities = new Float32Array(0);
  let testSeconds = 0;
  try {
    for (const {epoch, batch, rows, epochEnd} of batchSchedule(spec, count)) {
      if (batch === 0) {
        pair.setLearningRate(learningRateAt(spec.training, epoch));
        lossSum = 0;
        correct = 0;
        seconds = 0;
      }
      const start = performance.now();
      const [mine, theirs] =
        ranks === 1
          ? [wholeStep(tf, replica, set, rows), {lossSum: 0, correct: 0}]
          : await pair.step(classifierHalf(rows, 0), classifierHalf(rows, 1));
      lossSum += mine.lossSum + theirs.lossSum;
      correct += mine.correct + theirs.correct;
      seconds += (performance.now() - start) / 1000;
      if (!epochEnd) continue;
      const testStart = performance.now();
      peer?.send({type: "predict"} satisfies ClassifierMessage);
      const head = await predictRows(replica.model, xTest, testRange(testCount, 0, ranks), predict);
      const tail =
        ranks === 1
          ? new Float32Array(0)
          : peer
            ? (await peer.next<{values: Float32Array}>("probabilities")).values
            : await predictRows(replica.model, xTest, testRange(testCount, 1), predict);
      probabilities = new Float32Array(head.length + tail.length);
      probabilities.set(head);
      probabilities.set(tail, head.length);
      testSeconds = (performance.now() - testStart) / 1000;
      const log: EpochLog = {
        epoch: epoch + 1,
        loss: lossSum / count,
        accuracy: correct / count,
        learningRate: learningRateAt(spec.training, epoch),
        seconds,
        test: evaluate(probabilities)
      };
      epochs.push(log);
      onEpoch?.(log);
    }
    // The per-batch seeds were for training; the saved model keeps the description's.
    replica.dropouts.forEach((layer, i) => (layer.seed = replica.initialSeeds[i]));
    return {model: replica.model, epochs, probabilities, testSeconds};
  } catch (error) {
    replica.model.dispose();
    throw error;
  }
}

/** The worker's answer to "predict": probabilities of the second half of the test set (`xTest` flat, one row per image). */
export async function predictSecondHalf(
  replica: ClassifierReplica,
  xTest: Tensor,
  predict: (model: LayersModel, x: Tensor) => Promise<Float32Array>
): Promise<Float32Array> {
  const x = xTest.reshape([xTest.shape[0], ...replica.set.inputShape]);
  try {
    return await predictRows(replica.model, x, testRange(xTest.shape[0], 1), predict);
  } finally {
    x.dispose();
  }
}
