// The model components shared by loaders and pages: metrics, PCA, k-NN, the training loop and
// the files a trained model is shipped as, each against an independent reference.
import {beforeAll, describe, expect, test} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {buildCnn, type CnnDescription} from "../../../src/lib/models/cnn-description.js";
import {disposeModel} from "../../../src/lib/training/dispose-model.js";
import {dequantiseColumns, knnClassifier, knnVote, quantiseColumns, type KnnModel} from "../../../src/lib/models/knn.js";
import {classificationMetrics, misclassifiedRows} from "../../../src/lib/training/metrics.js";
import {buildMlp, mlpParameterCount, validateMlp, type MlpDescription} from "../../../src/lib/models/mlp.js";
import {knnModelFiles, knnModelFromFiles, layersModelFiles, loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {fitPca, orthonormalColumns, projectPca, symmetricEigen} from "../../../src/lib/models/pca.js";
import {
  compileClassifier,
  predictProbabilities,
  trainClassifier,
  validateTraining,
  type TrainingConfig
} from "../../../src/lib/training/train.js";
import {MODEL_ZOO, validateSpec} from "../../../src/lib/models/zoo.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {registerWasmConvBackpropFilter} from "../../../src/lib/wasm/wasm-conv-backprop-filter.js";
import {maxAbsDiff, randomArray} from "../../helpers/tensor-helpers.js";

beforeAll(async () => {
  await useBackend("wasm");
  registerWasmConvBackpropFilter(tf);
});

describe("classificationMetrics", () => {
  test("counts, confusion, per-class accuracy, loss and mistakes of a hand-worked example", () => {
    // 4 examples, 3 classes: rows are probabilities.
    const labels = [0, 1, 2, 2];
    const p = [0.7, 0.2, 0.1, /**/ 0.1, 0.8, 0.1, /**/ 0.5, 0.1, 0.4, /**/ 0.2, 0.2, 0.6];
    const m = classificationMetrics(labels, p, 3, {indices: [10, 11, 12, 13]});
    expect(m.correct).toBe(3);
    expect(m.accuracy).toBe(0.75);
    expect(m.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 1]
    ]);
    expect(m.perClass).toEqual({count: [1, 1, 2], correct: [1, 1, 1], accuracy: [1, 1, 0.5]});
    expect(m.loss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.4) + Math.log(0.6)) / 4, 12);
    expect(m.misclassified).toEqual({index: [12], label: [2], predicted: [0], confidence: [0.5]});
    expect(misclassifiedRows(m.misclassified)).toEqual([{index: 12, label: 2, predicted: 0, confidence: 0.5}]);
  });

  test("predictions override the most probable class; loss can be left out", () => {
    const m = classificationMetrics([1], [0.5, 0.5], 2, {predictions: [1], scoreLoss: false});
    expect(m.correct).toBe(1);
    expect(m.loss).toBeNull();
    expect(() => classificationMetrics([0, 1], [1, 0], 2)).toThrow(/2 probabilities do not make 2 rows of 2 classes/);
    expect(() => classificationMetrics([3], [1, 0], 2)).toThrow(/label 0 is 3/);
  });
});

