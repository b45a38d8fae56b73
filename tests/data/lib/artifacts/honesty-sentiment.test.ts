// The sentiment models' shipped numbers are theirs: the LSTM, the bag of words and the deep RNNs
// scored again from their committed weights on their test reviews (a file of its own: scoring
// 24,787 reviews is the longest of these checks, and vitest runs test files side by side).
import {describe, expect, test} from "vitest";
import {readArtifact} from "../../../../src/data/lib/artifacts/artifact.js";
import {recipeById} from "../../../../src/data/lib/recipes/index.js";
import {sentimentData} from "../../../../src/data/lib/training/sentiment-settings.js";
import {accuracyOf, encodeReviews, predictScores} from "../../../../src/data/lib/training/sentiment-training.js";
import type {DeepMeta} from "../../../../src/lib/formats/sentiment-meta.js";
import {useBackend} from "../../../../src/data/lib/training/tf-node.js";
import {loadLayersModelFromFiles} from "../../../../src/lib/formats/model-files.js";
import type {SentimentMeta} from "../../../../src/lib/formats/sentiment-meta.js";
import {bagMetrics, bagOf, bagOfWordsFromFile} from "../../../../src/lib/models/bag-of-words.js";
import {encodeTokens} from "../../../../src/lib/text/text-tokens.js";
import {disposeModel} from "../../../../src/lib/training/dispose-model.js";
import {classificationMetrics} from "../../../../src/lib/training/metrics.js";
import {memberText} from "../../../../src/data/lib/datasets/dataset-archive.js";

const json = <T>(bytes: Uint8Array) => JSON.parse(memberText(bytes)) as T;

describe("sentiment: scored again from the committed weights", () => {
  test("the LSTM's and the bag of words' test accuracy, the LSTM's confusion counts and its kept epoch's validation accuracy are the metrics'", {
    timeout: 900_000
  }, async () => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById("sentiment"));
    const meta = json<SentimentMeta>(members["meta.json"]);
    const data = sentimentData();
    const test = data.test.slice(0, meta.split.test);
    const encoded = encodeReviews(test, data.vocabulary, meta.lstm.training.maxLength);
    const net = await loadLayersModelFromFiles(tf, memberText(members["lstm/model.json"]), members["lstm/weights.bin"]);
    let scores: Float32Array;
    let validationAccuracy: number;
    try {
      scores = await predictScores(tf, net, encoded, null);
      const validation = encodeReviews(data.validation.slice(0, meta.split.validation), data.vocabulary, meta.lstm.training.maxLength);
      validationAccuracy = accuracyOf(await predictScores(tf, net, validation, null), validation.labels);
    } finally {
      disposeModel(net);
    }
    // The weights shipped are the kept epoch's: they score that epoch's validation accuracy.
    const kept = meta.lstm.keptEpoch ?? meta.lstm.epochs.length;
    expect(validationAccuracy).toBe(meta.lstm.epochs[kept - 1].validationAccuracy);
    const lstm = classificationMetrics(
      encoded.labels,
      Float32Array.from({length: 2 * scores.length}, (_, k) => (k % 2 ? scores[k >> 1] : 1 - scores[k >> 1])),
      2
    );
    expect(lstm.correct).toBe(meta.lstm.test.correct);
    expect(lstm.confusion).toEqual(meta.lstm.test.confusion);
    const bow = bagOfWordsFromFile(members["bow/weights.bin"], meta.vocabulary.size);
    const bowTest = bagMetrics(
      bow,
      test.map((r) => bagOf(encodeTokens(r.tokens, data.vocabulary))),
      encoded.labels
    );
    expect(bowTest.accuracy).toBe(meta.bow.test.accuracy);
  });
});

describe("deep RNNs: scored again from the committed weights", () => {
  test("each depth's test accuracy is its metrics'", {timeout: 900_000}, async () => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById("deep-sentiment"));
    const meta = json<DeepMeta>(members["meta.json"]);
    const data = sentimentData();
    const encoded = encodeReviews(data.test.slice(0, meta.split.test), data.vocabulary, meta.training.maxLength);
    for (const result of meta.results) {
      const net = await loadLayersModelFromFiles(
        tf,
        memberText(members[`depth-${result.layers}/model.json`]),
        members[`depth-${result.layers}/weights.bin`]
      );
      try {
        expect(accuracyOf(await predictScores(tf, net, encoded, null), encoded.labels), `${result.layers} layer(s)`).toBe(
          result.test.accuracy
        );
      } finally {
        disposeModel(net);
      }
    }
  });
});
