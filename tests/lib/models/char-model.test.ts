// The character models: the corpus parsers on hand-made files (good, and each way one can be
// corrupt), the held-out split, the vocabulary, encoding and the seed-text check, temperature and
// sampling against hand computation, the n-gram baselines against hand-counted bigrams, the
// step-by-step generator against tfjs's own predictions (1e-5), and the quick loader's archive.
import {spawn} from "node:child_process";
import {join, resolve} from "node:path";
import JSZip from "jszip";
import {beforeAll, describe, expect, test} from "vitest";
import type {CharMetrics, CharPassages, CharSummary, CharText} from "../../../src/lib/formats/char-metrics.js";
import {
  buildCharVocabulary,
  charBits,
  charIndex,
  charModel,
  charStepper,
  charWeightsFromFiles,
  charWeightsFromModel,
  checkSeedText,
  decodeChars,
  encodeChars,
  feedIds,
  generateIds,
  randomWindows,
  sampleIds,
  sampleIndex,
  textBits,
  trainCharBatch,
  UNKNOWN_CHAR,
  unknownChars,
  withTemperature,
  type CharCell
} from "../../../src/lib/models/char-model.js";
import {disposeModel} from "../../../src/lib/training/dispose-model.js";
import {layersModelFiles, loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {clipByGlobalNorm, evenWindows, ngramBits} from "../../../src/data/lib/training/char-training.js";
import {
  normalizeText,
  parseMobyChapter,
  parseSotuName,
  parseSotuText,
  readMoby,
  readSotu,
  splitDocuments
} from "../../../src/data/lib/datasets/corpora.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const FIXTURES = join(ROOT, "tests/fixtures/corpora");

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("Moby Dick chapters", () => {
  const good = JSON.stringify({
    chapter: "7",
    title: "The Chapel.",
    text: "In this same New Bedford there stands a Whaleman’s Chapel, and few are the moody fishermen, shortly bound."
  });

  test("a good chapter parses, with its number and title", () => {
    const chapter = parseMobyChapter(good, "chapter_7.json");
    expect(chapter.chapter).toBe(7);
    expect(chapter.id).toBe("chapter 7");
    expect(chapter.title).toBe("Chapter 7: The Chapel.");
    expect(chapter.text.startsWith("In this same New Bedford")).toBe(true);
  });

  test("each corrupt file gets a message naming the file and the problem", () => {
    const json = JSON.parse(good);
    expect(errorOf(() => parseMobyChapter("{chapter: 7", "chapter_7.json"))).toMatch(/chapter_7\.json: not valid JSON/);
    expect(errorOf(() => parseMobyChapter("[1, 2]", "c.json"))).toMatch(/c\.json: expected an object/);
    expect(errorOf(() => parseMobyChapter(JSON.stringify({...json, chapter: "seven"}), "c.json"))).toMatch(/c\.json: "chapter" is "seven"/);
    expect(errorOf(() => parseMobyChapter(JSON.stringify({...json, chapter: "0"}), "c.json"))).toMatch(/"chapter" is "0"/);
    expect(errorOf(() => parseMobyChapter(JSON.stringify({...json, title: 3}), "c.json"))).toMatch(/"title" is number/);
    expect(errorOf(() => parseMobyChapter(JSON.stringify({chapter: "7", title: "T"}), "c.json"))).toMatch(/"text" is missing/);
    expect(errorOf(() => parseMobyChapter(JSON.stringify({...json, text: "Too short."}), "c.json"))).toMatch(/"text" has 10 characters/);
  });

  test("a folder reads in chapter order (chapter files only); a missing chapter is named", () => {
    const corpus = readMoby(join(FIXTURES, "moby"), {minChapters: 3});
    expect(corpus.documents.map((d) => d.id)).toEqual(["chapter 1", "chapter 2", "chapter 3"]);
    // Windows line ends gone, at most one blank line, the non-breaking space made plain.
    expect(corpus.documents[0].text).toContain("shore.\n\nI thought");
    expect(corpus.documents[1].text).toContain("went on.");
    expect(errorOf(() => readMoby(join(FIXTURES, "moby-gap"), {minChapters: 1}))).toMatch(/chapter 2 is missing/);
    expect(errorOf(() => readMoby(join(FIXTURES, "moby"), {minChapters: 135}))).toMatch(/3 chapter files, expected 135/);
    expect(errorOf(() => readMoby(join(FIXTURES, "nowhere")))).toMatch(/nowhere: cannot list \(ENOENT\)/);
  });

  test("the real package has 135 chapters", () => {
    const corpus = readMoby();
    expect(corpus.documents).toHaveLength(135);
    expect(corpus.documents[0].text.startsWith("Call me Ishmael.")).toBe(true);
  });
});

describe("State of the Union addresses", () => {
  test("file names give year, speaker and party; others are refused", () => {
    expect(parseSotuName("data/2019_donald_j_trump_r.txt")).toEqual({year: 2019, speaker: "Donald J Trump", party: "r"});
    expect(parseSotuName("1990_george_bush_r.txt")).toEqual({year: 1990, speaker: "George Bush", party: "r"});
    expect(errorOf(() => parseSotuName("speech.txt"))).toMatch(/speech\.txt: the name is not YEAR_NAME_PARTY\.txt/);
    expect(errorOf(() => parseSotuName("2019_trump.json"))).toMatch(/not YEAR_NAME_PARTY/);
  });

  test("text: line ends made plain; empty or binary text is refused", () => {
    expect(parseSotuText(`${"Mr. Speaker. ".repeat(100)}\r\nThanks.`, "a.txt")).toMatch(/Speaker\.\nThanks\.$/);
    expect(errorOf(() => parseSotuText("Too short.", "a.txt"))).toMatch(/a\.txt: 10 characters; an address has at least 1,000/);
    expect(errorOf(() => parseSotuText(`${"x".repeat(2000)}\u0000`, "b.txt"))).toMatch(/b\.txt: not UTF-8 text/);
  });

  test("a folder reads addresses from the given year on, in order", () => {
    const corpus = readSotu(join(FIXTURES, "sotu"), 1990);
    expect(corpus.documents.map((d) => d.id)).toEqual(["1991 George Bush", "2019 Donald J Trump"]);
    expect(corpus.note).toContain("1990–2019");
    expect(errorOf(() => readSotu(join(FIXTURES, "sotu"), 2050))).toMatch(/no address from 2050 on/);
  });

  test("the real package gives the 32 addresses of 1990–2021", () => {
    const corpus = readSotu();
    expect(corpus.documents).toHaveLength(32);
    expect(corpus.documents[0].id).toBe("1990 George Bush");
    expect(corpus.documents.at(-1)!.id).toBe("2021 Joseph R Biden");
  });
});

describe("normalizing and splitting", () => {
  test("normalizeText", () => {
    expect(normalizeText("  a  \r\nb\u00a0c\u2011d\n\n\n\ne\t ")).toBe("a\nb c-d\n\ne");
  });

  test("held-out documents: seeded, disjoint, the asked share, in corpus order", () => {
    const docs = Array.from({length: 40}, (_, i) => ({id: `d${i}`, title: `D${i}`, text: "x"}));
    const a = splitDocuments(docs, 0.1, 5);
    const b = splitDocuments(docs, 0.1, 5);
    expect(a.heldOut.map((d) => d.id)).toEqual(b.heldOut.map((d) => d.id));
    expect(a.heldOut).toHaveLength(4);
    expect(a.train).toHaveLength(36);
    const ids = new Set(a.train.map((d) => d.id));
    expect(a.heldOut.some((d) => ids.has(d.id))).toBe(false);
    const order = (list: {id: string}[]) => list.map((d) => Number(d.id.slice(1)));
    expect(order(a.heldOut)).toEqual([...order(a.heldOut)].sort((x, y) => x - y));
    expect(splitDocuments(docs, 0.1, 6).heldOut.map((d) => d.id)).not.toEqual(a.heldOut.map((d) => d.id));
    expect(splitDocuments(docs.slice(0, 2), 0.01, 1).heldOut).toHaveLength(1);
    expect(errorOf(() => splitDocuments(docs.slice(0, 1), 0.5, 1))).toMatch(/at least 2 documents/);
    expect(errorOf(() => splitDocuments(docs, 1, 1))).toMatch(/between 0 and 1/);
  });
});

describe("vocabulary and encoding", () => {
  test("the most frequent characters, ties by code point, after the unknown symbol", () => {
    const v = buildCharVocabulary(["aab", "bc—"], 3);
    // a: 2, b: 2, c: 1, —: 1 → keep a and b; c and — are unknown (2 of 6 characters).
    expect(v.vocab).toEqual([UNKNOWN_CHAR, "a", "b"]);
    expect(v.counts).toEqual([2, 2, 2]);
    expect(v.coverage).toBeCloseTo(4 / 6, 12);
    expect(buildCharVocabulary(["—é"], 10).vocab).toEqual([UNKNOWN_CHAR, "é", "—"]);
  });

  test("encode, decode and unknown characters", () => {
    const vocab = [UNKNOWN_CHAR, "a", "b", " "];
    const index = charIndex(vocab);
    expect(Array.from(encodeChars("ab ax", index))).toEqual([1, 2, 3, 1, 0]);
    expect(decodeChars([1, 2, 3, 0], vocab)).toBe(`ab ${UNKNOWN_CHAR}`);
    expect(unknownChars("axbyx", index)).toEqual(["x", "y"]);
  });

  test("seed text: ids, or a message for empty, too long or unknown characters", () => {
    const vocab = [UNKNOWN_CHAR, "a", "b", " "];
    const good = checkSeedText("ab a", vocab);
    expect(good.ok && Array.from(good.value)).toEqual([1, 2, 3, 1]);
    const empty = checkSeedText("", vocab);
    expect(!empty.ok && empty.message).toMatch(/Type some seed text/);
    const long = checkSeedText("a".repeat(11), vocab, {maxLength: 10});
    expect(!long.ok && long.message).toMatch(/11 characters; at most 10/);
    const unknown = checkSeedText("a€b<", vocab);
    expect(!unknown.ok && unknown.message).toMatch(/“€” \(U\+20AC\), “<” \(U\+003C\)/);
  });
});

describe("temperature and sampling", () => {
  test("temperature against hand computation", () => {
    const p = [0.5, 0.25, 0.25];
    // T = 0.5: p² normalised = (0.25, 0.0625, 0.0625) / 0.375.
    expect(Array.from(withTemperature(p, 0.5))).toEqual([2 / 3, 1 / 6, 1 / 6].map((v) => expect.closeTo(v, 12)));
    // T = 2: √p normalised.
    const s = Math.SQRT1_2 + 1;
    expect(Array.from(withTemperature(p, 2))).toEqual([Math.SQRT1_2 / s, 0.5 / s, 0.5 / s].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(withTemperature(p, 1))).toEqual(p.map((v) => expect.closeTo(v, 12)));
    // A character with probability 0 stays impossible; a tiny temperature is nearly greedy.
    expect(withTemperature([0, 0.6, 0.4], 3)[0]).toBe(0);
    expect(withTemperature([0.2, 0.5, 0.3], 0.01)[1]).toBeGreaterThan(0.999999);
    expect(errorOf(() => withTemperature(p, 0))).toMatch(/temperature must be a positive number/);
    expect(errorOf(() => withTemperature([0, 0], 1))).toMatch(/no character has a positive probability/);
  });

  test("sampleIndex follows the cumulative sums", () => {
    const d = [0.2, 0.5, 0.3];
    const at = (u: number) => sampleIndex(d, () => u);
    expect([at(0), at(0.19), at(0.2), at(0.69), at(0.7), at(0.999)]).toEqual([0, 0, 1, 1, 2, 2]);
    expect(sampleIndex([0.5, 0, 0.5], () => 0.5)).toBe(2);
    // Rounding: u above the float sum still gives the last possible index.
    expect(sampleIndex([0.3, 0.3, 0.3, 0], () => 0.95)).toBe(2);
  });

  test("sample frequencies match the tempered distribution", () => {
    const random = seededRandom(3);
    const d = withTemperature([0.1, 0.2, 0.7], 0.7);
    const counts = [0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++) counts[sampleIndex(d, random)]++;
    counts.forEach((c, i) => expect(Math.abs(c / n - d[i])).toBeLessThan(4 * Math.sqrt((d[i] * (1 - d[i])) / n)));
  });
});

test("gradient clipping by global norm", () => {
  expect(Array.from(clipByGlobalNorm(Float32Array.of(3, 4), 1))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  expect(Array.from(clipByGlobalNorm(Float32Array.of(0.3, 0.4), 1))).toEqual([expect.closeTo(0.3, 6), expect.closeTo(0.4, 6)]);
});

describe("n-gram baselines", () => {
  test("unigram and bigram bits against hand counts (add-one smoothing)", () => {
    // Training ids 1 2 1 2 1 over 3 symbols: unigram counts +1 = (1, 4, 3) of 8;
    // bigrams +1: row 1 = (1, 1, 3) of 5, row 2 = (1, 3, 1) of 5.
    const b = ngramBits(Int32Array.of(1, 2, 1, 2, 1), Int32Array.of(1, 2, 1), 1, 3);
    expect(b.unigram).toBeCloseTo(-(Math.log2(3 / 8) + Math.log2(4 / 8)) / 2, 12);
    expect(b.bigram).toBeCloseTo(-(Math.log2(3 / 5) + Math.log2(3 / 5)) / 2, 12);
  });

  test("held-out windows: spread, non-overlapping, reproducible", () => {
    const ids = Int32Array.from({length: 100}, (_, i) => i);
    const w = evenWindows(ids, 3, 9);
    expect(Array.from(w.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(w[10]).toBe(30);
    expect(w[20]).toBe(60);
    expect(errorOf(() => evenWindows(ids, 11, 9))).toMatch(/room for 10 windows/);
    const r = randomWindows(ids, 4, 5, seededRandom(1));
    for (let k = 0; k < 4; k++) for (let t = 1; t < 6; t++) expect(r[k * 6 + t]).toBe(r[k * 6] + t);
  });
});

describe("step-by-step generation against tfjs", () => {
  beforeAll(async () => {
    await useBackend("cpu");
  });

  const vocab = [UNKNOWN_CHAR, ..."abcdefgh ."];
  for (const cell of ["lstm", "gru"] as CharCell[]) {
    test(`${cell}: every step's probabilities within 1e-5 of model.predict; the state carries on`, () => {
      const model = charModel(tf, {cell, units: 12, vocab, seed: 4});
      // Non-zero biases, so the comparison also checks the bias terms.
      model.setWeights(model.getWeights().map((w, i) => (i === 2 || i === 4 ? tf.randomUniform(w.shape, -0.5, 0.5, "float32", 9 + i) : w)));
      const ids = encodeChars("a bad cage. hb", charIndex(vocab));
      const predicted = tf.tidy(
        () =>
          (
            model.predict(
              tf.oneHot(tf.tensor2d(ids, [1, ids.length], "int32"), vocab.length).toFloat()
            ) as import("@tensorflow/tfjs").Tensor
          ).arraySync() as number[][][]
      )[0];
      const stepper = charStepper(charWeightsFromModel(model, cell));
      let largest = 0;
      ids.forEach((id, t) => {
        const {probabilities} = stepper.feed(id);
        probabilities.forEach((p, k) => (largest = Math.max(largest, Math.abs(p - predicted[t][k]))));
      });
      expect(largest).toBeLessThan(1e-5);
      // Negative control: a fresh state differs from the carried one.
      const fresh = charStepper(charWeightsFromModel(model, cell)).feed(ids[ids.length - 1]).probabilities;
      expect(Math.max(...fresh.map((p, k) => Math.abs(p - predicted[ids.length - 1][k])))).toBeGreaterThan(1e-3);
      disposeModel(model);
    });
  }

  test("charWeightsFromFiles reads the same weights from the saved files as charWeightsFromModel from the model, and refuses other models", async () => {
    for (const cell of ["lstm", "gru"] as CharCell[]) {
      const model = charModel(tf, {cell, units: 6, vocab, seed: 5});
      const files = await layersModelFiles(tf, model);
      const fromFiles = charWeightsFromFiles(JSON.parse(files["model.json"]), files["weights.bin"], cell);
      expect(fromFiles).toEqual(charWeightsFromModel(model, cell));
      disposeModel(model);
    }
    const other = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [3], name: "d"})]});
    const files = await layersModelFiles(tf, other);
    expect(() => charWeightsFromFiles(JSON.parse(files["model.json"]), files["weights.bin"], "lstm")).toThrow(
      /no weight "cell\/kernel": not a character model/
    );
    disposeModel(other);
  });

  test("generation: seeded, continues where it stopped, never prints the unknown symbol", () => {
    const model = charModel(tf, {cell: "lstm", units: 8, vocab, seed: 2});
    const weights = charWeightsFromModel(model, "lstm");
    const seed = encodeChars("a b", charIndex(vocab));
    const once = generateIds(charStepper(weights), seed, 40, {temperature: 1.5, random: seededRandom(8)});
    const again = generateIds(charStepper(weights), seed, 40, {temperature: 1.5, random: seededRandom(8)});
    expect(Array.from(again)).toEqual(Array.from(once));
    expect(once.includes(0)).toBe(false);
    // Two calls of 20 from the same generator give the same 40 characters as one call.
    const stepper = charStepper(weights);
    const random = seededRandom(8);
    const first = sampleIds(stepper, feedIds(stepper, seed), 20, {temperature: 1.5, random});
    const second = sampleIds(stepper, first.probabilities, 20, {temperature: 1.5, random});
    expect([...first.ids, ...second.ids]).toEqual(Array.from(once));
    disposeModel(model);
  });

  test("textBits: −log₂ p of each next character, from the zero state", () => {
    const model = charModel(tf, {cell: "gru", units: 6, vocab, seed: 5});
    const weights = charWeightsFromModel(model, "gru");
    const ids = encodeChars("a bead", charIndex(vocab));
    const stepper = charStepper(weights);
    let bits = 0;
    for (let i = 0; i < ids.length - 1; i++) bits -= Math.log2(stepper.feed(ids[i]).probabilities[ids[i + 1]]);
    const again = charStepper(weights);
    again.feed(3); // a state that textBits must reset
    expect(textBits(again, ids)).toBeCloseTo(bits / (ids.length - 1), 10);
    disposeModel(model);
  });

  test("a page training step lowers the loss on the same windows and leaks no tensor", () => {
    const model = charModel(tf, {cell: "gru", units: 8, vocab, seed: 2});
    model.compile({optimizer: tf.train.adam(0.05), loss: "categoricalCrossentropy"});
    const ids = randomWindows(encodeChars("a bad cage. a bead. a fade. ".repeat(4), charIndex(vocab)), 4, 10, seededRandom(1));
    const before = tf.memory().numTensors;
    const first = trainCharBatch(tf, model, ids, 4, 10);
    let last = first;
    for (let i = 0; i < 10; i++) last = trainCharBatch(tf, model, ids, 4, 10);
    expect(last).toBeLessThan(first);
    // Adam's moments are created by the first step; later steps add nothing.
    const after = tf.memory().numTensors;
    trainCharBatch(tf, model, ids, 4, 10);
    expect(tf.memory().numTensors).toBe(after);
    expect(after - before).toBeLessThanOrEqual(2 * model.trainableWeights.length + 4);
    disposeModel(model);
  });
});

