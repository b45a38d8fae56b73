// The vanishing-gradients page's long-lag experiment (src/data/lib/training/long-lag-training.ts):
// SimpleRNN, LSTM and GRU (same units, same seeded initial-weight recipe, same sequences in the
// same order, Adam, the same number of steps) trained on the long-lag task (recall a marked
// symbol through distractors of the same alphabet) for every lag from fresh weights, under two
// recipes: tfjs's defaults, and the standard recipe (sigmoid gates, chrono initialisation of the
// gate biases, gradient clipping); then a control (the standard recipe with forget-gate bias 1
// in place of chrono) at one lag, and ‖∂h_t/∂h_0‖ before and after training. The wasm backend,
// one thread. WORKBOOK_QUICK=1: 128 sequences per lag, one epoch.
//
// members: metrics.json only (no weights; the page plots numbers): LongLagMetrics (version 3),
// numbers rounded to 6 significant digits:
//   {format: "workbook-long-lag", version: 3, quick, note, backend,
//    task: {lags, classes, chance, trainCount, testCount, dataSeed, baselines: [{lag, majority, lastSymbol}]},
//    training: {optimizer, learningRate, learningRateDecay, epochs (per lag), batchSize, seed, units, weightSeed, batchesPerEpoch},
//    recipes: [{id: "defaults" | "standard", name, gates, forgetBias, chrono (longest lag or null), training,
//               cells: [{cell, name, parameters, trainingSeconds, secondsPerEpoch: {"5": s, ...}}],
//               runs: [{cell, lag, testAccuracy, testLoss, steps, trainingSeconds, secondsPerEpoch,
//                       epochs: [{epoch, loss, accuracy, testLoss, testAccuracy, seconds}]}],
//               gradients: [{cell, initial: number[], trained: number[]}]}],   // ‖∂h_t/∂h_0‖, t = 1…gradientLag + 1
//    control: {recipe, name, lag, steps, runs: [...]},   // the recipe with forget-gate bias 1 in place of chrono
//    gradientLag, seconds}
// Read it as FileAttachment("../data/long-lag/metrics.json").json().
import type {Recipe} from "../artifacts/recipe.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {FULL_LONG_LAG, trainLongLag} from "../training/long-lag-training.js";
import {roundNumbers} from "../../../lib/formats/model-report.js";
import {quickMode} from "../training/quick-mode.js";
import {quickTaskConfig} from "../training/task-training.js";
import {startTrainingBackend} from "../training/training-backend.js";

async function train(): Promise<ArchiveMembers> {
  const config = quickMode() ? quickTaskConfig(FULL_LONG_LAG) : FULL_LONG_LAG;
  const {tf, note} = await startTrainingBackend({prefer: "wasm"});
  const log = (line: string) => process.stderr.write(`${line}${config.quick ? " (quick)" : ""}\n`);
  const metrics = await trainLongLag(tf, config, note, log);
  log(`long-lag: done in ${metrics.seconds.toFixed(1)} s`);
  return {"metrics.json": JSON.stringify(metrics, roundNumbers)};
}

export const recipe: Recipe = {
  id: "long-lag",
  description: "The long-lag task: SimpleRNN, LSTM and GRU trained for every lag",
  datasets: [],
  config: FULL_LONG_LAG,
  train
};
