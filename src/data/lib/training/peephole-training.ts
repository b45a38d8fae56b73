// Build-time training for the peephole page: for every delay k of the timing task
// (src/lib/rnn/recurrent-tasks.ts), a standard LSTM (tfjs's layer) and a peephole LSTM
// (src/lib/models/peephole-lstm.ts) with the same units start from the same weights
// (the peephole model's kernel, recurrent kernel, bias and read-out copied into the standard
// one; its peepholes start at zero) and see the same sequences in the same order with the same
// optimizer and number of steps. Scored on held-out sequences: an exact pulse (above 0.5 at the
// target step and nowhere else), the highest output on time, and the mean timing error.
import type {LayersModel} from "@tensorflow/tfjs";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {pulseModel, CELL_NAMES, type CellKind} from "../../../lib/models/task-models.js";
import {compileClassifier, trainClassifier, type TrainingConfig} from "../../../lib/training/train.js";
import {scorePulses, timingSet, type PulseScore, type TimingSet} from "../../../lib/rnn/recurrent-tasks.js";
import {seededRandom} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import type {TaskConfig} from "./task-training.js";
import type {GateActivation} from "../../../lib/models/peephole-lstm.js";

export const PEEPHOLE_FORMAT = "workbook-peephole";

export interface PeepholeConfig extends TaskConfig {
  ks: number[];
  cueWindow: number;
  tail: number;
  /** Both cells' gates and gate biases: the long-lag page's standard recipe. */
  gates: GateActivation;
  forgetBias: boolean;
  /** Chrono initialisation up to this many steps (task-models.ts); absent: forget-gate bias as above. */
  chrono?: number;
}

export const FULL_PEEPHOLE: PeepholeConfig = {
  quick: false,
  ks: [5, 10, 20, 40],
  units: 16,
  cueWindow: 10,
  tail: 5,
  trainCount: 3200,
  testCount: 1000,
  dataSeed: 3000,
  weightSeed: 21,
  gates: "sigmoid",
  // Forget-gate bias 1, not the long-lag page's chrono initialisation: tried with chrono up to 40
  // steps, both cells counted worse (k = 10: exact pulses 11% and 0%, against 0% and 100% here).
  forgetBias: true,
  training: {optimizer: "adam", learningRate: 0.01, learningRateDecay: 1, epochs: 8, batchSize: 64, seed: 31, clipNorm: 1}
};

export const PEEPHOLE_CELLS: CellKind[] = ["lstm", "peephole"];

export interface PeepholeEpoch {
  epoch: number;
  /** Mean training binary cross-entropy over the epoch's batches. */
  loss: number;
  /** Held-out scores after the epoch. */
  exact: number;
  meanTimingError: number;
  seconds: number;
}

export interface PeepholeRun extends Omit<PulseScore, "count"> {
  cell: CellKind;
  k: number;
  trainingSeconds: number;
  secondsPerEpoch: number;
  epochs: PeepholeEpoch[];
}

export interface PeepholeMetrics {
  format: typeof PEEPHOLE_FORMAT;
  version: 1;
  quick: boolean;
  note: string;
  backend: string;
  task: {ks: number[]; cueWindow: number; tail: number; trainCount: number; testCount: number; dataSeed: number; threshold: number};
  training: TrainingConfig & {
    units: number;
    weightSeed: number;
    batchesPerEpoch: number;
    loss: "binaryCrossentropy";
    gates: GateActivation;
    forgetBias: boolean;
    chrono?: number;
  };
  cells: {cell: CellKind; name: string; parameters: number; trainingSeconds: number}[];
  runs: PeepholeRun[];
  seconds: number;
}

export function peepholeData(config: PeepholeConfig, k: number): {train: TimingSet; test: TimingSet} {
  const options = {k, cueWindow: config.cueWindow, tail: config.tail};
  return {
    train: timingSet(seededRandom(config.dataSeed + k), {...options, count: config.trainCount}),
    test: timingSet(seededRandom(config.dataSeed + 100_000 + k), {...options, count: config.testCount})
  };
}

function predictOutputs(tf: TF, model: LayersModel, set: TimingSet): Float32Array {
  return tf.tidy(
    () => (model.predict(tf.tensor3d(set.x, [set.count, set.steps, 1])) as ReturnType<TF["tensor"]>).dataSync() as Float32Array
  );
}

