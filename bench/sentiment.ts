// The sentiment models' cost: build-time training seconds per model (from the metrics the
// loaders wrote: Framework's cache after `npm run build`, or a quick-mode run now if there is
// none), and the inference latency of one typed review of 200 words as the sentiment page does it
// (tokenize, look up, one call of the per-step network), on tfjs's cpu and wasm backends, beside
// the step-by-step cell in plain JavaScript that the text-trajectory and deep pages run.
//
//   npx tsx bench/sentiment.ts
import {execFileSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {loadavg} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import JSZip from "jszip";
import type {LayersModel} from "@tensorflow/tfjs";
import {disposeModel} from "../src/lib/training/dispose-model.js";
import {loadLayersModelFromFiles} from "../src/lib/formats/model-files.js";
import {perStepModel, scoresByWord} from "../src/lib/models/sentiment-model.js";
import type {DeepMeta, SentimentMeta} from "../src/lib/formats/sentiment-meta.js";
import {readReview} from "../src/lib/text/sentiment-review.js";
import {sentimentSteps, sentimentWeightsFromFiles} from "../src/lib/rnn/sentiment-steps.js";
import {parseVocabulary, tokenize, type Vocabulary} from "../src/lib/text/text-tokens.js";
import {unwrap} from "../src/lib/core/result.js";
import {readReviews} from "../src/data/lib/datasets/imdb.js";
import {tf, useBackend} from "../src/data/lib/training/tf-node.js";
import {ROOT} from "../tests/e2e/site.js";

type Log = (line: string) => void;

/** The loader's zip: from Framework's cache, else made now in quick mode (and said so). */
export async function archive(name: string, log: Log): Promise<{zip: JSZip; source: string}> {
  const cached = join(ROOT, "src/.observablehq/cache/data", name);
  if (existsSync(cached)) return {zip: await JSZip.loadAsync(readFileSync(cached)), source: "the last build (Framework's cache)"};
  log(`  ${name}: not in the cache (run \`npm run build\` for the full models); running it in quick mode now`);
  const bytes = execFileSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/data", `${name}.ts`)], {
    cwd: ROOT,
    env: {...process.env, WORKBOOK_QUICK: "1"},
    maxBuffer: 1 << 27,
    stdio: ["ignore", "pipe", "ignore"]
  });
  return {zip: await JSZip.loadAsync(bytes), source: "a quick-mode run now (NOT the full models)"};
}

const member = async (zip: JSZip, name: string) => {
  const file = zip.file(name);
  if (!file) throw new Error(`the archive has no ${name}`);
  return file;
};

/** " (N CPU s)", or nothing for metrics written before CPU time was recorded. */
const cpu = (seconds: number | undefined) => (typeof seconds === "number" ? ` (${seconds.toFixed(0)} CPU s, both threads)` : "");

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** A real review of at least `words` words, cut to its last `words` (the page reads at most 200). */
function reviewOf(words: number): string {
  const review = readReviews().find((r) => tokenize(r.text).length >= words);
  if (!review) throw new Error(`no review has ${words} words`);
  return tokenize(review.text).slice(-words).join(" ");
}

async function pageLatency(
  backend: "cpu" | "wasm",
  modelJson: unknown,
  weights: Uint8Array,
  meta: SentimentMeta,
  vocabulary: Vocabulary,
  text: string,
  runs: number
): Promise<{ms: number; tensorsBefore: number; tensorsAfter: number}> {
  await useBackend(backend);
  const trained = await loadLayersModelFromFiles(tf, modelJson, weights);
  let perStep: LayersModel | null = null;
  try {
    perStep = perStepModel(tf, trained, meta.lstm.arch);
    const review = () => {
      const read = unwrap(readReview(text, vocabulary, {maxWords: meta.lstm.training.maxLength}));
      return scoresByWord(tf, perStep!, read.ids);
    };
    for (let i = 0; i < 3; i++) review();
    const tensorsBefore = tf.memory().numTensors;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      review();
      times.push(performance.now() - started);
    }
    return {ms: median(times), tensorsBefore, tensorsAfter: tf.memory().numTensors};
  } finally {
    disposeModel(trained);
    if (perStep) disposeModel(perStep);
  }
}

