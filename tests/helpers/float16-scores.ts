// The test score of a committed model with its weights as float16 (converted the way the loaders
// package them, float16-members.ts) beside the float32 score its metrics state; the honesty tests
// show those metrics are what the committed float32 weights score. One scorer per recipe.
import {withFloat16Weights} from "../../src/data/lib/artifacts/float16-members.js";
import {readArtifact} from "../../src/data/lib/artifacts/artifact.js";
import {recipeById} from "../../src/data/lib/recipes/index.js";
import {readCmudict} from "../../src/data/lib/datasets/cmudict.js";
import {selectWords, SPLIT, splitWords} from "../../src/data/lib/datasets/pronunciation-data.js";
import {decodeWords, scorePronunciations} from "../../src/data/lib/training/pronunciation-training.js";
import {sentimentData} from "../../src/data/lib/training/sentiment-settings.js";
import {accuracyOf, encodeReviews, predictScores} from "../../src/data/lib/training/sentiment-training.js";
import {useBackend} from "../../src/data/lib/training/tf-node.js";
import {loadLayersModelFromFiles} from "../../src/lib/formats/model-files.js";
import type {DeepMeta, SentimentMeta} from "../../src/lib/formats/sentiment-meta.js";
import {disposeModel} from "../../src/lib/training/dispose-model.js";

export interface Float16Score {
  /** The folder(s) converted. */
  model: string;
  metric: string;
  /** How many test items the metric counts. */
  count: number;
  float32: number;
  float16: number;
}

type Members = Record<string, Uint8Array | string>;
const text = (content: Uint8Array | string) => (typeof content === "string" ? content : new TextDecoder().decode(content));
const json = <T>(content: Uint8Array | string) => JSON.parse(text(content)) as T;

async function load(members: Members, folder: string) {
  const tf = await useBackend("wasm");
  return loadLayersModelFromFiles(tf, text(members[`${folder}/model.json`]), members[`${folder}/weights.bin`] as Uint8Array);
}

/** Sentiment accuracy of one converted folder's network on `count` test reviews. */
async function sentimentAccuracy(members: Members, folder: string, count: number, maxLength: number): Promise<number> {
  const tf = await useBackend("wasm");
  const data = sentimentData();
  const encoded = encodeReviews(data.test.slice(0, count), data.vocabulary, maxLength);
  const net = await load(withFloat16Weights(members, [folder]), folder);
  try {
    return accuracyOf(await predictScores(tf, net, encoded, null), encoded.labels);
  } finally {
    disposeModel(net);
  }
}

type Scorer = (members: Members, folders: readonly string[]) => Promise<Float16Score[]>;

export const FLOAT16_SCORERS: Record<string, Scorer> = {
  sentiment: async (members, folders) => {
    const meta = json<SentimentMeta>(members["meta.json"]);
    if (folders.join() !== "lstm") throw new Error(`sentiment: only lstm has a scorer, not ${folders.join(", ")}`);
    const float16 = await sentimentAccuracy(members, "lstm", meta.split.test, meta.lstm.training.maxLength);
    return [{model: "lstm", metric: "test accuracy", count: meta.split.test, float32: meta.lstm.test.accuracy, float16}];
  },
  "deep-sentiment": async (members, folders) => {
    const meta = json<DeepMeta>(members["meta.json"]);
    const out: Float16Score[] = [];
    for (const folder of folders) {
      const result = meta.results.find((r) => `depth-${r.layers}` === folder);
      if (!result) throw new Error(`deep-sentiment has no model ${folder}`);
      const float16 = await sentimentAccuracy(members, folder, meta.split.test, meta.training.maxLength);
      out.push({model: folder, metric: "test accuracy", count: meta.split.test, float32: result.test.accuracy, float16});
    }
    return out;
  },
  pronunciation: async (members, folders) => {
    // Encoder and decoder run as one model: both are converted, or the measurement is not of what ships.
    if ([...folders].sort().join() !== "decoder,encoder") throw new Error("pronunciation: encoder and decoder go float16 together");
    const tf = await useBackend("wasm");
    const meta = json<{config: {maxSteps: number}; test: {words: number; model: ReturnType<typeof scorePronunciations>}}>(
      members["meta.json"]
    );
    const split = splitWords(selectWords(readCmudict()).words, SPLIT);
    const half = withFloat16Weights(members, folders);
    const encoder = await load(half, "encoder");
    const step = await load(half, "decoder");
    try {
      const scores = scorePronunciations(split.test, decodeWords(tf, {encoder, step}, split.test, meta.config.maxSteps));
      const model = "encoder + decoder";
      const {first} = meta.test.model;
      return [
        {model, metric: "phoneme error rate", count: first.referenceLength, float32: first.rate, float16: scores.first.rate},
        {
          model,
          metric: "words exactly right",
          count: first.count,
          float32: first.exact / first.count,
          float16: scores.first.exact / scores.first.count
        }
      ];
    } finally {
      disposeModel(encoder);
      disposeModel(step);
    }
  }
};

/** Every float16 score of a recipe's committed models, the named folders converted. */
export function float16Scores(id: string, folders: readonly string[]): Promise<Float16Score[]> {
  const scorer = FLOAT16_SCORERS[id];
  if (!scorer) throw new Error(`no float16 measurement for ${id}: write one in tests/helpers/float16-scores.ts`);
  return scorer(readArtifact(recipeById(id)).members, folders);
}