describe("the quick loader", () => {
  let zip: JSZip;
  beforeAll(async () => {
    const {code, stdout, stderr} = await new Promise<{code: number | null; stdout: Buffer; stderr: string}>((done, reject) => {
      const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/data/char-models.zip.ts")], {
        cwd: ROOT,
        env: {...process.env, WORKBOOK_QUICK: "1"}
      });
      const out: Buffer[] = [];
      let err = "";
      child.stdout.on("data", (chunk) => out.push(chunk));
      child.stderr.on("data", (chunk) => (err += chunk));
      child.on("error", reject);
      child.on("close", (code) => done({code, stdout: Buffer.concat(out), stderr: err}));
    });
    if (code !== 0) throw new Error(`char-models.zip failed: ${stderr}`);
    zip = await JSZip.loadAsync(stdout);
  }, 180_000);
  const json = async <T>(name: string) => JSON.parse(await zip.file(name)!.async("string")) as T;

  test("members and metrics shape", async () => {
    const names = Object.keys(zip.files).sort();
    const ids = ["moby-gru", "moby-lstm", "sotu-lstm"];
    expect(names).toEqual(
      [
        ...ids.flatMap((id) => [`${id}/metrics.json`, `${id}/model.json`, `${id}/samples.json`, `${id}/weights.bin`]),
        "moby-text.json",
        "passages.json",
        "sotu-text.json",
        "summary.json"
      ].sort()
    );
    const summary = await json<CharSummary>("summary.json");
    expect(summary.quick).toBe(true);
    expect(summary.models.map((m) => m.id).sort()).toEqual(ids);
    for (const id of ids) {
      const m = await json<CharMetrics>(`${id}/metrics.json`);
      expect(m.quick).toBe(true);
      expect(`${m.corpus}-${m.cell}`).toBe(id);
      expect(m.vocab).toHaveLength(64);
      expect(m.vocab[0]).toBe(UNKNOWN_CHAR);
      expect(m.bitsPerChar).toHaveLength(m.plan.epochs);
      // Shipped beside the metrics (fetched on a press), and the epochs without what no page reads.
      expect("samples" in m).toBe(false);
      const samples = await json<CharMetrics["samples"]>(`${id}/samples.json`);
      expect(samples.map((s) => s.epoch)).toEqual(Array.from({length: m.plan.epochs}, (_, i) => i + 1));
      expect(samples.every((s) => s.text.length === m.sample.chars)).toBe(true);
      expect(m.epochs.map((e) => Object.keys(e).sort())).toEqual(m.epochs.map(() => ["epoch", "learningRate"]));
      // Baselines: a bigram knows more than a unigram; both below log2(64) = 6 bits.
      expect(m.bigram).toBeLessThan(m.unigram);
      expect(m.unigram).toBeLessThan(6);
      expect(m.trainChars).toBeGreaterThan(500_000);
      expect(m.heldOutChars).toBeGreaterThan(50_000);
      expect(m.split.train.some((d) => m.split.heldOut.includes(d))).toBe(false);
    }
  });

  test("text for page training: training blocks, and the held-out windows the metrics were measured on", async () => {
    const m = await json<CharMetrics>("moby-lstm/metrics.json");
    const t = await json<CharText>("moby-text.json");
    expect(t.quick).toBe(true);
    expect(t.heldOut.length).toBe(m.heldOutScored.length);
    expect(t.heldOut.windows).toHaveLength(m.heldOutScored.windows);
    expect(t.heldOut.windows.every((w) => [...w].length === m.heldOutScored.length + 1)).toBe(true);
    expect(t.train.length).toBeGreaterThan(0);
    // The shipped model scores the shipped windows as the loader did.
    await useBackend("cpu");
    const model = await loadLayersModelFromFiles(
      tf,
      await zip.file("moby-lstm/model.json")!.async("string"),
      await zip.file("moby-lstm/weights.bin")!.async("uint8array")
    );
    const ids = Int32Array.from(t.heldOut.windows.flatMap((w) => Array.from(encodeChars(w, charIndex(m.vocab)))));
    expect(charBits(tf, model, ids, t.heldOut.windows.length, t.heldOut.length)).toBeCloseTo(m.bitsPerChar.at(-1)!, 4);
    disposeModel(model);
  });

  test("the shipped weights load and generate the shipped sample", async () => {
    await useBackend("cpu");
    const m = await json<CharMetrics>("moby-gru/metrics.json");
    const model = await loadLayersModelFromFiles(
      tf,
      await zip.file("moby-gru/model.json")!.async("string"),
      await zip.file("moby-gru/weights.bin")!.async("uint8array")
    );
    const ids = generateIds(
      charStepper(charWeightsFromModel(model, "gru")),
      encodeChars(m.sample.seedText, charIndex(m.vocab)),
      m.sample.chars,
      {temperature: m.sample.temperature, random: seededRandom(m.sample.seed)}
    );
    expect(decodeChars(ids, m.vocab)).toBe((await json<CharMetrics["samples"]>("moby-gru/samples.json")).at(-1)!.text);
    disposeModel(model);
  });

  test("passages: real ones from held-out documents, generated ones from the LSTM", async () => {
    const p = await json<CharPassages>("passages.json");
    for (const corpus of ["moby", "sotu"] as const) {
      const c = p.corpora[corpus]!;
      const m = await json<CharMetrics>(`${corpus}-lstm/metrics.json`);
      expect(c.real.length).toBeGreaterThanOrEqual(6);
      expect(c.generated.length).toBeGreaterThanOrEqual(4);
      const heldOut = new Set(m.split.heldOut);
      for (const r of [...c.real, ...c.generated]) expect(heldOut.has(r.document!)).toBe(true);
      for (const g of c.generated) {
        expect(g.model).toBe(`${corpus}-lstm`);
        expect(g.text.length).toBeGreaterThan(100);
        expect(g.text.includes(UNKNOWN_CHAR)).toBe(false);
      }
    }
  });
});
