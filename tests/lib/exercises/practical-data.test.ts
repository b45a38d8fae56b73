// The data-driven practical exercises: default answers worked by hand on small label files and
// model lists, and MNIST's real window geometry (28×28 windows, 4 pixels apart).
import {describe, expect, it} from "vitest";
import {
  classShareExercise,
  commonestClassExercise,
  imageWindowsExercise,
  labelCounts,
  mistakesExercise,
  standardErrorExercise,
  stripWindowsExercise
} from "../../../src/lib/exercises/practical-data.js";
import {checkAnswer, type Exercise} from "../../../src/lib/exercises/question.js";
import {expectWellFormed} from "./well-formed.js";

// Three classes: train 2 × a, 5 × b, 3 × c; test 1 × a, 1 × b, 2 × c.
const data = {
  name: "Tiny",
  classes: ["a", "b", "c"],
  train: Uint8Array.of(0, 1, 1, 2, 1, 0, 2, 1, 2, 1),
  test: Uint8Array.of(2, 0, 2, 1)
};
const models = [
  {name: "Softmax regression", testAccuracy: 0.9216, testCount: 10000},
  {name: "Convolutional network", testAccuracy: 0.99, testCount: 10000}
];
const mnist = {window: 28, stride: 4};

describe("default data questions, answered by hand", () => {
  it("counts labels per class", () => expect(labelCounts(data.train, 3)).toEqual([2, 5, 3]));
  it("class b (the second class, as MNIST's 1) is 5 of 10 training images: 50.0%", () => {
    const q = classShareExercise(data).make(0);
    expect(q.answer.value).toBe(50);
    expect(q.prompt).toContain("class b");
  });
  it("the commonest training class is b", () => expect(commonestClassExercise(data).make(0).answer.value).toBe("b"));
  it("the CNN at 99% of 10,000 gets 100 wrong", () => expect(mistakesExercise(models).make(0).answer.value).toBe(100));
  it("standard error √(0.99·0.01/10,000) = 0.000995: 0.10 points", () =>
    expect(standardErrorExercise(models).make(0).answer.value).toBeCloseTo(0.1, 10));
  it("a strip of four digits, 112 wide: (112 − 28)/4 + 1 = 22 windows", () =>
    expect(stripWindowsExercise(mnist).make(0).answer.value).toBe(22));
  it("a 56×84 image: 8 rows · 15 columns = 120 cells", () => expect(imageWindowsExercise(mnist).make(0).answer.value).toBe(120));
  it("a strip narrower than the window gives no window, and a wrong answer is named as such", () => {
    const q = stripWindowsExercise({window: 28, stride: 4}).make(0);
    const v = checkAnswer(q, "21");
    expect(v.ok && v.value.right).toBe(false);
    expect(v.ok && v.value.message).toMatch(/^Not quite: you said 21, the answer is 22\. /);
  });
});

describe("every data question", () => {
  const all: Exercise[] = [
    classShareExercise(data),
    commonestClassExercise(data),
    mistakesExercise(models),
    standardErrorExercise(models),
    stripWindowsExercise(mnist),
    imageWindowsExercise(mnist)
  ];
  it.each(all.map((e) => [e.id, e] as const))("%s: drawn questions are well formed and their own answer checks right", (_, exercise) => {
    expectWellFormed(exercise);
  });
});
