// The peephole page's experiment: on the timing task (a cue, then a pulse exactly k steps later),
// a standard LSTM and a peephole LSTM of the same units, starting from the same weights, trained
// alike for every k on the wasm backend (one thread, the two models taking turns).
// WORKBOOK_QUICK=1: 128 sequences per k, one epoch.
//
// members:
//   metrics.json  PeepholeMetrics (src/data/lib/training/peephole-training.ts), numbers to 6 digits:
//     {format: "workbook-peephole", version: 1, quick, note, backend,
//      task: {ks: [5, 10, 20, 40], cueWindow, tail, trainCount, testCount, dataSeed, threshold: 0.5},
//            // sequences are cueWindow + k + tail steps; the cue on one of the first cueWindow
//      training: {optimizer: "adam", learningRate, learningRateDecay, epochs, batchSize, seed,
//                 units, weightSeed, batchesPerEpoch, loss: "binaryCrossentropy"},
//      cells: [{cell: "lstm" | "peephole", name, parameters, trainingSeconds}],
//      runs: [{cell, k,
//              exact,             // share of test sequences with output > 0.5 at cue + k and nowhere else
//              peakOnTime,        // share whose highest output after the cue is at cue + k
//              meanTimingError,   // mean |argmax step − (cue + k)|, in steps
//              trainingSeconds, secondsPerEpoch,
//              epochs: [{epoch, loss, exact, meanTimingError, seconds}]}],
//      seconds}
//   <cell>-k<k>/model.json + weights.bin   for cell lstm and peephole and every k; the peephole
//     models need definePeepholeLstm(tf) (src/lib/models/peephole-lstm.ts) before loading.
import type {Recipe} from "../artifacts/recipe.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {FULL_PEEPHOLE, trainPeephole} from "../training/peephole-training.js";
import {roundNumbers} from "../../../lib/formats/model-report.js";
import {quickMode} from "../training/quick-mode.js";
import {quickTaskConfig} from "../training/task-training.js";
import {startTrainingBackend} from "../training/training-backend.js";

async function train(): Promise<ArchiveMembers> {
  const config = quickMode() ? quickTaskConfig(FULL_PEEPHOLE) : FULL_PEEPHOLE;
  const {tf, note} = await startTrainingBackend({prefer: "wasm"});
  const log = (line: string) => process.stderr.write(`${line}${config.quick ? " (quick)" : ""}\n`);
  const {metrics, files} = await trainPeephole(tf, config, note, log);
  log(`peephole: done in ${metrics.seconds.toFixed(1)} s`);
  const members: ArchiveMembers = {"metrics.json": JSON.stringify(metrics, roundNumbers)};
  for (const [name, pair] of Object.entries(files)) {
    members[`${name}/model.json`] = pair["model.json"];
    members[`${name}/weights.bin`] = pair["weights.bin"];
  }
  return members;
}

export const recipe: Recipe = {
  id: "peephole",
  description: "The timing task: a standard and a peephole LSTM for every delay k",
  datasets: [],
  config: FULL_PEEPHOLE,
  train
};
