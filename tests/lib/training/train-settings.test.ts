// The "Train it yourself" page's model code: its fields -> a CNN and a training config (every
// refusal), the validation split, the first-layer filter pictures, live training (points,
// stop, no leaked tensors) and the comparison table with the reader's rows.
// @vitest-environment jsdom
import {beforeAll, describe, expect, test} from "vitest";
import {buildCnn} from "../../../src/lib/models/cnn-description.js";
import {disposeModel} from "../../../src/lib/training/dispose-model.js";
import {evaluateClassifier, testClassifier, trainLive} from "../../../src/lib/training/live-training.js";
import {compileClassifier, predictProbabilities} from "../../../src/lib/training/train.js";
import {
  DEFAULT_TEXT,
  filterImages,
  parseFilters,
  planTraining,
  validationSplit,
  type TrainText
} from "../../../src/lib/training/train-settings.js";
import {comparisonTable} from "../../../src/views/practical/model-comparison.js";
import type {ModelsSummary} from "../../../src/lib/formats/model-report.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {registerWasmConvBackpropFilter} from "../../../src/lib/wasm/wasm-conv-backprop-filter.js";

beforeAll(async () => {
  await useBackend("wasm");
  registerWasmConvBackpropFilter(tf);
});

const plan = (changes: Partial<TrainText> = {}, pooling: "max" | "avg" | "none" = "max", available = 5000) =>
  planTraining({...DEFAULT_TEXT, ...changes}, pooling, {available});
const message = (changes: Partial<TrainText>, pooling: "max" | "avg" | "none" = "max") => {
  const r = plan(changes, pooling);
  return r.ok ? "accepted" : r.message;
};

describe("planTraining", () => {
  test("the defaults: conv 8 and 16 (5×5) with max pooling, dense 64, dropout, and tfjs agrees on the parameters", () => {
    const r = plan();
    if (!r.ok) throw new Error(r.message);
    const {description, summary, training, trainCount} = r.value;
    expect(description.layers.map((l) => l.type)).toEqual(["conv", "pool", "conv", "pool", "flatten", "dense", "dropout", "dense"]);
    // 28 -5+1-> 24 -pool-> 12 -5+1-> 8 -pool-> 4: 4·4·16 = 256 inputs to the dense layer.
    expect(summary.layers.map((l) => l.outputShape.join("×"))).toEqual(["24×24×8", "12×12×8", "8×8×16", "4×4×16", "256", "64", "64", "10"]);
    const byHand = 5 * 5 * 1 * 8 + 8 + (5 * 5 * 8 * 16 + 16) + (256 * 64 + 64) + (64 * 10 + 10);
    expect(summary.totalParams).toBe(byHand);
    const model = buildCnn(tf, description);
    expect(model.countParams()).toBe(byHand);
    model.dispose();
    expect(training).toEqual({optimizer: "adam", learningRate: 0.002, learningRateDecay: 1, epochs: 2, batchSize: 64, seed: 1});
    expect(trainCount).toBe(3000);
  });

  test("no pooling, average pooling, no dropout, three conv layers", () => {
    const none = plan({filters: "4 4 4", kernel: "3", dropout: "0"}, "none");
    if (!none.ok) throw new Error(none.message);
    expect(none.value.description.layers.map((l) => l.type)).toEqual(["conv", "conv", "conv", "flatten", "dense", "dense"]);
    expect(none.value.summary.outputShape).toEqual([10]);
    expect(none.value.summary.layers[2].outputShape).toEqual([22, 22, 4]);
    const avg = plan({}, "avg");
    expect(avg.ok && avg.value.description.layers[1]).toEqual({type: "pool", mode: "avg", size: 2});
  });

  test("absurd settings are refused with a reason", () => {
    expect(message({learningRate: "0"})).toBe("The learning rate must be above 0 (got 0): the weights would not move, or move uphill.");
    expect(message({learningRate: "-0.01"})).toMatch(/^The learning rate must be above 0 \(got -0.01\)/);
    expect(message({learningRate: "fast"})).toBe('Learning rate: "fast" is not a number.');
    expect(message({learningRate: "50"})).toBe("Learning rate must be above 0 and at most 10 (got 50).");
    expect(message({filters: "8, 0"})).toBe("Filters in conv2 must be at least 1 (got 0).");
    expect(message({filters: ""})).toMatch(/^Filters: give one number per convolutional layer/);
    expect(message({filters: "1 2 3 4 5"})).toBe("Filters: at most 4 convolutional layers here (got 5).");
    // 28 -13+1-> 16 -pool-> 8: a 13×13 kernel does not fit the second layer's 8×8 input.
    expect(message({kernel: "13"})).toMatch(/^Layer 3 \(conv2\): the kernel.*larger than the input/);
    expect(message({kernel: "29"})).toBe("Kernel size can be at most 28 here (got 29).");
    expect(message({kernel: "0"})).toBe("Kernel size must be at least 1 (got 0).");
    expect(message({batchSize: "6000"})).toBe(
      "The batch size (6,000) is larger than the training set (3,000 images): one batch could not be filled."
    );
    expect(message({batchSize: "0"})).toBe("Batch size must be at least 1 (got 0).");
    expect(message({trainCount: "9000"})).toBe("Training images can be at most 5,000 here (got 9,000).");
    expect(message({trainCount: "5"})).toBe("Training images must be at least 10 (got 5).");
    expect(message({epochs: "0"})).toBe("Epochs must be at least 1 (got 0).");
    expect(message({epochs: "2.5"})).toBe("Epochs must be a whole number (got 2.5).");
    expect(message({dropout: "1"})).toMatch(/^Dropout is the fraction of units switched off: at least 0 and below 1 \(got 1\)/);
    expect(message({dense: "0"})).toBe("Dense units must be at least 1 (got 0).");
    // Five 2×2 poolings of 28 leave nothing: refused with the layer named.
    expect(message({filters: "1 1 1 1", kernel: "1"})).toBe("accepted");
    expect(message({filters: "1 1 1 1", kernel: "3"})).toMatch(/^Layer 7 \(conv4\)/);
  });

  test("parseFilters reads commas, spaces and semicolons", () => {
    expect(parseFilters("8, 16;32  4")).toEqual({ok: true, value: [8, 16, 32, 4]});
  });
});

