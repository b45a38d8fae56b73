// The RNN exercises: default answers worked out by hand from the lecture's equations, and every
// drawn question well formed and answerable by its own answer.
import {describe, expect, it} from "vitest";
import {RNN_EXERCISES, cellParameters} from "../../../src/lib/exercises/rnn.js";
import {SEQUENCE_EXERCISES} from "../../../src/lib/exercises/sequences.js";
import type {Exercise} from "../../../src/lib/exercises/question.js";
import {expectWellFormed} from "./well-formed.js";

const byId = new Map(Object.values(RNN_EXERCISES).flatMap((list) => list.map((e: Exercise) => [e.id, e] as const)));
const answerOf = (id: string, seed = 0) => byId.get(id)!.make(seed).answer.value;

describe("default RNN questions, answered by hand", () => {
  it("neuron 0.8/0.9/0.1 on 1, 0.5: tanh(0.4 + 0.9·tanh(0.9) + 0.1) = 0.82", () => {
    expect(answerOf("rnn-step")).toBe(Math.round(100 * Math.tanh(0.4 + 0.9 * Math.tanh(0.9) + 0.1)) / 100);
    expect(answerOf("rnn-step")).toBe(0.82);
  });
  it("SimpleRNN 10 → 32: 10·32 + 32·32 + 32 = 1,376", () => expect(answerOf("rnn-parameters")).toBe(1376));
  it("LSTM 10 → 32: 4 · 1,376 = 5,504", () => expect(answerOf("lstm-parameters")).toBe(5504));
  it("GRU 10 → 32: 3 · 1,376 = 4,128", () => expect(answerOf("gru-parameters")).toBe(4128));
  it("c = 0.9·2 + 0.2·0.5 = 1.9", () => expect(answerOf("cell-update")).toBe(1.9));
  it("h = 0.5·tanh(2) = 0.48", () => expect(answerOf("output-gate")).toBe(0.48));
  it("an open forget gate keeps the memory", () => expect(answerOf("keep-memory")).toBe("f = 1"));
  it("in tfjs's GRU z = 1 keeps the old state", () => expect(answerOf("gru-keep")).toBe("z = 1"));
  it("0.9^20 = 12.2%", () => expect(answerOf("gradient-left")).toBe(12.2));
  it("0.9^t < 0.01 first at t = 44", () => expect(answerOf("steps-to-vanish")).toBe(44));
  it("σ(0 + 2·1) = 0.88", () => expect(answerOf("peephole-gate")).toBe(0.88));
  it("LSTM 1 → 16 with peepholes: 4·(16 + 256 + 16) + 48 = 1,200", () => expect(answerOf("peephole-parameters")).toBe(1200));
  it("three SimpleRNN layers of 16 on 4 inputs: 336 + 528 + 528 = 1,392", () => expect(answerOf("deep-parameters")).toBe(1392));
  it("three layers on 12 steps: 36 cell steps", () => expect(answerOf("deep-steps")).toBe(36));
  it("cellParameters matches the gate count times one block", () => {
    expect(cellParameters("LSTM", 3, 5).parameters).toBe(4 * (3 * 5 + 5 * 5 + 5));
  });
});

describe("every RNN question", () => {
  it("covers each page with two exercises of distinct ids", () => {
    for (const list of Object.values(RNN_EXERCISES)) expect(new Set(list.map((e) => e.id)).size).toBe(2);
  });

  it.each([...byId].map(([id, e]) => [id, e] as const))(
    "%s: drawn questions are well formed and their own answer checks right",
    (_, exercise) => expectWellFormed(exercise)
  );
});

describe("forecasting and character-generation questions", () => {
  const byId = new Map(Object.values(SEQUENCE_EXERCISES).flatMap((list) => list.map((e: Exercise) => [e.id, e] as const)));
  it("naive forecast of 12, 14, 13, 17, 16: errors 2, 1, 4, 1, mean 2", () =>
    expect(byId.get("naive-error")!.make(0).answer.value).toBe(2));
  it("100 days, windows of 30: starts 0 … 69, 70 windows", () => expect(byId.get("window-count")!.make(0).answer.value).toBe(70));
  it("0.6, 0.3, 0.1 at T = 0.5: 0.36 / 0.46 = 78.3%", () => expect(byId.get("temperature")!.make(0).answer.value).toBe(78.3));
  it("at T = 2 a rare character gets likelier", () => expect(byId.get("rare-character")!.make(0).answer.value).toBe("more likely"));
  it.each([...byId].map(([id, e]) => [id, e] as const))(
    "%s: drawn questions are well formed and their own answer checks right",
    (_, exercise) => {
      expectWellFormed(exercise);
      // Errors, window counts and probabilities: never zero or negative.
      for (let seed = 0; seed < 40; seed++) {
        const {answer} = exercise.make(seed);
        if (answer.kind === "number") expect(answer.value).toBeGreaterThan(0);
      }
    }
  );
});
