// The shipped numbers are the shipped models': every committed classifier is scored again from
// its committed weights on its own test set (the sentiment models in honesty-sentiment.test.ts), and must give the accuracy its metrics state and
// the same confusion counts and mistakes; the character models' held-out bits per character are
// measured again on the held-out windows the artifact ships. An artifact not trained yet fails.
import type {LayersModel} from "@tensorflow/tfjs";
import {describe, expect, test} from "vitest";
import {readArtifact} from "../../../../src/data/lib/artifacts/artifact.js";
import {recipeById} from "../../../../src/data/lib/recipes/index.js";
import {readFashionMnist, readMnist, PIXELS} from "../../../../src/data/lib/datasets/datasets.js";
import {readCmudict} from "../../../../src/data/lib/datasets/cmudict.js";
import {selectWords, SPLIT, splitWords} from "../../../../src/data/lib/datasets/pronunciation-data.js";
import {decodeImages} from "../../../../src/data/lib/training/digit-names-training.js";
import {decodeWords, scorePronunciations} from "../../../../src/data/lib/training/pronunciation-training.js";
import {scoreNames} from "../../../../src/lib/models/digit-names-model.js";
import {useBackend} from "../../../../src/data/lib/training/tf-node.js";
import {toUnitFloats} from "../../../../src/lib/formats/dataset-files.js";
import type {CharMetrics, CharText} from "../../../../src/lib/formats/char-metrics.js";
import {knnModelFromFiles, loadLayersModelFromFiles} from "../../../../src/lib/formats/model-files.js";
import {roundNumbers, type ModelMetrics} from "../../../../src/lib/formats/model-report.js";
import {charBits, charIndex, encodeChars} from "../../../../src/lib/models/char-model.js";
import {knnClassifier} from "../../../../src/lib/models/knn.js";
import {MODEL_IDS} from "../../../../src/lib/models/zoo.js";
import {disposeModel} from "../../../../src/lib/training/dispose-model.js";
import {classificationMetrics} from "../../../../src/lib/training/metrics.js";
import {predictProbabilities} from "../../../../src/lib/training/train.js";
import {memberText} from "../../../../src/data/lib/datasets/dataset-archive.js";

const json = <T>(bytes: Uint8Array) => JSON.parse(memberText(bytes)) as T;
/** As the metrics files store numbers (6 significant digits). */
const stored = (x: number) => roundNumbers("", x);

describe.each(["mnist-models", "fashion-models"])("%s: scored again from the committed weights", (id) => {
  test("every model's test accuracy, confusion counts and mistakes are its metrics'", {timeout: 600_000}, async () => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById(id));
    const dataset = id === "mnist-models" ? readMnist() : readFashionMnist();
    const labels = dataset.test.labels;
    const xTest = tf.tensor2d(toUnitFloats(dataset.test.images), [dataset.test.count, PIXELS]);
    try {
      for (const model of MODEL_IDS) {
        const metrics = json<ModelMetrics>(members[`${model}/metrics.json`]);
        let scored: ReturnType<typeof classificationMetrics>;
        if (model === "knn") {
          const knn = knnClassifier(
            tf,
            knnModelFromFiles(
              memberText(members["knn/model.json"]),
              members["knn/pca.bin"],
              members["knn/features.bin"],
              members["knn/labels.bin"]
            )
          );
          try {
            const {predicted, probabilities} = await knn.classify(xTest);
            scored = classificationMetrics(labels, probabilities, 10, {predictions: predicted, scoreLoss: false});
          } finally {
            knn.dispose();
          }
        } else {
          const net: LayersModel = await loadLayersModelFromFiles(
            tf,
            memberText(members[`${model}/model.json`]),
            members[`${model}/weights.bin`]
          );
          const inputShape = net.inputs[0].shape.slice(1) as number[];
          const x = xTest.reshape([dataset.test.count, ...inputShape]);
          try {
            scored = classificationMetrics(labels, await predictProbabilities(tf, net, x), 10);
          } finally {
            x.dispose();
            disposeModel(net);
          }
        }
        expect(stored(scored.accuracy), `${id} ${model} accuracy`).toBe(metrics.test.accuracy);
        expect(scored.correct, `${id} ${model} correct`).toBe(metrics.test.correct);
        expect(scored.confusion, `${id} ${model} confusion`).toEqual(metrics.test.confusion);
        expect(Array.from(scored.misclassified.index), `${id} ${model} mistakes`).toEqual(Array.from(metrics.misclassified.index));
      }
    } finally {
      xTest.dispose();
    }
    expect(tf.memory().numTensors).toBeLessThan(50);
  });
});

describe("character models: held-out bits per character measured again", () => {
  test.each(["moby-lstm", "sotu-lstm", "moby-gru"])("%s", {timeout: 600_000}, async (model) => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById("char-models"));
    const metrics = json<CharMetrics>(members[`${model}/metrics.json`]);
    const heldOut = json<CharText>(members[`${metrics.corpus}-text.json`]).heldOut;
    const index = charIndex(metrics.vocab);
    const ids = Int32Array.from(heldOut.windows.flatMap((w) => Array.from(encodeChars(w, index))));
    const net = await loadLayersModelFromFiles(tf, memberText(members[`${model}/model.json`]), members[`${model}/weights.bin`]);
    try {
      const bits = charBits(tf, net, ids, heldOut.windows.length, heldOut.length);
      expect(bits).toBeCloseTo(metrics.bitsPerChar[metrics.bitsPerChar.length - 1], 4);
    } finally {
      disposeModel(net);
    }
  });
});

describe("sequence models: decoded again from the committed weights", () => {
  test("digit names: every test image's decoding and the scores are the shipped ones", {timeout: 600_000}, async () => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById("digit-names"));
    const meta = json<{test: ReturnType<typeof scoreNames>}>(members["meta.json"]);
    const mnist = readMnist();
    const encoder = await loadLayersModelFromFiles(tf, memberText(members["encoder/model.json"]), members["encoder/weights.bin"]);
    const step = await loadLayersModelFromFiles(tf, memberText(members["decoder/model.json"]), members["decoder/weights.bin"]);
    try {
      const decoded = decodeImages(tf, {encoder, step}, mnist.test);
      expect(decoded.join("\n")).toBe(memberText(members["test-decodings.txt"]));
      const scores = scoreNames(decoded, mnist.test.labels);
      expect({exact: scores.exact, charactersRight: scores.charactersRight, notAName: scores.notAName}).toEqual({
        exact: meta.test.exact,
        charactersRight: meta.test.charactersRight,
        notAName: meta.test.notAName
      });
    } finally {
      disposeModel(encoder);
      disposeModel(step);
    }
  });

  test("pronunciation: the held-out words' phoneme error rate is the shipped one", {timeout: 600_000}, async () => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById("pronunciation"));
    const meta = json<{config: {maxSteps: number}; test: {words: number; model: ReturnType<typeof scorePronunciations>}}>(
      members["meta.json"]
    );
    const split = splitWords(selectWords(readCmudict()).words, SPLIT);
    expect(split.test.length).toBe(meta.test.words);
    const encoder = await loadLayersModelFromFiles(tf, memberText(members["encoder/model.json"]), members["encoder/weights.bin"]);
    const step = await loadLayersModelFromFiles(tf, memberText(members["decoder/model.json"]), members["decoder/weights.bin"]);
    try {
      const scores = scorePronunciations(split.test, decodeWords(tf, {encoder, step}, split.test, meta.config.maxSteps));
      expect(scores).toEqual(meta.test.model);
    } finally {
      disposeModel(encoder);
      disposeModel(step);
    }
  });
});
