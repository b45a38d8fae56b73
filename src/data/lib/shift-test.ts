// The shift test at build time: the four committed MNIST models (models/mnist-models/, read and
// checked by readArtifact) scored on the 10,000 test images moved 0–6 pixels, plain and
// re-centred (src/lib/cnn/shift-test.ts). Nothing is trained.
import type {LayersModel, Tensor, Tensor2D} from "@tensorflow/tfjs";
import {readArtifact} from "./artifacts/artifact.js";
import {recipeById} from "./recipes/index.js";
import {readMnist, IMAGE_SIZE, type Dataset} from "./datasets/datasets.js";
import {useBackend} from "./training/tf-node.js";
import {SHIFT_FORMAT, shiftAccuracy, clippedCount, framing, type Classify, type ShiftReport} from "../../lib/cnn/shift-test.js";
import {shiftSet} from "../../lib/cnn/shift.js";
import type {TF} from "../../lib/core/tf-types.js";
import {toUnitFloats} from "../../lib/formats/dataset-files.js";
import {knnModelFromFiles, loadLayersModelFromFiles} from "../../lib/formats/model-files.js";
import {dequantiseColumns, knnVote} from "../../lib/models/knn.js";
import {projectPca} from "../../lib/models/pca.js";
import {MODEL_IDS, type ModelId} from "../../lib/models/zoo.js";
import {disposeModel} from "../../lib/training/dispose-model.js";
import {argmax} from "../../lib/training/metrics.js";
import {predictProbabilities} from "../../lib/training/train.js";

export const SHIFTS = [0, 1, 2, 3, 4, 5, 6];
type Members = Record<string, Uint8Array>;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A committed network as a Classify, and its disposal. */
async function networkClassifier(tf: TF, members: Members, id: ModelId): Promise<{classify: Classify; dispose: () => void}> {
  const net: LayersModel = await loadLayersModelFromFiles(tf, text(members[`${id}/model.json`]), members[`${id}/weights.bin`]);
  const inputShape = net.inputs[0].shape.slice(1) as number[];
  return {
    classify: async (pixels, count) => {
      const x = tf.tensor(pixels, [count, ...inputShape]) as Tensor;
      try {
        const probabilities = await predictProbabilities(tf, net, x);
        return Uint8Array.from({length: count}, (_, i) => argmax(probabilities, i * 10, 10));
      } finally {
        x.dispose();
      }
    },
    dispose: () => disposeModel(net)
  };
}

/** The committed k-NN as a Classify: the same vote as knnClassifier, on the faster product layout. */
function knnShiftClassifier(tf: TF, members: Members): {classify: Classify; dispose: () => void} {
  const model = knnModelFromFiles(
    text(members["knn/model.json"]),
    members["knn/pca.bin"],
    members["knn/features.bin"],
    members["knn/labels.bin"]
  );
  const {features, labels, description} = model;
  const train = tf.tidy(() => tf.tensor2d(dequantiseColumns(features), [features.rows, features.columns]).transpose<Tensor2D>());
  return {
    classify: async (pixels, count) => {
      const projected = tf.tidy(() => projectPca(tf, model.pca, tf.tensor2d(pixels, [count, model.pca.inputSize])));
      try {
        return (await knnVote(tf, train, labels, projected, {k: description.k, classes: description.classes, transposed: true})).predicted;
      } finally {
        projected.dispose();
      }
    },
    dispose: () => train.dispose()
  };
}

/** The shift test of the committed MNIST models, for `shifts` (default 0–6) and these models (default all four). */
export async function shiftTestReport({
  shifts = SHIFTS,
  models = MODEL_IDS,
  dataset = readMnist()
}: {
  shifts?: readonly number[];
  models?: readonly ModelId[];
  dataset?: Dataset;
} = {}): Promise<ShiftReport> {
  const start = performance.now();
  const tf = await useBackend("wasm");
  const {members} = readArtifact(recipeById("mnist-models"));
  const images = toUnitFloats(dataset.test.images);
  const labels = dataset.test.labels;
  const report: ShiftReport["models"] = [];
  for (const id of models) {
    const name = (JSON.parse(text(members[`${id}/metrics.json`])) as {model: {name: string}}).model.name;
    const classifier = id === "knn" ? knnShiftClassifier(tf, members) : await networkClassifier(tf, members, id);
    try {
      report.push({id, name, points: await shiftAccuracy(classifier.classify, images, labels, {size: IMAGE_SIZE, shifts})});
    } finally {
      classifier.dispose();
    }
  }
  return {
    format: SHIFT_FORMAT,
    version: 1,
    dataset: dataset.name,
    count: dataset.test.count,
    directions: "image i moves in direction i mod 4: right, down, left, up, so each direction gets a quarter of the test images",
    shifts: [...shifts],
    models: report,
    framing: framing(images, IMAGE_SIZE),
    clipped: shifts.map((shift) => ({
      shift,
      count: clippedCount(images, shiftSet(images, IMAGE_SIZE, shift, false), IMAGE_SIZE * IMAGE_SIZE)
    })),
    seconds: (performance.now() - start) / 1000,
    backend: `tfjs ${tf.getBackend()} backend`
  };
}
