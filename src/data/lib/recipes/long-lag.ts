// The vanishing-gradients page's long-lag experiment: SimpleRNN, LSTM and GRU (same units, same
// seeded initial-weight recipe, same sequences in the same order, Adam with the same settings,
// the same number of steps) trained on the long-lag task for every lag, on the wasm backend, one
// thread, cells taking turns within each lag. WORKBOOK_QUICK=1: 128 sequences per lag, one epoch.
//
// members: metrics.json only (no weights; the page plots numbers). Its shape (LongLagMetrics in
// src/data/lib/training/long-lag-training.ts), numbers rounded to 6 significant digits:
//   {format: "workbook-long-lag", version: 1, quick: boolean, note, backend,
//    task: {lags: [5, 10, 20, 50, 100], classes: 4, noiseSymbols: 4, chance: 0.25,
//           trainCount, testCount, dataSeed},        // per lag; sequences are lag + 1 steps long
//    training: {optimizer: "adam", learningRate, learningRateDecay, epochs, batchSize, seed,
//               units, weightSeed, batchesPerEpoch},
//    cells: [{cell: "simpleRNN" | "lstm" | "gru", name: "SimpleRNN" | "LSTM" | "GRU",
//             parameters,                          // trainable numbers (recurrent layer + read-out)
//             trainingSeconds,                     // all lags, training steps only (wall clock)
//             secondsPerEpoch: {"5": s, "10": s, ...}}],   // by lag (longer lags cost more)
//    runs: [{cell, lag, testAccuracy, testLoss,      // after the last epoch, on testCount held-out sequences
//            trainingSeconds, secondsPerEpoch,
//            epochs: [{epoch, loss, accuracy, testLoss, testAccuracy, seconds}]}],  // loss curves
//    seconds}                                       // the whole loader's training and testing
// Read it as FileAttachment("../../long-lag/metrics.json").json().
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
