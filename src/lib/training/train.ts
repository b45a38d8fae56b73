// One training loop for every classifier, in the loaders (Node) and the pages (browser).
// Shuffling uses our seeded generator (fit's shuffle: true uses Math.random), so the same seed
// gives the same batches in the same order on every run.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {seededRandom, shuffleInPlace} from "../core/random.js";
import {checkInteger, fail, ok, show, type Result} from "../core/result.js";
import type {TF} from "../core/tf-types.js";
import {clippedStep} from "./clipped-step.js";

export type OptimizerName = "adam" | "sgd";

/** How a model is trained: serialisable, shown on the pages beside the results. */
export interface TrainingConfig {
  optimizer: OptimizerName;
  learningRate: number;
  /** The learning rate is multiplied by this after every epoch (1 keeps it constant). */
  learningRateDecay: number;
  epochs: number;
  batchSize: number;
  /** Seed of the shuffle (initial weights have their own seed). */
  seed: number;
  /** When set, every step's gradient is scaled down to this global norm at most (clipped-step.ts). */
  clipNorm?: number;
}

export interface EpochLog {
  epoch: number;
  /** Mean training loss and accuracy over the epoch's batches (weighted by batch size). */
  loss: number;
  accuracy: number;
  learningRate: number;
  /** Seconds spent in training steps this epoch. */
  seconds: number;
  /** Whatever `evaluate` returned after the epoch (the test set, in the loaders). */
  test?: {loss: number; accuracy: number};
}

export const LIMITS = {epochs: 200, batchSize: 4096, learningRate: 10};

/** The config back, or a message naming the first value out of range. */
export function validateTraining(config: TrainingConfig): Result<TrainingConfig> {
  const {optimizer, learningRate, learningRateDecay, epochs, batchSize, seed} = config;
  const problem =
    (optimizer === "adam" || optimizer === "sgd" ? null : `Optimizer must be "adam" or "sgd" (got ${show(optimizer)}).`) ??
    (typeof learningRate === "number" && learningRate > 0 && learningRate <= LIMITS.learningRate
      ? null
      : `Learning rate must be above 0 and at most ${LIMITS.learningRate} (got ${show(learningRate)}).`) ??
    (typeof learningRateDecay === "number" && learningRateDecay > 0 && learningRateDecay <= 1
      ? null
      : `Learning-rate decay must be above 0 and at most 1 (got ${show(learningRateDecay)}).`) ??
    checkInteger("Epochs", epochs, 1) ??
    (epochs > LIMITS.epochs ? `Epochs must be at most ${LIMITS.epochs} (got ${epochs}).` : null) ??
    checkInteger("Batch size", batchSize, 1) ??
    (batchSize > LIMITS.batchSize ? `Batch size must be at most ${LIMITS.batchSize} (got ${batchSize}).` : null) ??
    checkInteger("Seed", seed, 0) ??
    (config.clipNorm === undefined || (typeof config.clipNorm === "number" && config.clipNorm > 0)
      ? null
      : `Gradient clipping norm must be above 0 (got ${show(config.clipNorm)}).`);
  return problem ? fail(problem) : ok(config);
}

/** Learning rate in epoch `epoch` (0-based). */
export function learningRateAt({learningRate, learningRateDecay}: TrainingConfig, epoch: number): number {
  return learningRate * learningRateDecay ** epoch;
}

/** Compile with the config's optimizer, cross-entropy (categorical unless said) and accuracy. */
export function compileClassifier(
  tf: TF,
  model: LayersModel,
  config: TrainingConfig,
  loss: "categoricalCrossentropy" | "binaryCrossentropy" = "categoricalCrossentropy"
): void {
  const optimizer = config.optimizer === "adam" ? tf.train.adam(config.learningRate) : tf.train.sgd(config.learningRate);
  model.compile({optimizer, loss, metrics: ["accuracy"]});
}

// A tfjs Dropout layer with a fixed `seed` draws the same mask on every call (the seed restarts
// the generator), which is not dropout; without one it draws from Math.random, which is not
// reproducible. So before every batch each dropout layer gets a fresh seed from our generator.
function dropoutLayers(model: LayersModel): {seed?: number}[] {
  return model.layers.filter((layer) => layer.getClassName() === "Dropout") as unknown as {seed?: number}[];
}

/** Change a compiled model's learning rate between steps. */
export function setLearningRate(model: LayersModel, rate: number): void {
  const optimizer = model.optimizer as unknown as {setLearningRate?: (rate: number) => void; learningRate: number};
  // SGD keeps its rate in a tensor it replaces in setLearningRate; Adam reads the field every step.
  if (typeof optimizer.setLearningRate === "function") optimizer.setLearningRate(rate);
  else optimizer.learningRate = rate;
}

