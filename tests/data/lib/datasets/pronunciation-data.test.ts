// The CMU dictionary parser against hand-made dict.json texts (good, and each way one can be
// corrupt: every message names the file, the key and the problem); the word selection and the
// split; the edit distance and phoneme error rate against hand-counted cases and an
// independent recursive definition; the typed-word check; the front-coded word list.
import {describe, expect, test} from "vitest";
import {
  alignEdits,
  checkArpabet,
  checkTypedWord,
  editDistance,
  errorRate,
  involvesVowel,
  PHONEMES,
  stripStress
} from "../../../../src/lib/text/phonemes.js";
import {frontCode, frontDecode} from "../../../../src/lib/text/word-list.js";
import {parseCmudict, readCmudict} from "../../../../src/data/lib/datasets/cmudict.js";
import {selectWords, splitWords, SPLIT} from "../../../../src/data/lib/datasets/pronunciation-data.js";
import {boundedEditDistance, nearestSpelling, scorePronunciations} from "../../../../src/data/lib/training/pronunciation-training.js";
import {seededRandom} from "../../../../src/lib/core/random.js";

const GOOD = JSON.stringify({
  A: "AH0",
  "A(1)": "EY1",
  "A'S": "EY1 Z",
  ABACUS: "AE1 B AH0 K AH0 S",
  ABSENT: "AE1 B S AH0 N T",
  "ABSENT(1)": "AE0 B S EH1 N T",
  "ABSENT(2)": "AE1 B S EH0 N T",
  ACHE: "EY1 K",
  "X-RAY": "EH1 K S R EY2",
  ZOO: "Z UW1"
});