describe("validationSplit", () => {
  test("100 per class held out, the rest balanced in every prefix, disjoint and complete, the same every time", () => {
    const random = seededRandom(3);
    const labels = Uint8Array.from({length: 6000}, (_, i) => (i < 600 * 10 ? Math.floor(i / 600) : 0));
    // Shuffle the labels so the split cannot lean on their order.
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [labels[i], labels[j]] = [labels[j], labels[i]];
    }
    const {train, validation} = validationSplit(labels);
    expect(validation).toHaveLength(1000);
    expect(train).toHaveLength(5000);
    expect(new Set([...train, ...validation]).size).toBe(6000);
    const counts = (indices: number[]) =>
      indices.reduce((c, i) => {
        c[labels[i]]++;
        return c;
      }, new Array(10).fill(0));
    expect(counts(validation)).toEqual(new Array(10).fill(100));
    expect(counts(train.slice(0, 200))).toEqual(new Array(10).fill(20));
    expect(validationSplit(labels)).toEqual({train, validation});
  });
});

describe("filterImages", () => {
  test("each filter's kernel as a picture, the same as tfjs's transpose", () => {
    const shape = [3, 2, 1, 4];
    const kernel = Float32Array.from({length: 24}, (_, i) => i * 0.5 - 3);
    const expected = tf.tidy(() =>
      tf
        .tensor4d(kernel, shape as [number, number, number, number])
        .reshape([3, 2, 4])
        .transpose([2, 0, 1])
        .dataSync()
    );
    expect(Array.from(filterImages(kernel, shape))).toEqual(Array.from(expected));
    expect(() => filterImages(kernel, [2, 2, 2, 3])).toThrow(/only 1 is drawn/);
  });
});

