// Training an encoder–decoder at build time with teacher forcing: at every step the decoder is
// fed the true previous symbol and scored on the next one (mean −log p over the real steps).
// A plain loop with Adam rather than model.fit, because the loss needs the padding mask.
import type {LayersModel, Tensor, Variable} from "@tensorflow/tfjs";
import {sequenceCrossEntropy, teacherForcing} from "../../../lib/models/seq2seq.js";
import type {TF} from "../../../lib/core/tf-types.js";

export interface SequenceBatch {
  /** The encoder's input for the batch (disposed by the trainer after the step). */
  source: Tensor;
  /** Target symbols of each example (ids ≥ 1), without START or END. */
  sequences: number[][];
}

export interface Seq2SeqTraining {
  epochs: number;
  learningRate: number;
  /** The learning rate is multiplied by this after every epoch. */
  learningRateDecay: number;
  /** Called after every batch with the epoch, the batch index and the batch's loss. */
  onBatch?: (epoch: number, batch: number, loss: number) => void;
}

/**
 * Trains `model` ([source, decoder input] → probabilities) on the batches `batchesFor(epoch)`
 * yields; returns the mean loss of each epoch and the seconds spent.
 */
export async function trainSequenceModel(
  tf: TF,
  model: LayersModel,
  batchesFor: (epoch: number) => Iterable<SequenceBatch>,
  {epochs, learningRate, learningRateDecay, onBatch}: Seq2SeqTraining
): Promise<{lossHistory: number[]; seconds: number}> {
  const optimizer = tf.train.adam(learningRate);
  // What model.fit trains: every trainable weight of every layer, read as tf.Variables.
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const width = model.inputs[1].shape[2] as number;
  const lossHistory: number[] = [];
  const started = performance.now();
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      (optimizer as unknown as {learningRate: number}).learningRate = learningRate * learningRateDecay ** epoch;
      let sum = 0;
      let count = 0;
      let b = 0;
      for (const {source, sequences} of batchesFor(epoch)) {
        const forcing = teacherForcing(sequences, width);
        const n = sequences.length;
        const loss = tf.tidy(() => {
          const input = tf.tensor3d(forcing.input, [n, forcing.steps, width]);
          const target = tf.tensor2d(forcing.target, [n, forcing.steps], "int32");
          const mask = tf.tensor2d(forcing.mask, [n, forcing.steps]);
          const value = optimizer.minimize(
            () => sequenceCrossEntropy(tf, model.apply([source, input], {training: true}) as Tensor, target, mask) as never,
            true,
            variables
          );
          if (!value) throw new Error("the optimiser returned no loss");
          return value;
        });
        source.dispose();
        const value = loss.dataSync()[0];
        loss.dispose();
        if (!Number.isFinite(value)) throw new Error(`training diverged: the loss is ${value} at epoch ${epoch + 1}, batch ${b + 1}`);
        sum += value * n;
        count += n;
        onBatch?.(epoch, b++, value);
        // Let the event loop breathe (stderr progress) between batches.
        if (b % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      lossHistory.push(sum / Math.max(count, 1));
    }
  } finally {
    optimizer.dispose();
  }
  return {lossHistory, seconds: (performance.now() - started) / 1000};
}

/**
 * Runs `save` with tfjs's warning about the decoder's initial-state argument silenced: tfjs says
 * it cannot serialise that keyword argument, but the saved graph keeps the state as the GRU's
 * second input, and reloading gives the same model (tested).
 */
export async function quietSave<T>(save: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("non-serializable keyword arguments")) warn(...args);
  };
  try {
    return await save();
  } finally {
    console.warn = warn;
  }
}
