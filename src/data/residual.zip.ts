// The architecture page's residual experiment: a 20-layer plain network and the same network
// with identity shortcuts, trained from the same initial weights on MNIST (wasm backend), with
// the gradient norm of every layer measured as they train, and both scored on the 10,000 test
// images. WORKBOOK_QUICK=1 trains on 3,000 images for one epoch (tests); summary.json says so.
//   members: summary.json (shape: ResidualSummary in src/lib/models/residual-net.ts)
import {zipMembers} from "./lib/datasets/dataset-archive.js";
import {readMnist} from "./lib/datasets/datasets.js";
import {runLoader} from "./lib/loader.js";
import {FULL_CONFIG, QUICK_CONFIG, trainResidualExperiment} from "./lib/training/residual-training.js";
import {quickMode} from "./lib/training/quick-mode.js";
import {startTrainingBackend} from "./lib/training/training-backend.js";

await runLoader("residual.zip", async () => {
  const config = quickMode() ? QUICK_CONFIG : FULL_CONFIG;
  // wasm even where tfjs-node exists: the same arithmetic on every machine.
  const {tf, name} = await startTrainingBackend({prefer: "wasm"});
  const log = (text: string) => process.stderr.write(`residual.zip: ${text}\n`);
  const started = performance.now();
  const summary = await trainResidualExperiment(tf, readMnist(process.env.WORKBOOK_MNIST_DIR || undefined), config, {backend: name, log});
  for (const run of summary.runs) log(`${run.id}: ${run.parameters.toLocaleString("en")} parameters, ${run.trainingSeconds.toFixed(1)} s training, test accuracy ${(100 * run.test.accuracy).toFixed(2)}%`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return zipMembers({"summary.json": JSON.stringify(summary)});
});
