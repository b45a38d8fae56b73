// The exercises for the RNN pages that run trained networks (shapes, decoders, sentiment,
// trajectories, read-out): default answers worked by hand,
// the bag of words on a hand-made vocabulary and weights.
import {describe, expect, it} from "vitest";
import {checkAnswer, type Exercise} from "../../../src/lib/exercises/question.js";
import {errorRateExercise, nameStepsExercise, nameSymbolsExercise, phonemeEditsExercise} from "../../../src/lib/exercises/decoders.js";
import {biggestPushExercise, readoutScoreExercise} from "../../../src/lib/exercises/readout.js";
import {bagChangeExercise, sentimentParametersExercise} from "../../../src/lib/exercises/sentiment.js";
import {outputCountExercise, outputShapeExercise} from "../../../src/lib/exercises/shapes.js";
import {pcaCoordinateExercise, pcaShareExercise} from "../../../src/lib/exercises/trajectories.js";
import {vocabularyOf} from "../../../src/lib/text/text-tokens.js";
import {expectWellFormed} from "./well-formed.js";

const arch = {vocabularySize: 10000, embeddingDim: 32, units: 32};
// A vocabulary with "not" weighing against positive, and weights for every word the pairs use.
const words = [
  "<pad>",
  "<unk>",
  "the",
  "acting",
  "is",
  "good",
  "but",
  "plot",
  "bad",
  "a",
  "film",
  "this",
  "not",
  "ending",
  "i",
  "loved",
  "it",
  "and",
  "then",
  "hated",
  "boring"
];
const vocabulary = vocabularyOf(words);
const weights = new Float32Array(vocabulary.words.length);
const weight: Record<string, number> = {good: 1, bad: -1, not: -0.5, loved: 1.5, hated: -1.5, boring: -0.8};
for (const [w, x] of Object.entries(weight)) weights[vocabulary.ids.get(w)!] = x;
const bow = {weights, bias: 0.2};

describe("default questions, answered by hand", () => {
  it("LSTM(32, return_sequences=False) then Dense(2): [batch, 2]", () =>
    expect(outputShapeExercise.make(0).answer.value).toBe("[batch, 2]"));
  it("GRU(16, return_sequences=True) then Dense(1) on 30 steps: 30 numbers", () =>
    expect(outputCountExercise.make(0).answer.value).toBe(30));
  it("HH AE T IY against HH EY T: one substitution, one insertion", () => expect(phonemeEditsExercise.make(0).answer.value).toBe(2));
  it("CAT exact, NATION 3 edits: 3 / (3 + 5) = 37.5%", () => expect(errorRateExercise.make(0).answer.value).toBe(37.5));
  it("seven: 5 letters + END = 6 steps", () => expect(nameStepsExercise.make(0).answer.value).toBe(6));
  it("zero … nine use 15 letters, + END = 16 symbols", () => expect(nameSymbolsExercise.make(0).answer.value).toBe(16));
  it("the LSTM layer: 4·32·(32 + 32 + 1) = 8,320", () => expect(sentimentParametersExercise(arch).make(0).answer.value).toBe(8320));
  it("the bag of words ignores order: swapping good and bad leaves the score the same", () =>
    expect(bagChangeExercise(bow, vocabulary).make(0).answer.value).toBe("the same"));
  it("rectangle 2 × 1: variances 1 and 0.25, 80.0% on the first direction", () => expect(pcaShareExercise.make(0).answer.value).toBe(80));
  it("(2, 1) minus the mean (1, 0.5), along (1, 0): 1.00", () => expect(pcaCoordinateExercise.make(0).answer.value).toBe(1));
  it("σ(0.5·2 − 0.8·1.5 − 0.2·1 + 0.1) = σ(−0.3) = 0.43", () => expect(readoutScoreExercise.make(0).answer.value).toBe(0.43));
  it("pushes 1, −1.2, −0.2: unit 2", () => expect(biggestPushExercise.make(0).answer.value).toBe("unit 2"));
  it("adding not to a sentence moves the score by not's weight: lower here", () => {
    const ex = bagChangeExercise(bow, vocabulary);
    const seen = new Map<string, string>();
    for (let s = 1; s < 60; s++) {
      const q = ex.make(s);
      if (q.answer.kind === "choice") seen.set(q.prompt.match(/Does "([^"]*)"/)![1], q.answer.value);
    }
    expect(seen.get("this film is not good")).toBe("lower");
    expect(seen.get("a good good good film")).toBe("the same");
  });
  it("feedback names a wrong choice and explains", () => {
    const v = checkAnswer(outputShapeExercise.make(0), "[batch, T, 2]");
    expect(v.ok && v.value.message).toMatch(
      /^Not quite: you said \[batch, T, 2\], the answer is \[batch, 2\]\. With return_sequences=False/
    );
  });
});

describe("every question", () => {
  const all: Exercise[] = [
    outputShapeExercise,
    outputCountExercise,
    phonemeEditsExercise,
    errorRateExercise,
    nameStepsExercise,
    nameSymbolsExercise,
    sentimentParametersExercise(arch),
    bagChangeExercise(bow, vocabulary),
    pcaShareExercise,
    pcaCoordinateExercise,
    readoutScoreExercise,
    biggestPushExercise
  ];
  it.each(all.map((e) => [e.id, e] as const))("%s: drawn questions are well formed and their own answer checks right", (_, exercise) => {
    expectWellFormed(exercise);
  });
});
