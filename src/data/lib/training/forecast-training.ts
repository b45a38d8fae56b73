// Training the forecasting RNN on one series at build time, and scoring it on the held-out
// period beside the two baselines (naive: tomorrow = today; a linear autoregression on the same
// window). Only training days shape the model: the scaling, the windows and the AR fit all stop
// at the split.
import type {LayersModel} from "@tensorflow/tfjs";
import {testForecasts} from "../../../lib/rnn/forecast-evaluation.js";
import {forecastRnn} from "../../../lib/models/forecast-model.js";
import {
  firstUsable,
  scaled,
  trainingScaling,
  trainingWindows,
  transformed,
  type ErrorRow,
  type ForecastSeries,
  type Scaling
} from "../../../lib/rnn/forecast-series.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {unwrap} from "../../../lib/core/result.js";
import type {TF} from "../../../lib/core/tf-types.js";

export interface TrainingConfig {
  /** Days per training window (each step predicts the next day). */
  window: number;
  /** Days between the starts of consecutive training windows. */
  stride: number;
  units: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Quick mode: a few seconds of training, for tests; the page says so. */
  quick: boolean;
}

export const FULL_CONFIG: Record<string, Omit<TrainingConfig, "quick">> = {
  sp500: {window: 60, stride: 2, units: 16, epochs: 12, batchSize: 64, learningRate: 0.003, seed: 6},
  seattle: {window: 60, stride: 1, units: 16, epochs: 30, batchSize: 64, learningRate: 0.003, seed: 6}
};

/** Quick mode: one short epoch on a few windows. */
export function quickConfig(config: Omit<TrainingConfig, "quick">): TrainingConfig {
  return {...config, epochs: 1, quick: true};
}

export interface ForecasterMeta {
  id: string;
  cell: "SimpleRNN";
  activation: "tanh";
  config: TrainingConfig;
  scaling: Scaling;
  split: {trainFrom: string; trainTo: string; testFrom: string; testTo: string; trainDays: number; testDays: number};
  trainingWindows: number;
  /** Mean squared error on the training windows (scaled units), after each epoch. */
  lossHistory: number[];
  trainingSeconds: number;
  /** Held-out errors with the training window length as N, in the series' unit. */
  test: {window: number; rows: ErrorRow[]};
}

/** Trains the RNN on the training days of `series`; returns the model and what the page shows of it. */
export async function trainForecaster(
  tf: TF,
  series: ForecastSeries,
  config: TrainingConfig
): Promise<{model: LayersModel; meta: ForecasterMeta}> {
  const from = firstUsable(series.kind);
  const t = transformed(series);
  const scaling = trainingScaling(t, from, series.testStart);
  const z = scaled(t, scaling);
  const windows = trainingWindows(z, from, series.testStart, config.window, config.stride);
  const count = config.quick ? Math.min(windows.count, 128) : windows.count;
  const model = forecastRnn(tf, {units: config.units, seed: config.seed, learningRate: config.learningRate});

  const random = seededRandom(config.seed);
  const lossHistory: number[] = [];
  const started = performance.now();
  const order = Array.from({length: windows.count}, (_, i) => i);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    // A seeded shuffle per epoch (model.fit's own shuffle uses Math.random).
    const picked = shuffleInPlace(order, random).slice(0, count);
    const xs = new Float32Array(count * config.window);
    const ys = new Float32Array(count * config.window);
    picked.forEach((w, k) => {
      xs.set(windows.inputs.subarray(w * config.window, (w + 1) * config.window), k * config.window);
      ys.set(windows.targets.subarray(w * config.window, (w + 1) * config.window), k * config.window);
    });
    const x = tf.tensor3d(xs, [count, config.window, 1]);
    const y = tf.tensor3d(ys, [count, config.window, 1]);
    const history = await model.fit(x, y, {batchSize: config.batchSize, epochs: 1, shuffle: false, verbose: 0});
    tf.dispose([x, y]);
    lossHistory.push(Number(history.history.loss[0]));
  }
  const trainingSeconds = (performance.now() - started) / 1000;

  const meta: ForecasterMeta = {
    id: series.id,
    cell: "SimpleRNN",
    activation: "tanh",
    config,
    scaling,
    split: {
      trainFrom: series.dates[0],
      trainTo: series.dates[series.testStart - 1],
      testFrom: series.dates[series.testStart],
      testTo: series.dates[series.dates.length - 1],
      trainDays: series.testStart,
      testDays: series.dates.length - series.testStart
    },
    trainingWindows: windows.count,
    lossHistory,
    trainingSeconds,
    test: {window: config.window, rows: unwrap(testForecasts(tf, model, series, scaling, config.window)).errors}
  };
  return {model, meta};
}
