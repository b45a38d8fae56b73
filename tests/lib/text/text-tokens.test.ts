// The text half of the sentiment models on hand-made fixtures: the tokenizer (markup, entities,
// case, apostrophes, other scripts), the vocabulary (frequency order, ties, training reviews
// only), encoding and padding; the reviews.json reader against good and corrupt files;
// de-duplication and the stratified split; the bag-of-words baseline.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {bagMetrics, bagOf, bagScore, bagScoresByWord, trainBagOfWords} from "../../../src/lib/models/bag-of-words.js";
import {
  buildVocabulary,
  cleanText,
  encodeTokens,
  markupTags,
  OOV_ID,
  OOV_TOKEN,
  padSequence,
  PAD_TOKEN,
  parseVocabulary,
  tokenize,
  vocabularyOf
} from "../../../src/lib/text/text-tokens.js";
import {
  deduplicate,
  imdbSplit,
  parseReviews,
  readReviews,
  stratifiedHalves,
  type RawReview,
  type Review
} from "../../../src/data/lib/datasets/imdb.js";
import {lengthBatches, paddedBatch} from "../../../src/data/lib/training/sentiment-training.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {readReview} from "../../../src/lib/text/sentiment-review.js";
import {relativeStep} from "../../../src/lib/rnn/text-trajectory.js";
import {value} from "../../helpers/tensor-helpers.js";

describe("tokenizer", () => {
  test("strips the reviews' markup, keeping the words on either side apart", () => {
    expect(tokenize("Great film.<br /><br />Terrible ending!")).toEqual(["great", "film", "terrible", "ending"]);
    expect(tokenize("<i>Not</i> <b class='x'>bad</b> at all")).toEqual(["not", "bad", "at", "all"]);
    expect(tokenize("end<br/>next")).toEqual(["end", "next"]);
  });

  test("decodes entities, lower-cases, keeps inner apostrophes (straight or curly), drops punctuation", () => {
    expect(cleanText("Tom &amp; Jerry &lt;3 &quot;Wow&quot; &#39;ok&#39; &#x41;")).toBe(`tom & jerry <3 "wow" 'ok' a`);
    expect(tokenize("I DON'T like it—it’s 90's trash... 10/10?!")).toEqual([
      "i",
      "don't",
      "like",
      "it",
      "it's",
      "90's",
      "trash",
      "10",
      "10"
    ]);
    expect(tokenize("'quoted' words")).toEqual(["quoted", "words"]);
  });

  test("keeps letters of other scripts and accents", () => {
    expect(tokenize("Amélie est très belle; Ελληνικά, 日本")).toEqual(["amélie", "est", "très", "belle", "ελληνικά", "日本"]);
  });

  test("text with no words gives no tokens", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("   ")).toEqual([]);
    expect(tokenize("<br /><script>…</script> !!! ???")).toEqual([]);
  });
});

