// The sentiment archives as the loaders ship them (run here in quick mode): the step-by-step
// LSTM (what the text-trajectory and deep pages draw) reproduces the tfjs models on the shipped
// weights within 1e-5 (light weights, float16 and uint8, read by both), padding changes nothing,
// the shipped models score the test reviews as the loader recorded (from light weights: within
// LIGHT_TOLERANCE, which at quick mode's few test reviews means not one changes side), the
// vocabulary comes from training reviews only, one thread and two give the same network, and
// bad settings stop a loader with a message and no output.
import {execFileSync, spawnSync} from "node:child_process";
import {join, resolve} from "node:path";
import JSZip from "jszip";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {bagMetrics, bagOf, bagOfWordsFromFile} from "../../../src/lib/models/bag-of-words.js";
import {loadLayersModelFromFiles, type WeightSpec} from "../../../src/lib/formats/model-files.js";
import {LIGHT_TOLERANCE} from "../../../src/data/lib/artifacts/light-weights.js";
import {perStepModel, scoresByWord} from "../../../src/lib/models/sentiment-model.js";
import type {DeepMeta, SentimentMeta} from "../../../src/lib/formats/sentiment-meta.js";
import {sentimentSteps, sentimentWeightsFromFiles, type SentimentWeights} from "../../../src/lib/rnn/sentiment-steps.js";
import {buildVocabulary, encodeTokens, padSequence, parseVocabulary, type Vocabulary} from "../../../src/lib/text/text-tokens.js";
import {sentimentData, VOCABULARY_MIN_COUNT, VOCABULARY_SIZE} from "../../../src/data/lib/training/sentiment-settings.js";
import {accuracyOf, encodeReviews, predictScores} from "../../../src/data/lib/training/sentiment-training.js";
import {startSentimentBackend} from "../../../src/data/lib/training/sentiment-backend.js";
import {tf} from "../../../src/data/lib/training/tf-node.js";
import {maxAbsDiff, value} from "../../helpers/tensor-helpers.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

function runQuick(loader: string, env: Record<string, string> = {}): Buffer {
  return execFileSync(TSX, [`src/data/${loader}`], {
    cwd: ROOT,
    env: {...process.env, WORKBOOK_QUICK: "1", ...env},
    maxBuffer: 1 << 27,
    stdio: ["ignore", "pipe", "ignore"]
  });
}