/** Both models of one k, starting from the same weights. */
function twinModels(tf: TF, config: PeepholeConfig): Record<"lstm" | "peephole", LayersModel> {
  const options = {
    units: config.units,
    channels: 1,
    seed: config.weightSeed,
    gates: config.gates,
    forgetBias: config.forgetBias,
    ...(config.chrono ? {chrono: config.chrono} : {})
  };
  const peephole = pulseModel(tf, {...options, cell: "peephole"});
  const lstm = pulseModel(tf, {...options, cell: "lstm"});
  // peephole weights: kernel, recurrent kernel, bias, peepholes, read-out kernel, read-out bias.
  const [kernel, recurrent, bias, , denseKernel, denseBias] = peephole.getWeights();
  lstm.setWeights([kernel, recurrent, bias, denseKernel, denseBias]);
  return {lstm, peephole};
}

export interface TrainedPeephole {
  metrics: PeepholeMetrics;
  /** model.json + weights.bin by "<cell>-k<k>". */
  files: Record<string, {"model.json": string; "weights.bin": Uint8Array}>;
}

export async function trainPeephole(
  tf: TF,
  config: PeepholeConfig,
  backend: string,
  log: (line: string) => void = () => {}
): Promise<TrainedPeephole> {
  const started = performance.now();
  const runs: PeepholeRun[] = [];
  const files: TrainedPeephole["files"] = {};
  const parameters = new Map<CellKind, number>();
  for (const k of config.ks) {
    const {train, test} = peepholeData(config, k);
    const x = tf.tensor3d(train.x, [train.count, train.steps, 1]);
    const y = tf.tensor3d(train.y, [train.count, train.steps, 1]);
    const models = twinModels(tf, config);
    try {
      for (const cell of ["lstm", "peephole"] as const) {
        const model = models[cell];
        parameters.set(cell, model.countParams());
        compileClassifier(tf, model, config.training, "binaryCrossentropy");
        const scores: PulseScore[] = [];
        const logs = await trainClassifier(tf, model, {x, y}, config.training, {
          evaluate: () => {
            const score = scorePulses(predictOutputs(tf, model, test), test);
            scores.push(score);
            return {loss: score.meanTimingError, accuracy: score.exact};
          }
        });
        const epochs = logs.map((e, i) => ({
          epoch: e.epoch,
          loss: e.loss,
          exact: scores[i].exact,
          meanTimingError: scores[i].meanTimingError,
          seconds: e.seconds
        }));
        const last = scores[scores.length - 1];
        const trainingSeconds = epochs.reduce((s, e) => s + e.seconds, 0);
        runs.push({
          cell,
          k,
          exact: last.exact,
          peakOnTime: last.peakOnTime,
          meanTimingError: last.meanTimingError,
          trainingSeconds,
          secondsPerEpoch: trainingSeconds / epochs.length,
          epochs
        });
        files[`${cell}-k${k}`] = await layersModelFiles(tf, model);
        log(
          `peephole: k ${k} ${CELL_NAMES[cell]}: exact pulses ${(100 * last.exact).toFixed(1)}%, peak on time ${(100 * last.peakOnTime).toFixed(1)}%, mean timing error ${last.meanTimingError.toFixed(2)} steps, ${trainingSeconds.toFixed(1)} s`
        );
      }
    } finally {
      disposeModel(models.lstm);
      disposeModel(models.peephole);
      tf.dispose([x, y]);
    }
  }
  const metrics: PeepholeMetrics = {
    format: PEEPHOLE_FORMAT,
    version: 1,
    quick: config.quick,
    note: config.quick
      ? `QUICK MODE (WORKBOOK_QUICK=1): ${config.trainCount} training sequences per k, ${config.training.epochs} epoch; not the real results`
      : `${config.trainCount} training and ${config.testCount} test sequences per k, ${config.training.epochs} epochs`,
    backend,
    task: {
      ks: config.ks,
      cueWindow: config.cueWindow,
      tail: config.tail,
      trainCount: config.trainCount,
      testCount: config.testCount,
      dataSeed: config.dataSeed,
      threshold: 0.5
    },
    training: {
      ...config.training,
      gates: config.gates,
      forgetBias: config.forgetBias,
      chrono: config.chrono,
      units: config.units,
      weightSeed: config.weightSeed,
      batchesPerEpoch: Math.ceil(config.trainCount / config.training.batchSize),
      loss: "binaryCrossentropy"
    },
    cells: PEEPHOLE_CELLS.map((cell) => ({
      cell,
      name: CELL_NAMES[cell],
      parameters: parameters.get(cell)!,
      trainingSeconds: runs.filter((r) => r.cell === cell).reduce((s, r) => s + r.trainingSeconds, 0)
    })),
    runs,
    seconds: (performance.now() - started) / 1000
  };
  return {metrics, files};
}
