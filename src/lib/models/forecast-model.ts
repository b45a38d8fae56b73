// The forecasting RNN: sequence to sequence, as in the lecture's stock-price example. It reads a
// window of days and, at every step, predicts the next day's (scaled) value, so a window of N
// days yields forecasts for days 2 … N+1: the last one is "tomorrow". One SimpleRNN layer with
// returnSequences: true, then a dense read-out applied at every step. The time axis is left
// open (inputShape [null, 1]), so the trained model runs on any window length.
// Shared by the loader (Node) and the pages, so it takes `tf` from its caller.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import type {CellWeights} from "../rnn/cell-weights.js";
import {cellWeightsFromTensors, type TensorLike} from "../rnn/cell-weights.js";
import type {Matrix, Vector} from "../core/matvec.js";
import {vecMat} from "../core/matvec.js";
import {runRnn} from "../rnn/rnn-cell.js";
import type {TF} from "../core/tf-types.js";

export interface ForecastModelOptions {
  units?: number;
  seed?: number;
  learningRate?: number;
}

export function forecastRnn(tf: TF, {units = 16, seed = 1, learningRate = 0.003}: ForecastModelOptions = {}): LayersModel {
  const model = tf.sequential({
    name: "forecast_rnn",
    layers: [
      tf.layers.simpleRNN({
        name: "rnn",
        units,
        returnSequences: true,
        inputShape: [null, 1],
        kernelInitializer: tf.initializers.glorotUniform({seed}),
        recurrentInitializer: tf.initializers.orthogonal({seed: seed + 1, gain: 1})
      }),
      tf.layers.dense({name: "readout", units: 1, kernelInitializer: tf.initializers.glorotUniform({seed: seed + 2})})
    ]
  });
  model.compile({optimizer: tf.train.adam(learningRate), loss: "meanSquaredError"});
  return model;
}

/**
 * The last step's output for each of `count` windows of n days (flat, n per window): the
 * forecast of the day after each window. Batched, so memory stays bounded for long test periods.
 */
export function lastStepForecasts(
  tf: TF,
  model: LayersModel,
  windows: Float32Array,
  count: number,
  n: number,
  {batch = 512} = {}
): Float32Array {
  const out = new Float32Array(count);
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const last = tf.tidy(() => {
      const x = tf.tensor3d(windows.subarray(start * n, (start + size) * n), [size, n, 1]);
      const y = model.predict(x) as Tensor;
      return y.slice([0, n - 1, 0], [size, 1, 1]).dataSync();
    });
    out.set(last, start);
  }
  return out;
}

/** Every step's output for one window: forecasts of the days after each day in it. */
export function sequenceForecasts(tf: TF, model: LayersModel, window: ArrayLike<number>): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor3d(Float32Array.from(window), [1, window.length, 1])) as Tensor).dataSync() as Float32Array);
}

export interface ForecastWeights {
  cell: CellWeights;
  /** The dense read-out: kernel [units, 1], bias [1]. */
  readout: {kernel: Matrix; bias: Vector};
}

/** The trained weights as plain arrays, for the step-by-step cell (rnn-cell.ts). */
export function forecastWeights(model: LayersModel): ForecastWeights {
  return forecastWeightsFromTensors(model.getLayer("rnn").getWeights(), model.getLayer("readout").getWeights());
}

/** The same from the weight tensors (or anything shaped like them: see weightsFromFiles). */
export function forecastWeightsFromTensors(rnn: readonly TensorLike[], [kernel, bias]: readonly TensorLike[]): ForecastWeights {
  const k = kernel.dataSync();
  return {
    cell: cellWeightsFromTensors(rnn),
    readout: {kernel: Array.from({length: kernel.shape[0]}, (_, r) => [k[r]]), bias: Float32Array.from(bias.dataSync())}
  };
}

/**
 * The same model, one step at a time: every hidden state h_t and every output y_t = h_t·W + b.
 * This is what lets the page draw the hidden state; a test checks it against model.predict.
 */
export function forecastSteps(window: ArrayLike<number>, {cell, readout}: ForecastWeights): {h: Float32Array[]; output: Float32Array} {
  const run = runRnn(
    Array.from(window, (v) => [v]),
    cell,
    {activation: "tanh"}
  );
  const output = Float32Array.from(run.h, (h) => vecMat(h, readout.kernel)[0] + readout.bias[0]);
  return {h: run.h, output};
}