describe("vocabulary", () => {
  const docs = [["the", "film", "was", "good"], ["the", "film", "was", "bad"], ["the", "acting", "was", "good"], ["zebra"]];

  test("padding, unknown, then words by frequency, ties alphabetical; size and minimum count respected", () => {
    expect(buildVocabulary(docs, {size: 100})).toEqual([PAD_TOKEN, OOV_TOKEN, "the", "was", "film", "good", "acting", "bad", "zebra"]);
    expect(buildVocabulary(docs, {size: 5})).toEqual([PAD_TOKEN, OOV_TOKEN, "the", "was", "film"]);
    expect(buildVocabulary(docs, {size: 100, minCount: 2})).toEqual([PAD_TOKEN, OOV_TOKEN, "the", "was", "film", "good"]);
    expect(() => buildVocabulary(docs, {size: 2})).toThrow(/at least 3/);
  });

  test("words outside it become the unknown token; padding goes in front and long sequences keep their end", () => {
    const vocabulary = vocabularyOf(buildVocabulary(docs, {size: 100}));
    expect(Array.from(encodeTokens(["the", "film", "was", "wonderful"], vocabulary))).toEqual([2, 4, 3, OOV_ID]);
    expect(Array.from(padSequence([5, 6, 7], 5))).toEqual([0, 0, 5, 6, 7]);
    expect(Array.from(padSequence([1, 2, 3, 4, 5, 6], 4))).toEqual([3, 4, 5, 6]);
    expect(Array.from(padSequence([], 2))).toEqual([0, 0]);
  });

  test("a shipped vocabulary is checked", () => {
    const words = buildVocabulary(docs, {size: 100});
    const parsed = parseVocabulary(words);
    expect(parsed.ok && parsed.value.ids.get("film")).toBe(4);
    const message = (json: unknown) => {
      const r = parseVocabulary(json, "v.json");
      return r.ok ? "ok" : r.message;
    };
    expect(message({})).toMatch(/v.json: expected a list/);
    expect(message([PAD_TOKEN, OOV_TOKEN])).toMatch(/at least one word/);
    expect(message(["x", OOV_TOKEN, "a"])).toMatch(/entries 0 and 1/);
    expect(message([PAD_TOKEN, OOV_TOKEN, "a", "a"])).toMatch(/"a" appears twice \(entries 2 and 3\)/);
    expect(message([PAD_TOKEN, OOV_TOKEN, "Two Words"])).toMatch(/entry 2 .* is not a single lower-case word/);
    expect(message([PAD_TOKEN, OOV_TOKEN, 7])).toMatch(/entry 2 \(7\)/);
  });
});

describe("reviews.json reader", () => {
  const good = JSON.stringify([
    {t: "A fine film.<br />Loved it.", s: 1},
    {t: "Dull. Dull. Dull.", s: 0}
  ]);

  test("reads the hand-made file", () => {
    expect(parseReviews(good, "r.json")).toEqual([
      {text: "A fine film.<br />Loved it.", label: 1},
      {text: "Dull. Dull. Dull.", label: 0}
    ]);
    const dir = mkdtempSync(join(tmpdir(), "imdb-"));
    writeFileSync(join(dir, "reviews.json"), good);
    expect(readReviews(join(dir, "reviews.json"))).toHaveLength(2);
  });

  test("refuses corrupt files, naming the file and the record", () => {
    const error = (text: string) => {
      try {
        parseReviews(text, "r.json");
      } catch (e) {
        return (e as Error).message;
      }
      return "accepted";
    };
    expect(error("[{")).toMatch(/^r.json: not valid JSON/);
    expect(error("{}")).toBe("r.json: expected a list of reviews, found object");
    expect(error("[]")).toBe("r.json: the list of reviews is empty");
    expect(error('[{"t": "ok", "s": 1}, 5]')).toBe("r.json: record 1 is not an object");
    expect(error('[{"t": "ok", "s": 1}, {"s": 0}]')).toBe('r.json: record 1 has no text "t" (a string)');
    expect(error('[{"t": "ok", "s": "1"}]')).toBe('r.json: record 0 has sentiment "s" = "1", expected 0 or 1');
    expect(error('[{"t": "ok", "s": 2}]')).toBe('r.json: record 0 has sentiment "s" = 2, expected 0 or 1');
    expect(error('[{"t": "<br /> ...", "s": 0}]')).toBe("r.json: record 0 has no words");
    expect(() => readReviews("/nonexistent/reviews.json")).toThrow(/\/nonexistent\/reviews.json: cannot read \(ENOENT\)/);
  });
});

