// The practical exercises: default answers by hand, the training page's defaults as the page
// reads them, and the shift-test questions on a small hand-made report.
import {describe, expect, it} from "vitest";
import {
  camFieldExercise,
  camSpacingExercise,
  centringExercise,
  mlpParametersExercise,
  scaledWidthExercise,
  shiftDropExercise,
  shiftWinnerExercise,
  softmaxParametersExercise,
  trainParametersExercise,
  trainStepsExercise
} from "../../../src/lib/exercises/practical.js";
import type {Exercise} from "../../../src/lib/exercises/question.js";
import {expectWellFormed} from "./well-formed.js";
import type {ShiftReport} from "../../../src/lib/cnn/shift-test.js";

const point = (shift: number, accuracy: number, recentred = false) => ({shift, recentred, correct: accuracy * 1000, count: 1000, accuracy});
const report = {
  count: 1000,
  shifts: [0, 1, 2, 3],
  models: [
    {
      id: "softmax",
      name: "Softmax regression",
      points: [point(0, 0.92), point(1, 0.8), point(2, 0.41), point(3, 0.2), point(2, 0.9, true)]
    },
    {id: "cnn", name: "CNN", points: [point(0, 0.99), point(1, 0.985), point(2, 0.93), point(3, 0.7), point(2, 0.98, true)]},
    {id: "knn", name: "k-NN", points: [point(0, 0.97), point(1, 0.9), point(2, 0.6), point(3, 0.3), point(2, 0.99, true)]}
  ]
} as unknown as ShiftReport;

describe("default practical questions, answered by hand", () => {
  it("softmax regression on 28×28, 10 classes: 784·10 + 10 = 7,850", () =>
    expect(softmaxParametersExercise.make(0).answer.value).toBe(7850));
  it("hidden layer of 128: 784·128 + 128 + 128·10 + 10 = 101,770", () => expect(mlpParametersExercise.make(0).answer.value).toBe(101770));
  it("the training page's defaults: 208 + 3,216 + 16,448 + 650 = 20,522 parameters", () =>
    expect(trainParametersExercise.make(0).answer.value).toBe(20522));
  it("the default 3,000 images, batches of 64, 2 epochs: 2·47 = 94 updates", () =>
    expect(trainStepsExercise.make(0).answer.value).toBe(94));
  it("at 2 pixels the best model is the one with the highest shifted (not re-centred) accuracy", () => {
    expect(shiftWinnerExercise(report).make(0).answer.value).toBe("CNN");
  });
  it("a 100×200 drawing scaled by 20/200 is 10 wide", () => expect(scaledWidthExercise.make(0).answer.value).toBe(10));
  it("20 rows centred on row 14: top at round(14 − 9.5) = 5", () => expect(centringExercise.make(0).answer.value).toBe(5));
  it("conv 5, pool 2, conv 5: Grad-CAM cells 2 pixels apart, each seeing 5 + 1 + 4·2 = 14", () => {
    expect(camSpacingExercise.make(0).answer.value).toBe(2);
    expect(camFieldExercise.make(0).answer.value).toBe(14);
  });
  it("softmax loses 92 − 41 = 51.0 points at 2 pixels", () => expect(shiftDropExercise(report).make(0).answer.value).toBe(51));
});

describe("every practical question", () => {
  const all: Exercise[] = [
    softmaxParametersExercise,
    centringExercise,
    mlpParametersExercise,
    scaledWidthExercise,
    trainParametersExercise,
    trainStepsExercise,
    shiftWinnerExercise(report),
    shiftDropExercise(report),
    camSpacingExercise,
    camFieldExercise
  ];
  it.each(all.map((e) => [e.id, e] as const))("%s: drawn questions are well formed and their own answer checks right", (_, exercise) => {
    expectWellFormed(exercise);
  });
});