function errorOf(text: string): string {
  try {
    parseCmudict(text, "dict.json");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the parser to refuse the text");
}

/** GOOD with `key` set to `value` (undefined deletes it). */
function corrupt(key: string, value: unknown): string {
  const json = JSON.parse(GOOD) as Record<string, unknown>;
  if (value === undefined) delete json[key];
  else json[key] = value;
  return JSON.stringify(json);
}

describe("parseCmudict", () => {
  test("groups variants under their headword, first listed first, stress kept", () => {
    const entries = parseCmudict(GOOD, "dict.json");
    expect(entries.map((e) => e.word)).toEqual(["A", "A'S", "ABACUS", "ABSENT", "ACHE", "X-RAY", "ZOO"]);
    expect(entries.find((e) => e.word === "ABSENT")!.pronunciations).toEqual([
      ["AE1", "B", "S", "AH0", "N", "T"],
      ["AE0", "B", "S", "EH1", "N", "T"],
      ["AE1", "B", "S", "EH0", "N", "T"]
    ]);
    expect(entries[0].pronunciations).toEqual([["AH0"], ["EY1"]]);
  });

  test("refuses corrupt files, naming the file, the key and the problem", () => {
    expect(errorOf('{"A": "AH0",')).toMatch(/^dict\.json: not valid JSON/);
    expect(errorOf('["A"]')).toBe("dict.json: expected one object mapping words to pronunciations");
    expect(errorOf(corrupt("ZOO", "Z UW"))).toBe("dict.json: ZOO: vowel UW has no stress digit");
    expect(errorOf(corrupt("ZOO", "Z1 UW1"))).toBe("dict.json: ZOO: consonant Z has a stress digit");
    expect(errorOf(corrupt("ZOO", "Z QQ1"))).toBe('dict.json: ZOO: "QQ1" is not an ARPAbet symbol');
    expect(errorOf(corrupt("ZOO", "Z  UW1"))).toBe('dict.json: ZOO: pronunciation "Z  UW1" is empty or has stray spaces');
    expect(errorOf(corrupt("ZOO", ""))).toBe('dict.json: ZOO: pronunciation "" is empty or has stray spaces');
    expect(errorOf(corrupt("ZOO", 3))).toBe("dict.json: ZOO: the pronunciation is number, expected a string");
    expect(errorOf(corrupt("ZOO", null))).toBe("dict.json: ZOO: the pronunciation is null, expected a string");
    expect(errorOf(corrupt("zoo", "Z UW1"))).toBe('dict.json: key "zoo" is not upper case');
    expect(errorOf(corrupt("ZOO (1)", "Z UW1"))).toBe('dict.json: key "ZOO (1)" is not a word or WORD(n)');
    expect(errorOf(corrupt("ZOO(0)", "Z UW1"))).toBe('dict.json: key "ZOO(0)": variants are numbered from 1');
    expect(errorOf(corrupt("ACHE(2)", "EY1 CH"))).toBe("dict.json: ACHE: variant (1) is missing before (2)");
    expect(errorOf(corrupt("ABSENT", undefined))).toBe("dict.json: ABSENT: has variants but no plain entry");
    // The same variant twice (a key written as "ABSENT(01)").
    expect(errorOf(corrupt("ABSENT(01)", "AE1 B S AH0 N T"))).toBe("dict.json: ABSENT(01) appears twice");
  });

  test("the real dictionary parses: 133,784 keys as 125,000-odd headwords, every phoneme valid", () => {
    const entries = readCmudict();
    const keys = entries.reduce((n, e) => n + e.pronunciations.length, 0);
    expect(keys).toBe(133_784);
    expect(entries.find((e) => e.word === "TOMATO")!.pronunciations.length).toBeGreaterThan(1);
    expect(entries.every((e) => e.pronunciations.every((p) => p.every((s) => checkArpabet(s) === null)))).toBe(true);
  });
});

describe("ARPAbet helpers", () => {
  test("39 phonemes; stress digits stripped from vowels only", () => {
    expect(PHONEMES).toHaveLength(39);
    expect(new Set(PHONEMES).size).toBe(39);
    expect(["AH0", "AH1", "AH2", "T", "NG"].map(stripStress)).toEqual(["AH", "AH", "AH", "T", "NG"]);
  });
});

describe("selectWords and splitWords", () => {
  const entries = parseCmudict(GOOD, "dict.json");

  test("letters-only headwords of 2–16 letters; stress removed; variants that differ only in stress merged", () => {
    const {words, skipped} = selectWords(entries);
    expect(words.map((w) => w.word)).toEqual(["ABACUS", "ABSENT", "ACHE", "ZOO"]);
    expect(skipped).toEqual({notLetters: 2, tooShort: 1, tooLong: 0});
    const absent = words.find((w) => w.word === "ABSENT")!;
    // (1) and (2) differ only in stress: one stress-free variant remains beside the first.
    expect(absent.pronunciations).toEqual([
      ["AE", "B", "S", "AH", "N", "T"],
      ["AE", "B", "S", "EH", "N", "T"]
    ]);
    expect(absent.stressed).toEqual(["AE1", "B", "S", "AH0", "N", "T"]);
  });

  test("the real split: by headword, disjoint, seeded, 5% held out", () => {
    const {words} = selectWords(readCmudict());
    const a = splitWords(words, SPLIT);
    const b = splitWords(words, SPLIT);
    expect(a.test.map((w) => w.word)).toEqual(b.test.map((w) => w.word));
    expect(a.train.length + a.test.length).toBe(words.length);
    expect(a.test.length).toBe(Math.round(words.length * 0.05));
    const train = new Set(a.train.map((w) => w.word));
    expect(a.test.some((w) => train.has(w.word))).toBe(false);
    // Another seed holds out other words.
    const c = splitWords(words, {...SPLIT, seed: SPLIT.seed + 1});
    expect(c.test.map((w) => w.word)).not.toEqual(a.test.map((w) => w.word));
  });
});

/** Levenshtein distance straight from its recursive definition (memoised): an independent reference. */
function referenceDistance(a: string, b: string): number {
  const memo = new Map<string, number>();
  const d = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${i},${j}`;
    if (!memo.has(key)) memo.set(key, Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    return memo.get(key)!;
  };
  return d(a.length, b.length);
}

describe("edit distance and phoneme error rate", () => {
  test("hand-counted cases", () => {
    expect(editDistance([..."kitten"], [..."sitting"])).toBe(3);
    expect(editDistance([], ["K", "AE", "T"])).toBe(3);
    expect(editDistance(["K", "AE", "T"], [])).toBe(3);
    expect(editDistance(["K", "AE", "T"], ["K", "AE", "T"])).toBe(0);
    // One substitution (IH for AH) and one deletion (the final T).
    expect(editDistance(["AE", "B", "S", "IH", "N", "T", "T"], ["AE", "B", "S", "AH", "N", "T"])).toBe(2);
  });

  test("matches the recursive definition on random strings, and the bounded version agrees under its bound", () => {
    const random = seededRandom(4);
    const word = () => Array.from({length: Math.floor(random() * 9)}, () => "ABCD"[Math.floor(random() * 4)]).join("");
    for (let k = 0; k < 300; k++) {
      const a = word();
      const b = word();
      const d = referenceDistance(a, b);
      expect(editDistance([...a], [...b])).toBe(d);
      expect(boundedEditDistance(a, b, Infinity)).toBe(d);
      expect(boundedEditDistance(a, b, d + 1)).toBe(d);
      expect(boundedEditDistance(a, b, d)).toBeGreaterThanOrEqual(d);
    }
  });

  test("alignEdits lists one cheapest set of edits: as many as the distance, lengths balanced", () => {
    expect(alignEdits(["AE", "B", "S", "IH", "N", "T", "T"], ["AE", "B", "S", "AH", "N", "T"])).toEqual([
      {kind: "substitute", hypothesis: "IH", reference: "AH"},
      {kind: "insert", hypothesis: "T"}
    ]);
    expect(alignEdits(["K", "T"], ["K", "AE", "T"])).toEqual([{kind: "delete", reference: "AE"}]);
    expect(alignEdits(["K", "T"], ["K", "AE", "T"]).map(involvesVowel)).toEqual([true]);
    expect(involvesVowel({kind: "substitute", hypothesis: "T", reference: "D"})).toBe(false);
    const random = seededRandom(9);
    const word = () => Array.from({length: Math.floor(random() * 7)}, () => "ABC"[Math.floor(random() * 3)]);
    for (let k = 0; k < 200; k++) {
      const a = word();
      const b = word();
      const edits = alignEdits(a, b);
      expect(edits.length).toBe(editDistance(a, b));
      // Insertions are extra hypothesis symbols, deletions missing ones: the lengths must balance.
      const inserted = edits.filter((x) => x.kind === "insert").length;
      const deleted = edits.filter((x) => x.kind === "delete").length;
      expect(a.length - inserted + deleted).toBe(b.length);
    }
  });

  test("PER is total edits over total reference length", () => {
    const rate = errorRate([
      {hypothesis: ["K", "AE", "T"], reference: ["K", "AE", "T"]},
      {hypothesis: ["D", "AO"], reference: ["D", "AO", "G"]},
      {hypothesis: ["B", "ER", "D", "Z"], reference: ["B", "ER", "D"]},
      {hypothesis: [], reference: ["F", "IH", "SH"]}
    ]);
    expect(rate).toEqual({edits: 0 + 1 + 1 + 3, referenceLength: 12, rate: 5 / 12, exact: 1, count: 4});
    expect(errorRate([]).rate).toBeNaN();
  });

  test("scores against the first and the nearest listed pronunciation", () => {
    const [absent] = selectWords(parseCmudict(GOOD, "dict.json")).words.filter((w) => w.word === "ABSENT");
    const said = ["AE", "B", "S", "EH", "N", "T"];
    const scores = scorePronunciations([absent], [said]);
    expect(scores.first).toMatchObject({edits: 1, referenceLength: 6, exact: 0});
    expect(scores.nearest).toMatchObject({edits: 0, referenceLength: 6, exact: 1});
  });

  test("the nearest-spelling baseline borrows the closest training word's pronunciation", () => {
    const words = selectWords(
      parseCmudict(JSON.stringify({CAT: "K AE1 T", CART: "K AA1 R T", DOG: "D AO1 G", DOGS: "D AO1 G Z", COAT: "K OW1 T"}), "d")
    ).words;
    const train = words.filter((w) => w.word !== "DOGS");
    const test = selectWords(parseCmudict(JSON.stringify({CAST: "K AE1 S T", DOGS: "D AO1 G Z", XRAY: "EH1 K S R EY2"}), "d")).words;
    // CAST: CART and CAT are both one edit away; ties go to the alphabetically first (CART).
    expect(nearestSpelling(train, test)).toEqual([
      {pronunciation: ["K", "AA", "R", "T"], from: "CART"},
      {pronunciation: ["D", "AO", "G"], from: "DOG"},
      {pronunciation: [], from: ""}
    ]);
  });
});

describe("checkTypedWord", () => {
  test("letters only, trimmed, upper-cased", () => {
    expect(checkTypedWord("  Photograph ")).toEqual({ok: true, value: "PHOTOGRAPH"});
  });
  test("markup, digits, spaces, empty and long input get messages that quote the characters", () => {
    const message = (text: unknown) => {
      const r = checkTypedWord(text, {maxLetters: 16});
      if (r.ok) throw new Error("expected a message");
      return r.message;
    };
    expect(message("<b>hi</b>")).toBe(
      "Letters a–z only, one word: “<”, “>”, “/” cannot be read by the encoder, which knows only the 26 letters."
    );
    expect(message("r2d2")).toMatch(/^Letters a–z only, one word: “2” cannot/);
    expect(message("two words")).toMatch(/: space cannot/);
    expect(message("   ")).toBe("Type a word: the box is empty.");
    expect(message("a".repeat(17))).toBe("At most 16 letters, the longest words the network was trained on (this one has 17).");
    expect(message(undefined)).toBe("Type a word.");
  });
});

describe("front-coded word list", () => {
  test("round trip, and smaller than one word per line", () => {
    const words = selectWords(readCmudict())
      .words.map((w) => w.word)
      .slice(0, 5000)
      .sort();
    const coded = frontCode(words);
    expect([...frontDecode(coded)]).toEqual(words);
    expect(coded.length).toBeLessThan(0.75 * words.join("\n").length);
    expect(frontCode(["AB", "ABC", "ABCD", "B"])).toBe("0AB\n2C\n3D\n0B");
  });
  test("a damaged list is refused, naming the line", () => {
    expect(() => frontDecode("0AB\n5C", "train-words.txt")).toThrow('train-words.txt: line 2 ("5C") is not a front-coded word');
    expect(() => frontDecode("0AB\n1c", "train-words.txt")).toThrow(/line 2/);
  });
});
