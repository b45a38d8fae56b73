// Training a classifier while a page watches: trainClassifier's loop, with the running training
// loss and accuracy and a validation check every so often turned into curve points, and a
// callback the page redraws from. The page owns the model (builds, disposes); this only trains.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import {classificationMetrics, type ClassificationMetrics} from "./metrics.js";
import {predictProbabilities, trainClassifier, type EpochLog, type TrainingConfig} from "./train.js";

export interface LivePoint {
  /** Training images seen so far (counting repeats across epochs). */
  seen: number;
  split: "training" | "validation";
  loss: number;
  accuracy: number;
}

export interface LiveState {
  points: LivePoint[];
  seen: number;
  /** Batches done, and how many the whole run has. */
  batches: number;
  totalBatches: number;
  /** Seconds spent in training steps (validation and drawing not counted). */
  seconds: number;
  epochs: EpochLog[];
}

export interface LiveOptions {
  /** Validation checks per epoch (and one after the first batch). */
  checksPerEpoch?: number;
  /** Training-curve points per epoch (each the mean over the batches since the last one). */
  pointsPerEpoch?: number;
  shouldStop?: () => boolean;
  /** Called after every batch; the page redraws (and should await a frame, so the tab stays responsive). */
  onUpdate?: (state: LiveState, info: {validated: boolean}) => void | Promise<void>;
}

/** Loss and accuracy of `model` on a whole labelled set, as plain numbers. */
export function evaluateClassifier(tf: TF, model: LayersModel, x: Tensor, y: Tensor, batchSize = 250): {loss: number; accuracy: number} {
  return tf.tidy(() => {
    const [loss, accuracy] = model.evaluate(x, y, {batchSize}) as Tensor[];
    return {loss: loss.dataSync()[0], accuracy: accuracy.dataSync()[0]};
  });
}

/**
 * Train `model` (compiled) on x/y with `config`, reporting curve points as it goes. Returns the
 * final state, and whether it was stopped early (the model keeps what it learned either way).
 */
export async function trainLive(
  tf: TF,
  model: LayersModel,
  data: {x: Tensor; y: Tensor; xValidation: Tensor; yValidation: Tensor},
  config: TrainingConfig,
  {checksPerEpoch = 10, pointsPerEpoch = 40, shouldStop, onUpdate}: LiveOptions = {}
): Promise<LiveState & {stopped: boolean}> {
  const count = data.x.shape[0];
  const perEpoch = Math.ceil(count / config.batchSize);
  const state: LiveState = {points: [], seen: 0, batches: 0, totalBatches: perEpoch * config.epochs, seconds: 0, epochs: []};
  const checkEvery = Math.max(1, Math.round(perEpoch / checksPerEpoch));
  const pointEvery = Math.max(1, Math.round(perEpoch / pointsPerEpoch));
  let sum = {loss: 0, accuracy: 0, images: 0};
  const validate = () =>
    state.points.push({seen: state.seen, split: "validation", ...evaluateClassifier(tf, model, data.xValidation, data.yValidation)});
  validate(); // where the random weights start
  const logs = await trainClassifier(tf, model, {x: data.x, y: data.y}, config, {
    shouldStop,
    onBatch: async ({batch, batches, loss, accuracy, size, seconds}) => {
      state.seen += size;
      state.batches += 1;
      state.seconds += seconds;
      sum = {loss: sum.loss + loss * size, accuracy: sum.accuracy + accuracy * size, images: sum.images + size};
      const last = batch === batches - 1;
      if (state.batches === 1 || (batch + 1) % pointEvery === 0 || last) {
        state.points.push({seen: state.seen, split: "training", loss: sum.loss / sum.images, accuracy: sum.accuracy / sum.images});
        sum = {loss: 0, accuracy: 0, images: 0};
      }
      const validated = state.batches === 1 || (batch + 1) % checkEvery === 0 || last;
      if (validated) validate();
      await onUpdate?.(state, {validated});
    },
    onEpoch: (log) => void state.epochs.push(log)
  });
  state.epochs = logs;
  return {...state, stopped: state.batches < state.totalBatches};
}

/** Test metrics of the model on `x` (accuracy, loss, confusion, …), with progress as it goes. */
export async function testClassifier(
  tf: TF,
  model: LayersModel,
  x: Tensor,
  labels: ArrayLike<number>,
  onProgress?: (done: number, count: number) => void | Promise<void>
): Promise<ClassificationMetrics> {
  const probabilities = await predictProbabilities(tf, model, x, 500, onProgress);
  return classificationMetrics(labels, probabilities, probabilities.length / labels.length);
}