export interface TrainOptions {
  /** Called after every epoch with the model in its current state; its result is logged as `test`. */
  evaluate?: (epoch: number) => {loss: number; accuracy: number} | Promise<{loss: number; accuracy: number}>;
  onEpoch?: (log: EpochLog) => void | Promise<void>;
  /** Called after every batch (a page can await a frame here, and show progress). */
  onBatch?: (info: {
    epoch: number;
    batch: number;
    batches: number;
    loss: number;
    accuracy: number;
    size: number;
    seconds: number;
  }) => void | Promise<void>;
  /** Checked before every batch: a page stops training when its cell is invalidated. */
  shouldStop?: () => boolean;
}

/**
 * Train a compiled model on `x` (count × ...input shape, float32) and one-hot `y`, in seeded
 * shuffled batches. Returns the log of every finished epoch.
 */
export async function trainClassifier(
  tf: TF,
  model: LayersModel,
  {x, y}: {x: Tensor; y: Tensor},
  config: TrainingConfig,
  {evaluate, onEpoch, onBatch, shouldStop}: TrainOptions = {}
): Promise<EpochLog[]> {
  const valid = validateTraining(config);
  if (!valid.ok) throw new RangeError(valid.message);
  const count = x.shape[0];
  if (y.shape[0] !== count) throw new Error(`${count} inputs but ${y.shape[0]} labels`);
  const {epochs, batchSize} = config;
  const random = seededRandom(config.seed);
  const order = Array.from({length: count}, (_, i) => i);
  const batches = Math.ceil(count / batchSize);
  const dropouts = dropoutLayers(model);
  const initialSeeds = dropouts.map((layer) => layer.seed);
  const dropoutRandom = seededRandom(config.seed + 0x9e3779b9);
  const logs: EpochLog[] = [];
  // The per-batch seeds are for training; afterwards (or when stopped) the model keeps its own.
  const restoreSeeds = () => dropouts.forEach((layer, i) => (layer.seed = initialSeeds[i]));
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const learningRate = learningRateAt(config, epoch);
      setLearningRate(model, learningRate);
      shuffleInPlace(order, random);
      let lossSum = 0;
      let accuracySum = 0;
      let seconds = 0;
      for (let b = 0; b < batches; b++) {
        if (shouldStop?.()) return logs;
        const rows = order.slice(b * batchSize, (b + 1) * batchSize);
        const [xs, ys] = tf.tidy(() => {
          const index = tf.tensor1d(rows, "int32");
          return [tf.gather(x, index), tf.gather(y, index)];
        });
        for (const layer of dropouts) layer.seed = Math.floor(dropoutRandom() * 2 ** 31);
        const start = performance.now();
        const [loss, accuracy] =
          config.clipNorm === undefined
            ? ((await model.trainOnBatch(xs, ys)) as number[])
            : await clippedStep(tf, model, xs, ys, config.clipNorm);
        const stepSeconds = (performance.now() - start) / 1000;
        seconds += stepSeconds;
        tf.dispose([xs, ys]);
        if (!Number.isFinite(loss))
          throw new Error(`training diverged in epoch ${epoch + 1}, batch ${b + 1}: the loss is ${loss} (try a smaller learning rate)`);
        lossSum += loss * rows.length;
        accuracySum += accuracy * rows.length;
        await onBatch?.({epoch, batch: b, batches, loss, accuracy, size: rows.length, seconds: stepSeconds});
      }
      const log: EpochLog = {epoch: epoch + 1, loss: lossSum / count, accuracy: accuracySum / count, learningRate, seconds};
      if (evaluate) log.test = await evaluate(epoch);
      logs.push(log);
      await onEpoch?.(log);
    }
    return logs;
  } finally {
    restoreSeeds();
  }
}

/**
 * Class probabilities for every row of `x`, in batches (count × classes, row-major). `onBatch`
 * hears how many rows are done (a page shows progress and yields a frame there).
 */
export async function predictProbabilities(
  tf: TF,
  model: LayersModel,
  x: Tensor,
  batchSize = 500,
  onBatch?: (done: number, count: number) => void | Promise<void>
): Promise<Float32Array> {
  const count = x.shape[0];
  const parts: Float32Array[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const probabilities = tf.tidy(() => model.predict(x.slice(start, Math.min(batchSize, count - start))) as Tensor);
    parts.push((await probabilities.data()) as Float32Array);
    probabilities.dispose();
    await onBatch?.(Math.min(start + batchSize, count), count);
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