describe("PCA", () => {
  test("symmetricEigen rebuilds its matrix: A = V diag(λ) Vᵀ, λ sorted, V orthonormal", () => {
    const random = seededRandom(3);
    const n = 7;
    const b = randomArray(random, n * n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += b[i * n + k] * b[j * n + k];
    const {values, vectors} = symmetricEigen(a, n);
    expect([...values]).toEqual([...values].sort((x, y) => y - x));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let gram = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += vectors[i * n + k] * values[k] * vectors[j * n + k];
          gram += vectors[k * n + i] * vectors[k * n + j];
        }
        expect(rebuilt).toBeCloseTo(a[i * n + j], 9);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  test("fitPca finds planted directions and their variances", async () => {
    const random = seededRandom(4);
    const [rows, dims] = [4000, 20];
    const truth = orthonormalColumns(
      Float64Array.from({length: dims * 3}, () => random() - 0.5),
      dims,
      3
    );
    const sd = [3, 2, 1];
    const data = new Float32Array(rows * dims);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    for (let r = 0; r < rows; r++) {
      const z = sd.map((s) => s * gauss());
      for (let d = 0; d < dims; d++)
        data[r * dims + d] = 5 + z[0] * truth[d * 3] + z[1] * truth[d * 3 + 1] + z[2] * truth[d * 3 + 2] + 0.05 * gauss();
    }
    const x = tf.tensor2d(data, [rows, dims]);
    const pca = await fitPca(tf, x, 3, {chunk: 1000});
    // Variances within sampling error of 9, 4, 1; each direction parallel to its planted one.
    pca.variance.forEach((v, j) => expect(Math.abs(v - sd[j] ** 2) / sd[j] ** 2).toBeLessThan(0.08));
    for (let j = 0; j < 3; j++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += pca.basis[d * 3 + j] * truth[d * 3 + j];
      expect(Math.abs(dot)).toBeGreaterThan(0.999);
    }
    pca.mean.forEach((m) => expect(m).toBeCloseTo(5, 0));
    // Projections are centred, with the fitted variances.
    const projected = projectPca(tf, pca, x);
    const values = projected.dataSync();
    const column0 = Array.from({length: rows}, (_, r) => values[r * 3]);
    expect(Math.abs(column0.reduce((a, b) => a + b) / rows)).toBeLessThan(1e-3);
    expect(column0.reduce((a, b) => a + b * b, 0) / rows).toBeCloseTo(pca.variance[0], 2);
    tf.dispose([x, projected]);
  });
});

describe("k-nearest neighbours", () => {
  /** Brute force in float64: sort by distance, vote, ties to the class with the nearest member. */
  function reference(train: Float32Array, labels: Uint8Array, queries: Float32Array, width: number, k: number, classes: number) {
    const count = queries.length / width;
    const out: number[] = [];
    for (let q = 0; q < count; q++) {
      const distances = Array.from(labels, (label, t) => {
        let d = 0;
        for (let j = 0; j < width; j++) d += (queries[q * width + j] - train[t * width + j]) ** 2;
        return {d, label};
      }).sort((a, b) => a.d - b.d);
      const votes = new Array(classes).fill(0);
      distances.slice(0, k).forEach(({label}) => votes[label]++);
      const top = Math.max(...votes);
      out.push(distances.slice(0, k).find(({label}) => votes[label] === top)!.label);
    }
    return out;
  }

  test("matches a brute-force reference on random data, for several k", async () => {
    const random = seededRandom(5);
    const [trainCount, queryCount, width, classes] = [120, 60, 6, 4];
    const train = randomArray(random, trainCount * width);
    const queries = randomArray(random, queryCount * width);
    const labels = Uint8Array.from({length: trainCount}, () => Math.floor(random() * classes));
    const t = tf.tensor2d(train, [trainCount, width]);
    const q = tf.tensor2d(queries, [queryCount, width]);
    for (const k of [1, 2, 3, 5, 8]) {
      const {predicted, probabilities} = await knnVote(tf, t, labels, q, {k, classes, chunk: 7});
      expect(Array.from(predicted), `k=${k}`).toEqual(reference(train, labels, queries, width, k, classes));
      for (let i = 0; i < queryCount; i++)
        expect(probabilities.slice(i * classes, (i + 1) * classes).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    }
    tf.dispose([t, q]);
  });

  test("a tie goes to the class of the nearest neighbour, whatever its index", async () => {
    const t = tf.tensor2d([[0], [10], [1.5]], [3, 1]);
    const q = tf.tensor2d([[1]], [1, 1]);
    // Neighbours of 1: 1.5 (class 2), then 0 (class 0); one vote each: class 2, not the lower class 0.
    const {predicted} = await knnVote(tf, t, Uint8Array.from([0, 1, 2]), q, {k: 2, classes: 3});
    expect(predicted[0]).toBe(2);
    tf.dispose([t, q]);
  });

  test("16-bit columns round-trip within half a step", () => {
    const random = seededRandom(6);
    const values = randomArray(random, 50 * 4).map((v, i) => v * (i % 4 === 3 ? 0 : 10 ** (i % 4)));
    const q = quantiseColumns(values, 50, 4);
    const back = dequantiseColumns(q);
    values.forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(q.scale[i % 4] / 2 + 1e-7 * Math.abs(v)));
  });
});

describe("training loop", () => {
  const config: TrainingConfig = {optimizer: "adam", learningRate: 0.01, learningRateDecay: 0.5, epochs: 2, batchSize: 16, seed: 3};
  const tiny: CnnDescription = {
    input: [8, 8, 1],
    layers: [
      {type: "conv", filters: 2, kernel: 3},
      {type: "pool", mode: "max", size: 2},
      {type: "flatten"},
      {type: "dense", units: 8},
      {type: "dropout", rate: 0.5},
      {type: "dense", units: 3, activation: "softmax"}
    ]
  };
  const data = () => {
    const random = seededRandom(8);
    const x = tf.tensor4d(randomArray(random, 40 * 64), [40, 8, 8, 1]);
    const y = tf.tidy(() =>
      tf.oneHot(
        tf.tensor1d(
          Int32Array.from({length: 40}, () => Math.floor(random() * 3)),
          "int32"
        ),
        3
      )
    );
    return {x, y};
  };
  async function run(cfg: TrainingConfig) {
    const model = buildCnn(tf, tiny, {seed: 1});
    compileClassifier(tf, model, cfg);
    const seeds: number[] = [];
    const {x, y} = data();
    const dropout = model.layers.find((l) => l.getClassName() === "Dropout") as unknown as {seed: number};
    const ownSeed = dropout.seed;
    const logs = await trainClassifier(tf, model, {x, y}, cfg, {onBatch: () => void seeds.push(dropout.seed)});
    // Training reseeds every batch; the model keeps its own seed for saving.
    expect(dropout.seed).toBe(ownSeed);
    const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    tf.dispose([x, y]);
    disposeModel(model);
    return {logs, weights, seeds};
  }

  test("is reproducible: same seeds, same losses and weights; dropout gets a new mask seed every batch", async () => {
    const before = tf.memory().numTensors;
    const a = await run(config);
    const b = await run(config);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.logs.map((l) => l.loss)).toEqual(b.logs.map((l) => l.loss));
    expect(a.weights).toEqual(b.weights);
    expect(a.logs.map((l) => l.learningRate)).toEqual([0.01, 0.005]);
    expect(new Set(a.seeds).size).toBe(a.seeds.length);
    const c = await run({...config, seed: 4});
    expect(c.weights).not.toEqual(a.weights);
  });

  test("refuses out-of-range settings with a message", () => {
    expect(validateTraining({...config, epochs: 0})).toEqual({ok: false, message: "Epochs must be at least 1 (got 0)."});
    expect(validateTraining({...config, learningRate: -1})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Learning rate must be above 0/)
    });
    expect(validateTraining({...config, batchSize: 1e6})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Batch size must be at most 4096/)
    });
    for (const specs of Object.values(MODEL_ZOO)) for (const spec of specs) expect(validateSpec(spec)).toMatchObject({ok: true});
  });
});

