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
import type {CharMetrics, CharText} from "../../src/lib/formats/char-metrics.js";
import {charBits, charIndex, encodeChars} from "../../src/lib/models/char-model.js";
import {PIXELS, readMnist} from "../../src/data/lib/datasets/datasets.js";
import {toUnitFloats} from "../../src/lib/formats/dataset-files.js";
import type {ModelMetrics} from "../../src/lib/formats/model-report.js";
import {classificationMetrics} from "../../src/lib/training/metrics.js";
import {predictProbabilities} from "../../src/lib/training/train.js";
import {disposeModel} from "../../src/lib/training/dispose-model.js";
import {memberText} from "../../src/data/lib/datasets/dataset-archive.js";

export interface LightScore {
  /** The folder(s) converted, and how. */
  model: string;
  metric: string;
  /** How many test items the metric counts. */
  count: number;
  float32: number;
  light: number;
  /** The most the score may move, when not LIGHT_TOLERANCE (a score that is not a fraction). */
  tolerance?: number;
}

/** Bits per character may move by at most this much (float16 moves them in the fourth decimal). */
export const BITS_TOLERANCE = 0.001;

type Members = Record<string, Uint8Array | string>;
const json = <T>(content: Uint8Array | string) => JSON.parse(memberText(content)) as T;

async function load(members: Members, folder: string) {
  const tf = await useBackend("wasm");
  return loadLayersModelFromFiles(tf, memberText(members[`${folder}/model.json`]), members[`${folder}/weights.bin`] as Uint8Array);
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
  "mnist-models": async (members, models) => {
    const tf = await useBackend("wasm");
    const {test} = readMnist();
    const xTest = tf.tensor2d(toUnitFloats(test.images), [test.count, PIXELS]);
    const out: LightScore[] = [];
    try {
      for (const model of models) {
        const metrics = json<ModelMetrics>(members[`${model.folder}/metrics.json`]);
        const net = await load(withLightWeights(members, [model]), model.folder);
        const x = xTest.reshape([test.count, ...(net.inputs[0].shape.slice(1) as number[])]);
        try {
          const light = classificationMetrics(test.labels, await predictProbabilities(tf, net, x), 10).accuracy;
          out.push({model: describe(model), metric: "test accuracy", count: test.count, float32: metrics.test.accuracy, light});
        } finally {
          x.dispose();
          disposeModel(net);
        }
      }
    } finally {
      xTest.dispose();
    }
    return out;
  },
  "char-models": async (members, models) => {
    const tf = await useBackend("wasm");
    const out: LightScore[] = [];
    for (const model of models) {
      const metrics = json<CharMetrics>(members[`${model.folder}/metrics.json`]);
      const heldOut = json<CharText>(members[`${metrics.corpus}-text.json`]).heldOut;
      const index = charIndex(metrics.vocab);
      const ids = Int32Array.from(heldOut.windows.flatMap((w) => Array.from(encodeChars(w, index))));
      const net = await load(withLightWeights(members, [model]), model.folder);
      try {
        out.push({
          model: describe(model),
          metric: "held-out bits per character",
          count: heldOut.windows.length * heldOut.length,
          float32: metrics.bitsPerChar[metrics.bitsPerChar.length - 1],
          light: charBits(tf, net, ids, heldOut.windows.length, heldOut.length),
          tolerance: BITS_TOLERANCE
        });
      } finally {
        disposeModel(net);
      }
    }
    return out;
  },
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
