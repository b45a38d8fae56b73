// Build-time training for the long-lag task (src/lib/rnn/recurrent-tasks.ts): for every lag,
// a SimpleRNN, an LSTM and a GRU with the same units, the same seeded initial weights' recipe,
// the same sequences in the same order, the same optimizer and the same number of steps; test
// accuracy on held-out sequences after every epoch, and the seconds each epoch took.
import {classificationMetrics} from "../../../lib/training/metrics.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {sequenceClassifier, CELL_NAMES, type CellKind} from "../../../lib/models/task-models.js";
import {compileClassifier, predictProbabilities, trainClassifier, type TrainingConfig} from "../../../lib/training/train.js";
import {longLagSet, type LongLagSet} from "../../../lib/rnn/recurrent-tasks.js";
import {seededRandom} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import type {TaskConfig} from "./task-training.js";

export const LONG_LAG_FORMAT = "workbook-long-lag";

export interface LongLagConfig extends TaskConfig {
  lags: number[];
  cells: CellKind[];
  classes: number;
  noiseSymbols: number;
}

export const FULL_LONG_LAG: LongLagConfig = {
  quick: false,
  lags: [5, 10, 20, 50, 100],
  cells: ["simpleRNN", "lstm", "gru"],
  units: 32,
  classes: 4,
  noiseSymbols: 4,
  trainCount: 3200,
  testCount: 1000,
  dataSeed: 2000,
  weightSeed: 7,
  training: {optimizer: "adam", learningRate: 0.003, learningRateDecay: 1, epochs: 6, batchSize: 64, seed: 11}
};

export interface LongLagEpoch {
  epoch: number;
  /** Mean training cross-entropy and accuracy over the epoch's batches. */
  loss: number;
  accuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** Seconds of training steps (evaluation not included). */
  seconds: number;
}

export interface LongLagRun {
  cell: CellKind;
  lag: number;
  testAccuracy: number;
  testLoss: number;
  trainingSeconds: number;
  secondsPerEpoch: number;
  epochs: LongLagEpoch[];
}

export interface LongLagMetrics {
  format: typeof LONG_LAG_FORMAT;
  version: 1;
  quick: boolean;
  note: string;
  backend: string;
  task: {lags: number[]; classes: number; noiseSymbols: number; chance: number; trainCount: number; testCount: number; dataSeed: number};
  training: TrainingConfig & {units: number; weightSeed: number; batchesPerEpoch: number};
  cells: {cell: CellKind; name: string; parameters: number; trainingSeconds: number; secondsPerEpoch: Record<string, number>}[];
  runs: LongLagRun[];
  seconds: number;
}

/** The training and test sets of one lag (different seeds, so no test sequence is trained on by design). */
export function longLagData(config: LongLagConfig, lag: number): {train: LongLagSet; test: LongLagSet} {
  const options = {lag, classes: config.classes, noiseSymbols: config.noiseSymbols};
  return {
    train: longLagSet(seededRandom(config.dataSeed + lag), {...options, count: config.trainCount}),
    test: longLagSet(seededRandom(config.dataSeed + 100_000 + lag), {...options, count: config.testCount})
  };
}

/** Train every cell on every lag; `log` gets a line per run. */
export async function trainLongLag(
  tf: TF,
  config: LongLagConfig,
  backend: string,
  log: (line: string) => void = () => {}
): Promise<LongLagMetrics> {
  const started = performance.now();
  const runs: LongLagRun[] = [];
  const parameters = new Map<CellKind, number>();
  for (const lag of config.lags) {
    const {train, test} = longLagData(config, lag);
    const shape = (set: LongLagSet) => [set.count, set.steps, set.channels] as [number, number, number];
    const x = tf.tensor3d(train.x, shape(train));
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels, "int32"), config.classes));
    const xTest = tf.tensor3d(test.x, shape(test));
    try {
      // Cells take turns within a lag, so a change in the machine's load hits them alike.
      for (const cell of config.cells) {
        const model = sequenceClassifier(tf, {
          cell,
          units: config.units,
          channels: train.channels,
          classes: config.classes,
          seed: config.weightSeed
        });
        try {
          parameters.set(cell, model.countParams());
          compileClassifier(tf, model, config.training);
          const evaluate = async () => {
            const m = classificationMetrics(test.labels, await predictProbabilities(tf, model, xTest), config.classes);
            return {loss: m.loss!, accuracy: m.accuracy};
          };
          const logs = await trainClassifier(tf, model, {x, y}, config.training, {evaluate});
          const epochs = logs.map((e) => ({
            epoch: e.epoch,
            loss: e.loss,
            accuracy: e.accuracy,
            testLoss: e.test!.loss,
            testAccuracy: e.test!.accuracy,
            seconds: e.seconds
          }));
          const trainingSeconds = epochs.reduce((s, e) => s + e.seconds, 0);
          const last = epochs[epochs.length - 1];
          runs.push({
            cell,
            lag,
            testAccuracy: last.testAccuracy,
            testLoss: last.testLoss,
            trainingSeconds,
            secondsPerEpoch: trainingSeconds / epochs.length,
            epochs
          });
          log(
            `long-lag: lag ${lag} ${CELL_NAMES[cell]}: test accuracy ${(100 * last.testAccuracy).toFixed(1)}%, ${trainingSeconds.toFixed(1)} s (${(trainingSeconds / epochs.length).toFixed(2)} s/epoch)`
          );
        } finally {
          disposeModel(model);
        }
      }
    } finally {
      tf.dispose([x, y, xTest]);
    }
  }
  const batchesPerEpoch = Math.ceil(config.trainCount / config.training.batchSize);
  return {
    format: LONG_LAG_FORMAT,
    version: 1,
    quick: config.quick,
    note: config.quick
      ? `QUICK MODE (WORKBOOK_QUICK=1): ${config.trainCount} training sequences per lag, ${config.training.epochs} epoch; not the real results`
      : `${config.trainCount} training and ${config.testCount} test sequences per lag, ${config.training.epochs} epochs`,
    backend,
    task: {
      lags: config.lags,
      classes: config.classes,
      noiseSymbols: config.noiseSymbols,
      chance: 1 / config.classes,
      trainCount: config.trainCount,
      testCount: config.testCount,
      dataSeed: config.dataSeed
    },
    training: {...config.training, units: config.units, weightSeed: config.weightSeed, batchesPerEpoch},
    cells: config.cells.map((cell) => {
      const own = runs.filter((r) => r.cell === cell);
      return {
        cell,
        name: CELL_NAMES[cell],
        parameters: parameters.get(cell)!,
        trainingSeconds: own.reduce((s, r) => s + r.trainingSeconds, 0),
        secondsPerEpoch: Object.fromEntries(own.map((r) => [String(r.lag), r.secondsPerEpoch]))
      };
    }),
    runs,
    seconds: (performance.now() - started) / 1000
  };
}
