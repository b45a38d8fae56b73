// Per-character features on a hand-made sentence (values worked out by hand, character by
// character), Pearson's r against a value worked by hand, and the unit ranking on made-up
// signals whose best matches are known.
import {describe, expect, it} from "vitest";
import {charFeatures, concatFeatures, pearson, rankUnits, type CharFeature} from "../../../src/lib/rnn/char-features.js";

//            0         1         2
//            0123456789012345678901234 5678
const TEXT = 'He said, "Go (now)!" Then\nok.';

const ones = (n: number, on: number[]) => Array.from({length: n}, (_, t) => (on.includes(t) ? 1 : 0));
const range = (a: number, b: number) => Array.from({length: b - a + 1}, (_, k) => a + k);
const byId = (features: CharFeature[]) => Object.fromEntries(features.map((f) => [f.id, Array.from(f.values)]));

describe("charFeatures", () => {
  const f = byId(charFeatures(TEXT));
  const n = TEXT.length;

  it("marks quotes, parentheses and the clause after a comma, as the state after reading each character", () => {
    expect(n).toBe(29);
    // The opening quote (9) is inside; the closing one (19) is not.
    expect(f.quote).toEqual(ones(n, range(9, 18)));
    expect(f.paren).toEqual(ones(n, range(13, 16)));
    // From the comma (7) up to the "!" (18) that ends the clause.
    expect(f.comma).toEqual(ones(n, range(7, 17)));
  });

  it("marks letters, their position in the word, capitals and spaces", () => {
    const letters = [0, 1, 3, 4, 5, 6, 10, 11, 14, 15, 16, 21, 22, 23, 24, 26, 27];
    expect(f.word).toEqual(ones(n, letters));
    const wordPos = new Array(n).fill(0);
    Object.assign(wordPos, {
      0: 1,
      1: 2,
      3: 1,
      4: 2,
      5: 3,
      6: 4,
      10: 1,
      11: 2,
      14: 1,
      15: 2,
      16: 3,
      21: 1,
      22: 2,
      23: 3,
      24: 4,
      26: 1,
      27: 2
    });
    expect(f.wordPos).toEqual(wordPos);
    expect(f.upper).toEqual(ones(n, [0, 10, 21]));
    expect(f.space).toEqual(ones(n, [2, 8, 12, 20]));
  });

  it("counts characters since the sentence and the line began", () => {
    // "!" ends the sentence; the closing quote still belongs to it; the space after starts the next.
    expect(f.sentencePos).toEqual([...range(1, 20), 0, ...range(1, 8)]);
    expect(f.linePos).toEqual([...range(1, 25), 0, 1, 2, 3]);
  });

  it("treats curly quotes by side and counts code points", () => {
    const g = byId(charFeatures("a “b” c"));
    expect(g.quote).toEqual([0, 0, 1, 1, 0, 0, 0]);
    expect(byId(charFeatures("é😀x")).word).toEqual([1, 0, 1]);
  });
});

describe("pearson", () => {
  it("matches a value worked by hand and is undefined for a constant series", () => {
    // means 2 and 13/3; Σdadb = 5, Σda² = 2, Σdb² = 38/3: r = 5/√(76/3).
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt(76 / 3), 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [3, 2, 1])).toBeNull();
    expect(() => pearson([1, 2], [1])).toThrow();
  });
});

describe("rankUnits", () => {
  const features = charFeatures(TEXT);
  const f = byId(features);
  const n = TEXT.length;
  // Unit 0 of "a" is the quote feature with a little deterministic noise, unit 1 is minus the
  // letter feature, unit 2 never changes; unit 0 of "b" is an affine function of line position.
  const a = Array.from({length: n}, (_, t) => [f.quote[t] + 0.1 * Math.sin(7 * t), -f.word[t], 0.5]);
  const b = Array.from({length: n}, (_, t) => [2 * f.linePos[t] + 1, Math.cos(t)]);
  const signals = [
    {id: "a", name: "signal a", values: a},
    {id: "b", name: "signal b", values: b}
  ];

  it("finds the unit built from each feature first, with its sign", () => {
    const ranking = rankUnits(signals, features, {top: 2});
    if (!ranking.ok) throw new Error(ranking.message);
    const best = Object.fromEntries(ranking.value.map((r) => [r.feature, r.best]));
    expect(best.quote[0]).toMatchObject({signal: "a", unit: 0});
    expect(best.quote[0].r).toBeGreaterThan(0.95);
    expect(best.word[0]).toMatchObject({signal: "a", unit: 1});
    expect(best.word[0].r).toBeCloseTo(-1, 6);
    expect(best.linePos[0]).toMatchObject({signal: "b", unit: 0});
    expect(best.linePos[0].r).toBeCloseTo(1, 6);
    // The constant unit never appears; lists are sorted by |r|.
    for (const r of ranking.value) {
      expect(r.best.some((m) => m.signal === "a" && m.unit === 2)).toBe(false);
      expect(r.best.length).toBeLessThanOrEqual(2);
      for (let k = 1; k < r.best.length; k++) expect(Math.abs(r.best[k - 1].r)).toBeGreaterThanOrEqual(Math.abs(r.best[k].r));
    }
    expect(ranking.value.find((r) => r.feature === "upper")!.mean).toBeCloseTo(3 / n, 6);
  });

  it("leaves a feature that never varies without matches, and refuses mismatched lengths", () => {
    const plain = charFeatures("no quotes here");
    const signal = [{id: "x", name: "x", values: Array.from({length: 14}, (_, t) => [t % 3])}];
    const ranking = rankUnits(signal, plain);
    if (!ranking.ok) throw new Error(ranking.message);
    expect(ranking.value.find((r) => r.feature === "quote")!.best).toEqual([]);
    expect(rankUnits(signals, charFeatures("short"))).toEqual({
      ok: false,
      message: "Signal signal a covers 29 characters, the features 5."
    });
  });

  it("joins passages' features end to end", () => {
    const joined = concatFeatures([charFeatures('a"b'), charFeatures('c"d')]);
    expect(Array.from(joined.find((x) => x.id === "quote")!.values)).toEqual([0, 1, 1, 0, 1, 1]);
  });
});

describe("chance level", () => {
  it("rotates a series and finds a lower best |r| against the rotated feature", async () => {
    const {rotate} = await import("../../../src/lib/rnn/char-features.js");
    expect(Array.from(rotate(Float32Array.from([1, 2, 3, 4, 5]), 2))).toEqual([3, 4, 5, 1, 2]);
    const text = 'a "bc" d "ef" g, h. "ij" k l m "no" p q, r s. t "uv" w x';
    const features = charFeatures(text);
    const quote = features.find((f) => f.id === "quote")!.values;
    const ranking = rankUnits([{id: "s", name: "s", values: Array.from(quote, (v) => [v])}], features);
    if (!ranking.ok) throw new Error(ranking.message);
    const q = ranking.value.find((r) => r.feature === "quote")!;
    expect(q.best[0].r).toBeCloseTo(1, 6);
    expect(q.chance).not.toBeNull();
    expect(q.chance!).toBeLessThan(0.9);
  });
});
