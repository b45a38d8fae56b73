// Offline training for the long-lag task (src/lib/rnn/recurrent-tasks.ts): for every lag a
// SimpleRNN, an LSTM and a GRU with the same units, the same seeded initial weights' recipe,
// the same sequences in the same order, the same optimizer and the same number of steps, under
// two recipes, every lag from fresh weights:
//   - "defaults": what tfjs gives without asking (hardSigmoid gates, zero biases, no clipping);
//   - "standard": the recipe for long lags (sigmoid gates, gradients clipped to a global norm,
//     and the gates biased to remember: chrono initialisation, task-models.ts).
// A control isolates the bias: the standard recipe with the usual forget-gate bias 1 instead, at
// one long lag. (An earlier version trained the standard recipe with a curriculum over the lags,
// each lag from the weights of the shorter one; that taught the SimpleRNN lag 200 as well, so it
// measured the curriculum, not the cells.) And the gradient measurement that explains the
// results: ‖∂h_t/∂h_0‖ of every cell under each recipe at its initial weights and after training
// at one lag, on one test sequence.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {classificationMetrics} from "../../../lib/training/metrics.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {sequenceClassifier, CELL_NAMES, type CellKind} from "../../../lib/models/task-models.js";
import type {GateActivation} from "../../../lib/models/peephole-lstm.js";
import {compileClassifier, predictProbabilities, trainClassifier, type TrainingConfig} from "../../../lib/training/train.js";
import {longLagSet, type LongLagSet} from "../../../lib/rnn/recurrent-tasks.js";
import {cellWeightsFromTensors} from "../../../lib/rnn/cell-weights.js";
import {gradientNorms} from "../../../lib/rnn/gradient-norms.js";
import {seededRandom} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import type {TaskConfig} from "./task-training.js";

export const LONG_LAG_FORMAT = "workbook-long-lag";

export type LongLagRecipeId = "defaults" | "standard";

export interface LongLagRecipe {
  id: LongLagRecipeId;
  name: string;
  gates: GateActivation;
  forgetBias: boolean;
  /** Gates biased to remember over up to this many steps (chronoBias in task-models.ts), or null. */
  chrono: number | null;
  /** Overrides of the shared training settings (learning rate, clipping). */
  training: Partial<TrainingConfig>;
}

export interface LongLagConfig extends TaskConfig {
  lags: number[];
  cells: CellKind[];
  classes: number;
  recipes: LongLagRecipe[];
  /** A recipe with its chrono initialisation replaced by forget-gate bias 1, at one lag. */
  control: {recipe: LongLagRecipeId; name: string; cells: CellKind[]; lag: number};
  /** The lag after whose training the gradients are measured. */
  gradientLag: number;
}

export const FULL_LONG_LAG: LongLagConfig = {
  quick: false,
  lags: [5, 10, 20, 50, 100, 200],
  cells: ["simpleRNN", "lstm", "gru"],
  units: 32,
  classes: 4,
  trainCount: 3200,
  testCount: 1000,
  dataSeed: 2000,
  weightSeed: 7,
  training: {optimizer: "adam", learningRate: 0.003, learningRateDecay: 1, epochs: 6, batchSize: 64, seed: 11},
  recipes: [
    {id: "defaults", name: "tfjs defaults", gates: "hardSigmoid", forgetBias: false, chrono: null, training: {}},
    {
      id: "standard",
      name: "standard recipe",
      gates: "sigmoid",
      forgetBias: true,
      // The longest lag trained: every lag's units start with memories spread up to it.
      chrono: 200,
      training: {learningRate: 0.01, clipNorm: 1}
    }
  ],
  control: {recipe: "standard", name: "standard recipe with forget-gate bias 1", cells: ["lstm", "gru"], lag: 100},
  gradientLag: 100
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
  /** Training steps this run took (a curriculum's earlier lags not counted). */
  steps: number;
  trainingSeconds: number;
  secondsPerEpoch: number;
  epochs: LongLagEpoch[];
}

export interface LongLagCellSummary {
  cell: CellKind;
  name: string;
  parameters: number;
  trainingSeconds: number;
  secondsPerEpoch: Record<string, number>;
}

