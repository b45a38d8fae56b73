// Reading and checking answers: numbers as readers type them, choices, and the refusals (empty,
// not a number, markup) that must come back as a message, never as a verdict.
import {describe, expect, it} from "vitest";
import {checkAnswer, readAnswer, type Question} from "../../../src/lib/exercises/question.js";

const numeric: Question = {prompt: "How many?", answer: {kind: "number", value: 1216, shown: "1,216"}, explain: "Because (75 + 1)·16."};
const decimal: Question = {prompt: "Ratio?", answer: {kind: "number", value: 8.4, tolerance: 0.1, shown: "8.4"}, explain: "Divide."};
const choice: Question = {
  prompt: "Which?",
  answer: {kind: "choice", choices: ["conv1", "dense1"], value: "dense1"},
  explain: "Dense layers connect everything."
};

/** The verdict's right/wrong, or the refusal's message. */
function right(q: Question, typed: string): boolean | string {
  const v = checkAnswer(q, typed);
  return v.ok ? v.value.right : v.message;
}

describe("checkAnswer", () => {
  it("accepts the number however it is typed", () => {
    for (const typed of ["1216", " 1216 ", "1,216", "1216.0", "+1216"]) {
      const v = checkAnswer(numeric, typed);
      expect(v.ok && v.value.right, typed).toBe(true);
    }
  });

  it("says right with the answer and the explanation", () => {
    const v = checkAnswer(numeric, "1216");
    expect(v.ok && v.value.message).toBe("Right: 1,216. Because (75 + 1)·16.");
  });

  it("says wrong with what was read, the answer and the explanation", () => {
    const v = checkAnswer(numeric, "1200");
    expect(v.ok && v.value.right).toBe(false);
    expect(v.ok && v.value.message).toBe("Not quite: you said 1,200, the answer is 1,216. Because (75 + 1)·16.");
  });

  it("reads a real minus sign and shows one back", () => {
    const v = checkAnswer(numeric, "−3");
    expect(v.ok && v.value.said).toBe("−3");
  });

  it("allows the stated tolerance and no more", () => {
    expect(right(decimal, "8.3")).toBe(true);
    expect(right(decimal, "8.5")).toBe(true);
    expect(right(decimal, "8.6")).toBe(false);
    expect(right(numeric, "1217")).toBe(false);
  });

  it("checks a choice", () => {
    expect(right(choice, "dense1")).toBe(true);
    const wrong = checkAnswer(choice, "conv1");
    expect(wrong.ok && wrong.value.message).toBe("Not quite: you said conv1, the answer is dense1. Dense layers connect everything.");
  });
});

describe("readAnswer refuses what is not an answer, with a message", () => {
  const message = (q: Question, typed: string | null) => {
    const r = readAnswer(q, typed);
    return r.ok ? null : r.message;
  };

  it("empty input", () => {
    expect(message(numeric, "")).toBe("Type a number first, then check it.");
    expect(message(numeric, "   ")).toBe("Type a number first, then check it.");
    expect(message(numeric, null)).toBe("Type a number first, then check it.");
    expect(message(choice, null)).toBe("Choose an answer first, then check it.");
  });

  it("text that is not a number", () => {
    expect(message(numeric, "abc")).toBe('Your answer: "abc" is not a number.');
    expect(message(numeric, "12 apples")).toBe('Your answer: "12 apples" is not a number.');
  });

  it("markup, quoted back as text", () => {
    expect(message(numeric, "<b>3</b>")).toBe('Type just a number: "<b>3</b>" contains markup, which is read as plain text.');
    expect(message(numeric, '<img src=x onerror="alert(1)">')).toContain("contains markup");
  });

  it("a choice that is not offered", () => {
    expect(message(choice, "<i>dense1</i>")).toBe('"<i>dense1</i>" is not one of the choices.');
  });
});