describe("de-duplication and the split", () => {
  const r = (text: string, label: 0 | 1): RawReview => ({text, label});
  const t = (text: string, label: 0 | 1): Review => ({text, label, tokens: tokenize(text)});

  test("copies that differ only in markup, case or punctuation are one review; conflicting labels drop the text", () => {
    const {reviews, duplicates, conflicting} = deduplicate([
      r("Good film.", 1),
      r("good <br />FILM!", 1),
      r("Bad film", 0),
      r("Odd one", 0),
      r("odd one.", 1),
      r("Good film", 1)
    ]);
    expect(reviews).toEqual([t("Good film.", 1), t("Bad film", 0)]);
    expect(duplicates).toBe(3);
    expect(conflicting).toBe(1);
  });

  test("stratified halves: each label split in half (first half rounded up), seeded, disjoint, complete", () => {
    const reviews = [...Array.from({length: 7}, (_, i) => t(`neg ${i}`, 0)), ...Array.from({length: 4}, (_, i) => t(`pos ${i}`, 1))];
    const a = stratifiedHalves(reviews, 3);
    expect(a.train.filter((x) => x.label === 0)).toHaveLength(4);
    expect(a.test.filter((x) => x.label === 0)).toHaveLength(3);
    expect(a.train.filter((x) => x.label === 1)).toHaveLength(2);
    expect(a.test.filter((x) => x.label === 1)).toHaveLength(2);
    expect(new Set([...a.train, ...a.test].map((x) => x.text)).size).toBe(11);
    expect(stratifiedHalves(reviews, 3)).toEqual(a);
    expect(stratifiedHalves(reviews, 4)).not.toEqual(a);
  });

  test("the real file: 50,000 records, 25,000 of each label, no test review's words in training, halves balanced", () => {
    const split = imdbSplit();
    expect(split.counts.records).toBe(50_000);
    expect(split.counts.duplicates).toBeGreaterThan(300);
    expect(split.counts.duplicates).toBeLessThan(600);
    expect(split.train.length + split.test.length).toBe(split.counts.unique);
    const key = (x: Review) => x.tokens.join(" ");
    const train = new Set(split.train.map(key));
    expect(split.test.filter((x) => train.has(key(x)))).toEqual([]);
    for (const label of [0, 1]) {
      const a = split.train.filter((x) => x.label === label).length;
      const b = split.test.filter((x) => x.label === label).length;
      expect(a - b === 0 || a - b === 1).toBe(true);
    }
    // Shuffled: not ordered by label as the file is.
    expect(split.train.slice(0, 100).filter((x) => x.label === 1).length).toBeGreaterThan(25);
    expect(split.note).toMatch(/seed 20240611/);
  });
});

describe("batches of similar length", () => {
  test("every review exactly once; padding in front, to the batch's longest", () => {
    const lengths = Array.from({length: 103}, (_, i) => 1 + ((i * 37) % 50));
    const batches = lengthBatches(lengths, 10, seededRandom(1), {pool: 3});
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({length: 103}, (_, i) => i));
    expect(batches.every((b) => b.length <= 10)).toBe(true);
    // Sorting within pools leaves much less padding than random batches would.
    const padding = (bs: number[][]) =>
      bs.reduce((s, b) => s + b.reduce((m, r) => Math.max(m, lengths[r]), 0) * b.length - b.reduce((t, r) => t + lengths[r], 0), 0);
    const random = Array.from({length: 11}, (_, k) => Array.from({length: 103}, (_, i) => i).slice(k * 10, k * 10 + 10));
    expect(padding(batches)).toBeLessThan(padding(random) / 2);
    const sequences = [Int32Array.of(5, 6), Int32Array.of(7), Int32Array.of(8, 9, 10)];
    expect(paddedBatch(sequences, [0, 1, 2])).toEqual({ids: Int32Array.of(0, 5, 6, 0, 0, 7, 8, 9, 10), length: 3});
  });
});

