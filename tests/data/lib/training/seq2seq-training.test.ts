// The two sequence-output loaders (src/data/digit-names.zip.ts, src/data/pronunciation.zip.ts)
// run here in quick mode: the members they ship, scores recomputed independently from what they
// ship, the split (no held-out word in training), and the shipped weights decoding in the page's
// way (one input, step by step) exactly what the loader decoded in batches. Bad input stops a
// loader with a message naming the problem and no output.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import JSZip from "jszip";
import {beforeAll, describe, expect, test} from "vitest";
import {loadLayersModelFromFiles} from "../../../../src/lib/formats/model-files.js";
import {DIGIT_NAMES, nameDigit, spelled} from "../../../../src/lib/models/digit-names-model.js";
import {phonemeName, pronounce} from "../../../../src/lib/models/pronunciation-model.js";
import {frontDecode} from "../../../../src/lib/text/word-list.js";
import {readMnist, PIXELS} from "../../../../src/data/lib/datasets/datasets.js";
import {readCmudict} from "../../../../src/data/lib/datasets/cmudict.js";
import {selectWords, splitWords, SPLIT} from "../../../../src/data/lib/datasets/pronunciation-data.js";
import {tf, useBackend} from "../../../../src/data/lib/training/tf-node.js";
import {runLoader} from "../../../helpers/run-loader.js";