export interface LongLagGradients {
  cell: CellKind;
  /** ‖∂h_t/∂h_0‖ for t = 1…gradientLag + 1 (0 where it fell below float32's range). */
  initial: number[];
  trained: number[];
}

export interface LongLagRecipeResult extends Omit<LongLagRecipe, "training"> {
  training: TrainingConfig;
  cells: LongLagCellSummary[];
  runs: LongLagRun[];
  gradients: LongLagGradients[];
}

export interface LongLagMetrics {
  format: typeof LONG_LAG_FORMAT;
  version: 3;
  quick: boolean;
  note: string;
  backend: string;
  task: {
    lags: number[];
    classes: number;
    chance: number;
    trainCount: number;
    testCount: number;
    dataSeed: number;
    /** Trivial answers on each lag's test set: the training set's most frequent class, and the last symbol seen. */
    baselines: {lag: number; majority: number; lastSymbol: number}[];
  };
  training: TrainingConfig & {units: number; weightSeed: number; batchesPerEpoch: number};
  recipes: LongLagRecipeResult[];
  control: {recipe: LongLagRecipeId; name: string; lag: number; steps: number; runs: LongLagRun[]};
  gradientLag: number;
  seconds: number;
}

/** The training and test sets of one lag (different seeds, so no test sequence is trained on by design). */
export function longLagData(config: Pick<LongLagConfig, "classes" | "trainCount" | "testCount" | "dataSeed">, lag: number) {
  const options = {lag, classes: config.classes};
  return {
    train: longLagSet(seededRandom(config.dataSeed + lag), {...options, count: config.trainCount}),
    test: longLagSet(seededRandom(config.dataSeed + 100_000 + lag), {...options, count: config.testCount})
  };
}

/** Accuracy of the two trivial answers on a test set. */
export function trivialBaselines(train: LongLagSet, test: LongLagSet): {majority: number; lastSymbol: number} {
  const counts = new Array(train.classes).fill(0);
  for (const label of train.labels) counts[label]++;
  const majority = counts.indexOf(Math.max(...counts));
  let hits = 0;
  let lastHits = 0;
  for (let n = 0; n < test.count; n++) {
    if (test.labels[n] === majority) hits++;
    if (test.labels[n] === test.lastSymbols[n]) lastHits++;
  }
  return {majority: hits / test.count, lastSymbol: lastHits / test.count};
}

interface LagTensors {
  lag: number;
  train: LongLagSet;
  test: LongLagSet;
  x: Tensor;
  y: Tensor;
  xTest: Tensor;
}