async function text(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no member ${name}`);
  return file.async("string");
}

async function bytes(zip: JSZip, name: string): Promise<Uint8Array> {
  return zip.file(name)!.async("uint8array");
}

let sentiment: JSZip;
let deep: JSZip;
let data: ReturnType<typeof sentimentData>;
let vocabulary: Vocabulary;
const models: LayersModel[] = [];

beforeAll(async () => {
  await startSentimentBackend();
  sentiment = await JSZip.loadAsync(runQuick("sentiment.zip.ts"));
  deep = await JSZip.loadAsync(runQuick("deep-sentiment.zip.ts"));
  data = sentimentData();
  vocabulary = value(parseVocabulary(JSON.parse(await text(sentiment, "vocabulary.json"))));
}, 600_000);

afterAll(() => models.forEach((m) => m.dispose()));

async function shipped(zip: JSZip, dir: string): Promise<{model: LayersModel; weights: SentimentWeights; json: unknown; bin: Uint8Array}> {
  const json = JSON.parse(await text(zip, `${dir}/model.json`));
  const bin = await bytes(zip, `${dir}/weights.bin`);
  const model = await loadLayersModelFromFiles(tf, json, bin);
  models.push(model);
  return {model, weights: sentimentWeightsFromFiles(json, bin), json, bin};
}

/** Some real test reviews as id sequences: short and long, and one with unknown words. */
function sampleIds(maxLength: number): Int32Array[] {
  const picked = [data.test[0], data.test[1], data.test[7], data.test.find((r) => r.tokens.length > 150)!];
  const ids = picked.map((r) => encodeTokens(r.tokens, vocabulary)).map((s) => (s.length > maxLength ? s.slice(s.length - maxLength) : s));
  ids.push(encodeTokens(["this", "qwzxv", "film", "was", "not", "good"], vocabulary));
  ids.push(encodeTokens(["superb"], vocabulary));
  return ids;
}

function tfjsScore(model: LayersModel, ids: Int32Array): number {
  return tf.tidy(() => (model.predict(tf.tensor2d(ids, [1, ids.length], "int32")) as Tensor).dataSync()[1]);
}

describe("the shipped sentiment archive (quick mode)", () => {
  test("meta says quick mode; the vocabulary is the training reviews' most frequent words", async () => {
    const meta = JSON.parse(await text(sentiment, "meta.json")) as SentimentMeta;
    expect(meta.quick).toBe(true);
    expect(meta.split.counts.records).toBe(50_000);
    // Quick mode trains two epochs and keeps the one best on validation (the first of equals).
    expect(meta.lstm.epochs).toHaveLength(2);
    const [first, second] = meta.lstm.epochs.map((e) => e.validationAccuracy);
    expect(meta.lstm.keptEpoch).toBe(second > first ? 2 : 1);
    // Recomputed independently from the training half only: the same list.
    const expected = buildVocabulary(
      data.split.train.map((r) => r.tokens),
      {size: VOCABULARY_SIZE, minCount: VOCABULARY_MIN_COUNT}
    );
    expect(vocabulary.words).toEqual(expected);
    // And not the list the test half would give.
    expect(
      buildVocabulary(
        data.split.test.map((r) => r.tokens),
        {size: VOCABULARY_SIZE, minCount: VOCABULARY_MIN_COUNT}
      )
    ).not.toEqual(expected);
  });

  test("the step-by-step LSTM reproduces the tfjs model on the shipped weights (1e-5), word by word", async () => {
    const meta = JSON.parse(await text(sentiment, "meta.json")) as SentimentMeta;
    const {model, weights, json, bin} = await shipped(sentiment, "lstm");
    const twin = perStepModel(tf, model, meta.lstm.arch);
    models.push(twin);
    for (const ids of sampleIds(meta.lstm.training.maxLength)) {
      const run = value(sentimentSteps(ids, weights));
      expect(Math.abs(run.score - tfjsScore(model, ids))).toBeLessThan(1e-5);
      // Every prefix: the twin's per-step scores, the cell's scores after each word.
      expect(maxAbsDiff(run.scores, scoresByWord(tf, twin, ids))).toBeLessThan(1e-5);
      // Padding in front (masked) changes nothing.
      const padded = padSequence(ids, ids.length + 17);
      expect(Math.abs(tfjsScore(model, padded) - run.score)).toBeLessThan(1e-6);
    }
    // Negative control: a perturbed recurrent weight is detected.
    const broken = sentimentWeightsFromFiles(json, bin);
    (broken.layers[0].recurrentKernel[0] as Float32Array)[0] += 0.5;
    const ids = sampleIds(meta.lstm.training.maxLength)[3];
    expect(Math.abs(value(sentimentSteps(ids, broken)).score - tfjsScore(model, ids))).toBeGreaterThan(1e-4);
  });

  test("the reloaded models score the test reviews as the loader recorded (the LSTM from light weights)", async () => {
    const meta = JSON.parse(await text(sentiment, "meta.json")) as SentimentMeta;
    const {model, json} = await shipped(sentiment, "lstm");
    const specs = (json as {weightsManifest: {weights: WeightSpec[]}[]}).weightsManifest[0].weights;
    // As light-weights.ts packages it: the embedding as uint8, the rest as float16.
    expect(specs.map((spec) => [spec.name, spec.quantization?.dtype])).toEqual(
      specs.map((spec) => [spec.name, spec.name === "embedding/embeddings" ? "uint8" : "float16"])
    );
    const test = data.test.slice(0, meta.split.test);
    const encoded = encodeReviews(test, vocabulary, meta.lstm.training.maxLength);
    const scores = await predictScores(tf, model, encoded, null);
    expect(Math.abs(accuracyOf(scores, encoded.labels) - meta.lstm.test.accuracy)).toBeLessThanOrEqual(LIGHT_TOLERANCE);
    expect(Math.round(meta.lstm.test.accuracy * test.length)).toBe(meta.lstm.test.correct);
    const bow = bagOfWordsFromFile(await bytes(sentiment, "bow/weights.bin"), vocabulary.words.length);
    const bowTest = bagMetrics(
      bow,
      test.map((r) => bagOf(encodeTokens(r.tokens, vocabulary))),
      encoded.labels
    );
    expect(bowTest.accuracy).toBeCloseTo(meta.bow.test.accuracy, 10);
    // The bias and padding/unknown weights are as trained: padding and <unk> never move the score.
    expect(bow.weights[0]).toBe(0);
    expect(bow.weights[1]).toBe(0);
    const shortFile = (await bytes(sentiment, "bow/weights.bin")).subarray(4);
    expect(() => bagOfWordsFromFile(shortFile, vocabulary.words.length)).toThrow(/bow\/weights.bin has \d+ bytes, expected \d+/);
  });

  test("examples are test reviews, with the scores the shipped models give them", async () => {
    const examples = JSON.parse(await text(sentiment, "examples.json")) as {text: string; label: number; lstm: number}[];
    expect(examples.length).toBeGreaterThan(4);
    const testTexts = new Set(data.test.map((r) => r.text));
    for (const e of examples) expect(testTexts.has(e.text)).toBe(true);
    expect(new Set(examples.map((e) => e.label))).toEqual(new Set([0, 1]));
  });

  test("one thread and two train the same network", async () => {
    const one = await JSZip.loadAsync(runQuick("sentiment.zip.ts", {WORKBOOK_THREADS: "1"}));
    expect(Buffer.from(await bytes(one, "lstm/weights.bin")).equals(Buffer.from(await bytes(sentiment, "lstm/weights.bin")))).toBe(true);
  }, 300_000);

  test("bad settings stop the loader (training in it) with a message and no output", () => {
    const run = spawnSync(TSX, ["src/data/sentiment.zip.ts"], {
      cwd: ROOT,
      env: {...process.env, WORKBOOK_TRAIN: "1", WORKBOOK_THREADS: "3"},
      encoding: "utf8"
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('sentiment.zip failed: WORKBOOK_THREADS must be 1 or 2, got "3"');
  });
});

describe("the shipped deep archive (quick mode)", () => {
  test("1, 2 and 3 layers; the step-by-step stack reproduces each tfjs model (1e-5)", async () => {
    const meta = JSON.parse(await text(deep, "meta.json")) as DeepMeta;
    expect(meta.quick).toBe(true);
    expect(meta.results.map((r) => r.layers)).toEqual([1, 2, 3]);
    expect(JSON.parse(await text(deep, "vocabulary.json"))).toEqual(vocabulary.words);
    for (const layers of [1, 2, 3]) {
      const {model, weights} = await shipped(deep, `depth-${layers}`);
      expect(weights.layers).toHaveLength(layers);
      expect(model.countParams()).toBe(meta.results[layers - 1].parameters);
      for (const ids of sampleIds(meta.training.maxLength)) {
        const run = value(sentimentSteps(ids, weights));
        expect(run.layers).toHaveLength(layers);
        expect(Math.abs(run.score - tfjsScore(model, ids))).toBeLessThan(1e-5);
      }
    }
  });

  test("each depth's test accuracy is what its shipped (float16) model scores", async () => {
    const meta = JSON.parse(await text(deep, "meta.json")) as DeepMeta;
    const encoded = encodeReviews(data.test.slice(0, meta.split.test), vocabulary, meta.training.maxLength);
    for (const result of meta.results) {
      const {model} = await shipped(deep, `depth-${result.layers}`);
      // From float16 weights: within LIGHT_TOLERANCE (here, not one review changes side).
      expect(
        Math.abs(accuracyOf(await predictScores(tf, model, encoded, null), encoded.labels) - result.test.accuracy)
      ).toBeLessThanOrEqual(LIGHT_TOLERANCE);
    }
  });
});