describe("trainLive", () => {
  const tiny = () => {
    const r = plan({
      filters: "2",
      kernel: "3",
      dense: "8",
      dropout: "0",
      epochs: "2",
      batchSize: "10",
      trainCount: "40",
      learningRate: "0.01"
    });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const data = () =>
    tf.tidy(() => {
      const random = seededRandom(5);
      const x = tf.tensor4d(
        Float32Array.from({length: 60 * 784}, () => random()),
        [60, 28, 28, 1]
      );
      const y = tf.oneHot(
        tf.tensor1d(
          Int32Array.from({length: 60}, (_, i) => i % 10),
          "int32"
        ),
        10
      );
      return {x: x.slice(0, 40), y: y.slice(0, 40), xValidation: x.slice(40), yValidation: y.slice(40)};
    });

  test("a point per batch here, validation before and during, the model's own evaluation matches; stop keeps the model", async () => {
    const d = data();
    const start = tf.memory().numTensors;
    const {description, training} = tiny();
    const model = buildCnn(tf, description);
    compileClassifier(tf, model, training);
    const updates: number[] = [];
    const run = await trainLive(tf, model, d, training, {checksPerEpoch: 2, onUpdate: (s) => void updates.push(s.points.length)});
    // 2 epochs × 4 batches; with 4 batches per epoch and 40 points per epoch requested, every batch is a point.
    expect(run.batches).toBe(8);
    expect(run.stopped).toBe(false);
    expect(run.seen).toBe(80);
    expect(run.points.filter((p) => p.split === "training")).toHaveLength(8);
    // Before training, after batch 1, then every 2 batches: 1 + 1 + 4 = 6 (batch 2 of epoch 1 counts once).
    expect(run.points.filter((p) => p.split === "validation").map((p) => p.seen)).toEqual([0, 10, 20, 40, 60, 80]);
    expect(updates).toHaveLength(8);
    expect(updates[7]).toBeGreaterThan(updates[0]);
    expect(run.epochs).toHaveLength(2);
    const last = run.points.at(-1)!;
    expect(last.accuracy).toBeCloseTo(evaluateClassifier(tf, model, d.xValidation, d.yValidation).accuracy, 6);
    // Test metrics: the same accuracy as tfjs's own argmax on its predictions.
    const progress: number[] = [];
    const metrics = await testClassifier(
      tf,
      model,
      d.xValidation,
      Array.from({length: 20}, (_, i) => i % 10),
      (done) => void progress.push(done)
    );
    const predicted = tf.tidy(() => (model.predict(d.xValidation) as import("@tensorflow/tfjs").Tensor).argMax(-1).dataSync());
    expect(metrics.accuracy).toBe(Array.from(predicted).filter((p, i) => p === i % 10).length / 20);
    expect(progress).toEqual([20]);
    // Stop after three batches: the run ends there, and the model keeps its weights.
    const model2 = buildCnn(tf, description);
    compileClassifier(tf, model2, training);
    let batches = 0;
    const stopped = await trainLive(tf, model2, d, training, {shouldStop: () => batches >= 3, onUpdate: () => void batches++});
    expect(stopped).toMatchObject({stopped: true, batches: 3, seen: 30});
    const weights = tf.tidy(() => model2.getWeights()[0].dataSync().slice());
    const fresh = buildCnn(tf, description);
    expect(Array.from(weights)).not.toEqual(Array.from(fresh.getWeights()[0].dataSync()));
    fresh.dispose();
    disposeModel(model);
    disposeModel(model2);
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose(Object.values(d));
  });

  test("predictProbabilities reports progress batch by batch", async () => {
    const model = buildCnn(tf, tiny().description);
    const x = tf.zeros([7, 28, 28, 1]);
    const done: number[] = [];
    const p = await predictProbabilities(tf, model, x, 3, (n, count) => void done.push(n, count));
    expect(p).toHaveLength(70);
    expect(done).toEqual([3, 7, 6, 7, 7, 7]);
    x.dispose();
    model.dispose();
  });
});

describe("comparisonTable with the reader's models", () => {
  test("extra rows follow the shipped ones and count in the caption and the best accuracy", () => {
    const summary = {
      dataset: {id: "mnist", name: "MNIST", classes: []},
      quick: false,
      note: "test",
      models: [
        {
          id: "softmax",
          name: "Softmax regression",
          parameters: 7850,
          trainingCount: 60000,
          trainingSeconds: 3,
          testCount: 10000,
          testAccuracy: 0.92,
          testLoss: 0.3,
          testSeconds: 0.4,
          epochs: [{}, {}]
        }
      ]
    } as unknown as ModelsSummary;
    const table = comparisonTable(summary, {
      width: 640,
      extra: [
        {id: "yours-1", name: "Yours #1", parameters: 21_834, trainingSeconds: 12.5, testSeconds: 2, testAccuracy: 0.95, epochs: [{}]}
      ]
    });
    const rows = [...table.querySelectorAll("tbody tr")].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Softmax regression", "92.00%", "7,850", "2", "3.0 s", "0.4 s"],
      ["Yours #1", "95.00%", "21,834", "1", "13 s", "2.0 s"]
    ]);
    expect(table.querySelector("caption")?.textContent).toBe("MNIST: 2 models, 10,000 test images");
    expect((table.querySelectorAll("tbody tr")[1].children[1] as HTMLElement).style.fontWeight).toBe("bold");
    // Rows tested on different numbers of images: no test-time column.
    const untimed = comparisonTable(summary, {width: 640, testing: false});
    expect([...untimed.querySelectorAll("thead th")].map((th) => th.textContent)).not.toContain("Testing");
  });
});