/** Train every cell on every lag under both recipes, then the control; `log` gets a line per run. */
export async function trainLongLag(
  tf: TF,
  config: LongLagConfig,
  backend: string,
  log: (line: string) => void = () => {}
): Promise<LongLagMetrics> {
  const started = performance.now();
  const data: LagTensors[] = [];
  const lags = [...new Set([...config.lags, config.control.lag, config.gradientLag])].sort((a, b) => a - b);
  for (const lag of lags) {
    const {train, test} = longLagData(config, lag);
    const shape = (set: LongLagSet) => [set.count, set.steps, set.channels] as [number, number, number];
    data.push({
      lag,
      train,
      test,
      x: tf.tensor3d(train.x, shape(train)),
      y: tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels, "int32"), config.classes)),
      xTest: tf.tensor3d(test.x, shape(test))
    });
  }
  const at = (lag: number) => data.find((d) => d.lag === lag)!;
  const channels = config.classes + 1;
  // One test sequence of the gradient lag, read step by step (the same for every curve).
  const gradientSet = at(config.gradientLag).test;
  const gradientInputs = Array.from({length: gradientSet.steps}, (_, t) => gradientSet.x.subarray(t * channels, (t + 1) * channels));
  const batchesPerEpoch = Math.ceil(config.trainCount / config.training.batchSize);

  const build = (recipe: LongLagRecipe, cell: CellKind, training: TrainingConfig) => {
    const model = sequenceClassifier(tf, {
      cell,
      units: config.units,
      channels,
      classes: config.classes,
      seed: config.weightSeed,
      gates: recipe.gates,
      forgetBias: recipe.forgetBias,
      ...(recipe.chrono ? {chrono: recipe.chrono} : {})
    });
    compileClassifier(tf, model, training);
    return model;
  };
  const norms = (model: LayersModel, cell: CellKind, gates: GateActivation) =>
    gradientNorms(
      tf,
      cell as "simpleRNN" | "lstm" | "gru",
      cellWeightsFromTensors(model.getLayer("recurrent").getWeights()),
      gradientInputs,
      undefined,
      gates
    );

  /** Train `model` at one lag for `epochs` epochs and record the run. */
  const run = async (model: LayersModel, cell: CellKind, lag: number, training: TrainingConfig, label: string): Promise<LongLagRun> => {
    const {x, y, xTest, test} = at(lag);
    const evaluate = async () => {
      const m = classificationMetrics(test.labels, await predictProbabilities(tf, model, xTest), config.classes);
      return {loss: m.loss!, accuracy: m.accuracy};
    };
    const logs = await trainClassifier(tf, model, {x, y}, training, {evaluate});
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
    log(
      `long-lag: ${label}, lag ${lag}, ${CELL_NAMES[cell]}: test accuracy ${(100 * last.testAccuracy).toFixed(1)}%, ${trainingSeconds.toFixed(1)} s (${(trainingSeconds / epochs.length).toFixed(2)} s/epoch)`
    );
    return {
      cell,
      lag,
      testAccuracy: last.testAccuracy,
      testLoss: last.testLoss,
      steps: training.epochs * batchesPerEpoch,
      trainingSeconds,
      secondsPerEpoch: trainingSeconds / epochs.length,
      epochs
    };
  };

  try {
    const recipes: LongLagRecipeResult[] = [];
    for (const recipe of config.recipes) {
      const training: TrainingConfig = {...config.training, ...recipe.training};
      const runs: LongLagRun[] = [];
      const gradients: LongLagGradients[] = [];
      const parameters = new Map<CellKind, number>();
      for (const cell of config.cells) {
        for (const lag of config.lags) {
          const model = build(recipe, cell, training);
          try {
            parameters.set(cell, model.countParams());
            const initial = lag === config.gradientLag ? norms(model, cell, recipe.gates) : [];
            runs.push(await run(model, cell, lag, training, recipe.name));
            if (lag === config.gradientLag) gradients.push({cell, initial, trained: norms(model, cell, recipe.gates)});
          } finally {
            disposeModel(model);
          }
        }
      }
      recipes.push({
        ...recipe,
        training,
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
        gradients
      });
    }

    // The control: the same recipe and steps, forget-gate bias 1 in place of chrono.
    const controlRecipe = {...config.recipes.find((r) => r.id === config.control.recipe)!, chrono: null};
    const controlTraining: TrainingConfig = {...config.training, ...controlRecipe.training};
    const controlRuns: LongLagRun[] = [];
    for (const cell of config.control.cells) {
      const model = build(controlRecipe, cell, controlTraining);
      try {
        controlRuns.push(await run(model, cell, config.control.lag, controlTraining, config.control.name));
      } finally {
        disposeModel(model);
      }
    }

    return {
      format: LONG_LAG_FORMAT,
      version: 3,
      quick: config.quick,
      note: config.quick
        ? `QUICK MODE (WORKBOOK_QUICK=1): ${config.trainCount} training sequences per lag, ${config.training.epochs} epoch; not the real results`
        : `${config.trainCount} training and ${config.testCount} test sequences per lag, ${config.training.epochs} epochs per lag`,
      backend,
      task: {
        lags: config.lags,
        classes: config.classes,
        chance: 1 / config.classes,
        trainCount: config.trainCount,
        testCount: config.testCount,
        dataSeed: config.dataSeed,
        baselines: config.lags.map((lag) => ({lag, ...trivialBaselines(at(lag).train, at(lag).test)}))
      },
      training: {...config.training, units: config.units, weightSeed: config.weightSeed, batchesPerEpoch},
      recipes,
      control: {
        recipe: config.control.recipe,
        name: config.control.name,
        lag: config.control.lag,
        steps: controlTraining.epochs * batchesPerEpoch,
        runs: controlRuns
      },
      gradientLag: config.gradientLag,
      seconds: (performance.now() - started) / 1000
    };
  } finally {
    for (const d of data) tf.dispose([d.x, d.y, d.xTest]);
  }
}