export async function benchSentiment({log = console.log as Log, words = 200, runs = 25} = {}): Promise<void> {
  log("Build-time training, from the loaders' metrics:");
  const {zip, source} = await archive("sentiment.zip", log);
  const meta = JSON.parse(await (await member(zip, "meta.json")).async("string")) as SentimentMeta;
  log(`  sentiment.zip (${source})${meta.quick ? " QUICK MODE" : ""}, ${meta.backend}:`);
  log(
    `    LSTM (${meta.lstm.arch.units} units, ${meta.lstm.training.epochs} epoch(s) on ${meta.split.train.toLocaleString("en")} reviews): ${meta.lstm.trainingSeconds.toFixed(1)} s training${cpu(meta.lstm.trainingCpuSeconds)}, test accuracy ${(100 * meta.lstm.test.accuracy).toFixed(2)}% on ${meta.lstm.test.count.toLocaleString("en")} (scoring them: ${meta.lstm.test.seconds.toFixed(1)} s)`
  );
  log(
    `    bag of words (logistic regression): ${meta.bow.trainingSeconds.toFixed(1)} s training, test accuracy ${(100 * meta.bow.test.accuracy).toFixed(2)}%`
  );
  log(`    whole loader: ${meta.seconds.toFixed(0)} s wall${cpu(meta.cpuSeconds)} (wall times include any other load on the machine then)`);
  const deep = await archive("deep-sentiment.zip", log);
  const deepMeta = JSON.parse(await (await member(deep.zip, "meta.json")).async("string")) as DeepMeta;
  log(`  deep-sentiment.zip (${deep.source})${deepMeta.quick ? " QUICK MODE" : ""}:`);
  for (const r of deepMeta.results)
    log(
      `    ${r.layers} LSTM layer(s) of ${r.arch.units}: ${r.trainingSeconds.toFixed(1)} s training${cpu(r.trainingCpuSeconds)}, test accuracy ${(100 * r.test.accuracy).toFixed(2)}% on ${r.test.count.toLocaleString("en")}`
    );
  log(`    whole loader: ${deepMeta.seconds.toFixed(0)} s wall${cpu(deepMeta.cpuSeconds)}`);

  const vocabulary = unwrap(parseVocabulary(JSON.parse(await (await member(zip, "vocabulary.json")).async("string"))));
  const modelJson = JSON.parse(await (await member(zip, "lstm/model.json")).async("string"));
  const weights = await (await member(zip, "lstm/weights.bin")).async("uint8array");
  const text = reviewOf(words);
  log(
    `\nInference per typed review of ${words} words (a real review; tokenize, look up, LSTM steps; median of ${runs}; load average ${loadavg()[0].toFixed(2)}):`
  );
  for (const backend of ["cpu", "wasm"] as const) {
    const {ms, tensorsBefore, tensorsAfter} = await pageLatency(backend, modelJson, weights, meta, vocabulary, text, runs);
    log(
      `  sentiment page path, tfjs ${backend} backend: ${ms.toFixed(1)} ms (target < 30 ms on cpu)${tensorsAfter === tensorsBefore ? "" : `; TENSOR LEAK: ${tensorsBefore} → ${tensorsAfter}`}`
    );
  }
  const cell = sentimentWeightsFromFiles(modelJson, weights);
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    unwrap(sentimentSteps(unwrap(readReview(text, vocabulary, {maxWords: meta.lstm.training.maxLength})).ids, cell));
    if (i >= 3) times.push(performance.now() - started);
  }
  log(`  step-by-step cell in plain JavaScript (text-trajectory and deep pages; every state kept): ${median(times).toFixed(1)} ms`);
  await useBackend("wasm");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSentiment().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
