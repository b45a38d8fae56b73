// The test score of a committed model with light weights (float16, or uint8 where listed;
// converted the way the loaders package them, light-weights.ts) beside the float32 score its
// metrics state; the honesty tests show those metrics are what the committed float32 weights
// score. One scorer per recipe.
import {withLightWeights, type LightModel} from "../../src/data/lib/artifacts/light-weights.js";
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

export interface LightScore {
  /** The folder(s) converted, and how. */
  model: string;
  metric: string;
  /** How many test items the metric counts. */
  count: number;
  float32: number;
  light: number;
}

type Members = Record<string, Uint8Array | string>;
const text = (content: Uint8Array | string) => (typeof content === "string" ? content : new TextDecoder().decode(content));
const json = <T>(content: Uint8Array | string) => JSON.parse(text(content)) as T;

async function load(members: Members, folder: string) {
  const tf = await useBackend("wasm");
  return loadLayersModelFromFiles(tf, text(members[`${folder}/model.json`]), members[`${folder}/weights.bin`] as Uint8Array);
}

const describe = ({folder, uint8}: LightModel) => `${folder}${uint8?.length ? ` (uint8: ${uint8.join(", ")})` : ""}`;

/** Sentiment accuracy of one converted folder's network on `count` test reviews. */
async function sentimentAccuracy(members: Members, light: LightModel, count: number, maxLength: number): Promise<number> {
  const tf = await useBackend("wasm");
  const data = sentimentData();
  const encoded = encodeReviews(data.test.slice(0, count), data.vocabulary, maxLength);
  const net = await load(withLightWeights(members, [light]), light.folder);
  try {
    return accuracyOf(await predictScores(tf, net, encoded, null), encoded.labels);
  } finally {
    disposeModel(net);
  }
}

type Scorer = (members: Members, models: readonly LightModel[]) => Promise<LightScore[]>;

export const LIGHT_SCORERS: Record<string, Scorer> = {
  sentiment: async (members, models) => {
    const meta = json<SentimentMeta>(members["meta.json"]);
    if (models.map((m) => m.folder).join() !== "lstm") throw new Error("sentiment: only lstm has a scorer");
    const light = await sentimentAccuracy(members, models[0], meta.split.test, meta.lstm.training.maxLength);
    return [{model: describe(models[0]), metric: "test accuracy", count: meta.split.test, float32: meta.lstm.test.accuracy, light}];
  },
  "deep-sentiment": async (members, models) => {
    const meta = json<DeepMeta>(members["meta.json"]);
    const out: LightScore[] = [];
    for (const model of models) {
      const result = meta.results.find((r) => `depth-${r.layers}` === model.folder);
      if (!result) throw new Error(`deep-sentiment has no model ${model.folder}`);
      const light = await sentimentAccuracy(members, model, meta.split.test, meta.training.maxLength);
      out.push({model: describe(model), metric: "test accuracy", count: meta.split.test, float32: result.test.accuracy, light});
    }
    return out;
  },
  pronunciation: async (members, models) => {
    // Encoder and decoder run as one model: both are converted, or the measurement is not of what ships.
    if (
      models
        .map((m) => m.folder)
        .sort()
        .join() !== "decoder,encoder"
    )
      throw new Error("pronunciation: encoder and decoder go light together");
    const tf = await useBackend("wasm");
    const meta = json<{config: {maxSteps: number}; test: {words: number; model: ReturnType<typeof scorePronunciations>}}>(
      members["meta.json"]
    );
    const split = splitWords(selectWords(readCmudict()).words, SPLIT);
    const light = withLightWeights(members, models);
    const encoder = await load(light, "encoder");
    const step = await load(light, "decoder");
    try {
      const scores = scorePronunciations(split.test, decodeWords(tf, {encoder, step}, split.test, meta.config.maxSteps));
      const model = models.map(describe).join(" + ");
      const {first} = meta.test.model;
      return [
        {model, metric: "phoneme error rate", count: first.referenceLength, float32: first.rate, light: scores.first.rate},
        {
          model,
          metric: "words exactly right",
          count: first.count,
          float32: first.exact / first.count,
          light: scores.first.exact / scores.first.count
        }
      ];
    } finally {
      disposeModel(encoder);
      disposeModel(step);
    }
  }
};

/** Every light score of a recipe's committed models, converted as `models` says. */
export function lightScores(id: string, models: readonly LightModel[]): Promise<LightScore[]> {
  const scorer = LIGHT_SCORERS[id];
  if (!scorer) throw new Error(`no light-weights measurement for ${id}: write one in tests/helpers/light-scores.ts`);
  return scorer(readArtifact(recipeById(id)).members, models);
}