describe("MLP", () => {
  const description: MlpDescription = {kind: "mlp", inputSize: 12, hidden: [5, 4], activation: "relu", classes: 3};
  test("counts its parameters as tfjs does, and checks its description", () => {
    const model = buildMlp(tf, description, {seed: 2});
    expect(mlpParameterCount(description)).toBe(model.countParams());
    expect(mlpParameterCount(description)).toBe(12 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);
    model.dispose();
    expect(validateMlp({...description, hidden: [5, 0]})).toEqual({ok: false, message: "Hidden layer 2 must be at least 1 (got 0)."});
    expect(validateMlp({...description, activation: "gelu" as never})).toMatchObject({ok: false});
  });
});

describe("model files", () => {
  test("a layers model reloads from model.json + weights.bin with identical predictions", async () => {
    const model = buildCnn(
      tf,
      {
        input: [8, 8, 1],
        layers: [
          {type: "conv", filters: 3, kernel: 3},
          {type: "pool", mode: "max", size: 2},
          {type: "flatten"},
          {type: "dropout", rate: 0.2},
          {type: "dense", units: 4, activation: "softmax"}
        ]
      },
      {seed: 5}
    );
    const files = await layersModelFiles(tf, model);
    // What a page does: JSON parsed from one member, bytes of another (a copy, not a view).
    const reloaded = await loadLayersModelFromFiles(tf, JSON.parse(files["model.json"]), files["weights.bin"].slice().buffer);
    const x = tf.tensor4d(randomArray(seededRandom(9), 5 * 64), [5, 8, 8, 1]);
    const [a, b] = [await predictProbabilities(tf, model, x), await predictProbabilities(tf, reloaded, x)];
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(JSON.parse(files["model.json"]).weightsManifest[0].paths).toEqual(["weights.bin"]);
    await expect(loadLayersModelFromFiles(tf, files["model.json"], files["weights.bin"].slice(4))).rejects.toThrow(
      /weights.bin has \d+ bytes, but model.json describes \d+/
    );
    await expect(loadLayersModelFromFiles(tf, "{nope", files["weights.bin"])).rejects.toThrow(/model.json is not valid JSON/);
    await expect(loadLayersModelFromFiles(tf, {}, files["weights.bin"])).rejects.toThrow(/no modelTopology/);
    tf.dispose(x);
    model.dispose();
    reloaded.dispose();
  });

  test("a k-NN reloads from its four members and classifies the same", async () => {
    const random = seededRandom(10);
    const train = tf.tensor2d(randomArray(random, 80 * 16).map(Math.abs), [80, 16]);
    const labels = Uint8Array.from({length: 80}, () => Math.floor(random() * 3));
    const pca = await fitPca(tf, train, 4);
    const projected = projectPca(tf, pca, train);
    const model: KnnModel = {
      description: {kind: "knn", k: 3, components: 4, inputSize: 16, classes: 3},
      pca,
      features: quantiseColumns(projected.dataSync() as Float32Array, 80, 4),
      labels
    };
    const files = knnModelFiles(model);
    const back = knnModelFromFiles(
      JSON.parse(files["model.json"]),
      files["pca.bin"].slice(),
      files["features.bin"].slice(),
      files["labels.bin"].slice()
    );
    const queries = tf.tensor2d(randomArray(random, 20 * 16).map(Math.abs), [20, 16]);
    const [a, b] = [knnClassifier(tf, model), knnClassifier(tf, back)];
    const [pa, pb] = [await a.classify(queries), await b.classify(queries)];
    expect(Array.from(pb.predicted)).toEqual(Array.from(pa.predicted));
    expect(Array.from(pb.probabilities)).toEqual(Array.from(pa.probabilities));
    expect(() => knnModelFromFiles(files["model.json"], files["pca.bin"].slice(8), files["features.bin"], files["labels.bin"])).toThrow(
      /pca.bin holds \d+ numbers, expected \d+/
    );
    expect(() => knnModelFromFiles(files["model.json"], files["pca.bin"], files["features.bin"], files["labels.bin"].slice(1))).toThrow(
      /labels.bin holds 79 labels, expected 80/
    );
    a.dispose();
    b.dispose();
    tf.dispose([train, projected, queries]);
    expect(maxAbsDiff(back.pca.basis, pca.basis)).toBe(0);
  });
});