async function archive(file: string) {
  const {code, stdout, stderr} = await runLoader(file, {WORKBOOK_QUICK: "1"});
  if (code !== 0) throw new Error(`${file} failed: ${stderr}`);
  const zip = await JSZip.loadAsync(stdout);
  const member = (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${file} has no member ${name}`);
    return entry;
  };
  return {
    names: Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir)
      .sort(),
    text: (name: string) => member(name).async("string"),
    bytes: (name: string) => member(name).async("uint8array"),
    json: async (name: string) => JSON.parse(await member(name).async("string"))
  };
}

const stress = (p: string) => p.replace(/\d$/, "");

/** Plain Levenshtein distance, written again here so the test does not trust the page's. */
function distance(a: string[], b: string[]): number {
  const d = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

beforeAll(async () => void (await useBackend("wasm")));

describe("digit-names.zip (quick mode)", () => {
  let zip: Awaited<ReturnType<typeof archive>>;
  let decodings: string[];
  const mnist = readMnist();
  beforeAll(async () => {
    zip = await archive("digit-names.zip.ts");
    decodings = (await zip.text("test-decodings.txt")).split("\n");
  }, 300_000);

  test("members, quick flag, and one decoding per test image", async () => {
    expect(zip.names).toEqual([
      "decoder/model.json",
      "decoder/weights.bin",
      "encoder/model.json",
      "encoder/weights.bin",
      "meta.json",
      "test-decodings.txt"
    ]);
    const meta = await zip.json("meta.json");
    expect(meta.config.quick).toBe(true);
    expect(meta.trainingImages).toBe(3000);
    expect(decodings).toHaveLength(10_000);
    expect(meta.trainingSeconds).toBeGreaterThan(0);
  });

  test("the scores in meta.json are what the decodings give, and the quick model is far above chance", async () => {
    const meta = await zip.json("meta.json");
    let exact = 0;
    let characters = 0;
    let right = 0;
    decodings.forEach((text, i) => {
      const name = DIGIT_NAMES[mnist.test.labels[i]];
      if (text === name) exact++;
      const ref = [...name, "·"];
      const hyp = [...text, "·"];
      characters += ref.length;
      right += ref.filter((c, k) => hyp[k] === c).length;
    });
    expect(meta.test).toMatchObject({images: 10_000, exact, characters, charactersRight: right});
    expect(meta.test.byDigit.reduce((s: number, r: {exact: number}) => s + r.exact, 0)).toBe(exact);
    expect(meta.test.mistakes.reduce((s: number, r: {count: number}) => s + r.count, 0)).toBe(10_000 - exact);
    expect(exact / 10_000).toBeGreaterThan(0.5);
  });

  test("the shipped weights, decoding one image at a time as the page does, write what the loader wrote", async () => {
    const encoder = await loadLayersModelFromFiles(tf, await zip.json("encoder/model.json"), await zip.bytes("encoder/weights.bin"));
    const step = await loadLayersModelFromFiles(tf, await zip.json("decoder/model.json"), await zip.bytes("decoder/weights.bin"));
    for (let i = 0; i < 60; i++) {
      const decoding = nameDigit(tf, {encoder, step}, mnist.test.images.subarray(i * PIXELS, (i + 1) * PIXELS));
      expect(spelled(decoding.symbols), `test image ${i}`).toBe(decodings[i]);
    }
    encoder.dispose();
    step.dispose();
  });

  test("a bad WORKBOOK_QUICK stops the loader with a message and no output", async () => {
    const {code, stdout, stderr} = await runLoader("digit-names.zip.ts", {WORKBOOK_QUICK: "yes"});
    expect(code).toBe(1);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/digit-names\.zip failed: WORKBOOK_QUICK must be 1 \(quick mode\) or 0\/unset/);
  });
});

describe("pronunciation.zip (quick mode)", () => {
  let zip: Awaited<ReturnType<typeof archive>>;
  let rows: {word: string; dictionary: string; other: string; model: string; baseline: string; from: string}[];
  const split = splitWords(selectWords(readCmudict()).words, SPLIT);
  beforeAll(async () => {
    zip = await archive("pronunciation.zip.ts");
    const [header, ...lines] = (await zip.text("test-words.tsv")).split("\n");
    expect(header).toBe("word\tdictionary\tother\tmodel\tbaseline\tbaseline_from");
    rows = lines.map((line) => {
      const [word, dictionary, other, model, baseline, from] = line.split("\t");
      return {word, dictionary, other, model, baseline, from};
    });
  }, 300_000);

  test("members; the held-out words are the seeded split's, and none of them is a training word", async () => {
    expect(zip.names).toEqual([
      "decoder/model.json",
      "decoder/weights.bin",
      "encoder/model.json",
      "encoder/weights.bin",
      "meta.json",
      "test-words.tsv",
      "train-words.txt"
    ]);
    const meta = await zip.json("meta.json");
    expect(meta.config.quick).toBe(true);
    expect(meta.split).toEqual({...SPLIT, train: split.train.length, test: split.test.length});
    expect(rows.map((r) => r.word)).toEqual(split.test.map((w) => w.word));
    const train = frontDecode(await zip.text("train-words.txt"));
    expect(train.size).toBe(meta.trainingWords);
    expect(rows.some((r) => train.has(r.word))).toBe(false);
    const allTrain = new Set(split.train.map((w) => w.word));
    expect([...train].every((w) => allTrain.has(w))).toBe(true);
    // The dictionary column is the first listed pronunciation, stress and all.
    const byWord = new Map(readCmudict().map((e) => [e.word, e.pronunciations[0].join(" ")]));
    for (const r of rows.slice(0, 200)) expect(r.dictionary).toBe(byWord.get(r.word));
  });

  test("the phoneme error rates in meta.json are what the shipped decodings give", async () => {
    const meta = await zip.json("meta.json");
    let edits = 0;
    let length = 0;
    let baselineEdits = 0;
    for (const r of rows) {
      const reference = r.dictionary.split(" ").map(stress);
      edits += distance(r.model.split(" ").filter(Boolean), reference);
      baselineEdits += distance(r.baseline.split(" ").filter(Boolean), reference);
      length += reference.length;
    }
    expect(meta.test.model.first.edits).toBe(edits);
    expect(meta.test.model.first.referenceLength).toBe(length);
    expect(meta.test.baseline.first.edits).toBe(baselineEdits);
    expect(meta.test.model.nearest.edits).toBeLessThanOrEqual(edits);
  });

  test("the shipped weights, decoding one word at a time as the page does, write what the loader wrote", async () => {
    const meta = await zip.json("meta.json");
    const encoder = await loadLayersModelFromFiles(tf, await zip.json("encoder/model.json"), await zip.bytes("encoder/weights.bin"));
    const step = await loadLayersModelFromFiles(tf, await zip.json("decoder/model.json"), await zip.bytes("decoder/weights.bin"));
    for (const r of rows.slice(0, 40)) {
      const decoding = pronounce(tf, {encoder, step}, r.word, {maxSteps: meta.config.maxSteps});
      expect(decoding.symbols.map(phonemeName).join(" "), r.word).toBe(r.model);
    }
    encoder.dispose();
    step.dispose();
  });

  test("a corrupt dictionary stops the loader, naming the file and the entry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cmudict-"));
    const file = join(dir, "dict.json");
    writeFileSync(file, JSON.stringify({CAT: "K AE1 T", DOG: "D AO G"}));
    const {code, stdout, stderr} = await runLoader("pronunciation.zip.ts", {WORKBOOK_QUICK: "1", WORKBOOK_CMUDICT_FILE: file});
    expect(code).toBe(1);
    expect(stdout.length).toBe(0);
    expect(stderr).toContain(`pronunciation.zip failed: ${file}: DOG: vowel AO has no stress digit`);
  });
});