describe("bag of words", () => {
  test("a bag is the set of known words; the score after each word counts each word once", () => {
    expect(Array.from(bagOf([0, 1, 5, 3, 5, 1, 3, 7]))).toEqual([5, 3, 7]);
    const model = {weights: Float32Array.of(0, 0, 1, -2, 0.5), bias: 0.25};
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    expect(bagScore(model, bagOf([2, 3, 3]))).toBeCloseTo(sigma(0.25 + 1 - 2), 12);
    const line = bagScoresByWord(model, [2, 1, 2, 3, 4]);
    [1.25, 1.25, 1.25, -0.75, -0.25].forEach((z, t) => expect(line[t]).toBeCloseTo(sigma(z), 6));
  });

  test("training separates a learnable toy problem, is seeded, and matches the loss it reports", () => {
    // Word 2 means positive, word 3 negative, words 4–9 are noise.
    const random = seededRandom(9);
    const bags: Int32Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const label = i % 2;
      const words = new Set<number>([label ? 2 : 3]);
      for (let w = 4; w < 10; w++) if (random() < 0.5) words.add(w);
      bags.push(Int32Array.from(words));
      labels.push(label);
    }
    const config = {epochs: 30, batchSize: 32, learningRate: 0.05, l2: 1e-4, seed: 1};
    const {model, lossHistory} = trainBagOfWords(bags, labels, 10, config);
    expect(model.weights[2]).toBeGreaterThan(1);
    expect(model.weights[3]).toBeLessThan(-1);
    expect(model.weights[0]).toBe(0);
    expect(model.weights[1]).toBe(0);
    const metrics = bagMetrics(model, bags, labels);
    expect(metrics.accuracy).toBe(1);
    expect(lossHistory[lossHistory.length - 1]).toBeLessThan(lossHistory[0]);
    expect(trainBagOfWords(bags, labels, 10, config).model).toEqual(model);
    expect(() => trainBagOfWords(bags, labels.slice(1), 10, config)).toThrow(/400 reviews but 399 labels/);
  });
});

describe("a typed review", () => {
  const vocabulary = vocabularyOf(buildVocabulary([["the", "film", "was", "good", "not", "bad"]], {size: 100}));
  const message = (text: unknown, options = {}) => {
    const r = readReview(text, vocabulary, options);
    return r.ok ? "ok" : r.message;
  };

  test("empty, wordless or huge input gets a message", () => {
    expect(message("")).toBe("Type a review: the box is empty.");
    expect(message("   \n ")).toBe("Type a review: the box is empty.");
    expect(message(undefined)).toBe("Type a review: the box is empty.");
    expect(message("<br /> ?! ...")).toMatch(/has no words/);
    expect(message("good ".repeat(5000), {maxCharacters: 20_000})).toMatch(/25,000 characters; this page reads at most 20,000/);
  });

  test("words, ids, unknown words and markup, as typed", () => {
    const r = value(readReview("<b>The</b> film was GOOD, zorblax!", vocabulary));
    expect(r.tokens).toEqual(["the", "film", "was", "good", "zorblax"]);
    // All counts are 1, so ids go alphabetically: bad 2, film 3, good 4, not 5, the 6, was 7.
    expect(Array.from(r.ids)).toEqual([6, 3, 7, 4, OOV_ID]);
    expect(r.known).toEqual([true, true, true, true, false]);
    expect(r.markup).toEqual(["<b>", "</b>"]);
    expect(r.note).toMatch(/^1 of the 5 words read is not in the vocabulary/);
    expect(markupTags("a < b and <3 stay; <i>x</i>")).toEqual(["<i>", "</i>"]);
  });

  test("only the last maxWords words are read; all-unknown text is said to carry no information", () => {
    const r = value(readReview("the film was good not bad the film", vocabulary, {maxWords: 3}));
    expect(r.start).toBe(5);
    expect(Array.from(r.ids)).toEqual([2, 6, 3]);
    expect(r.note).toMatch(/has 8 words; the network reads the last 3, .*first 5 are greyed out/);
    expect(value(readReview("qwerty asdfgh", vocabulary)).note).toMatch(/None of the words read is in the/);
  });
});

describe("relative step of a state sequence", () => {
  test("mean step over root-mean-square size, by hand", () => {
    // |s| = 1, 1, 1 (rms 1); steps |(0,1)−(1,0)| = √2 and |(1,0)−(0,1)| = √2.
    expect(relativeStep([Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(1, 0)])).toBeCloseTo(Math.SQRT2, 6);
    expect(relativeStep([Float32Array.of(2, 2), Float32Array.of(2, 2)])).toBe(0);
    expect(relativeStep([Float32Array.of(0, 0), Float32Array.of(0, 0)])).toBe(0);
    expect(relativeStep([Float32Array.of(1)])).toBeNaN();
    // Scaling the states leaves it unchanged.
    expect(relativeStep([Float32Array.of(3, 0), Float32Array.of(0, 3)])).toBeCloseTo(
      relativeStep([Float32Array.of(1, 0), Float32Array.of(0, 1)]),
      6
    );
  });
});
