// The pure parts of the model results page (practical/models): which test images the CNN alone
// gets right or wrong (against a hand-made fixture worked out on paper), confusion-matrix cells,
// per-class accuracy and gallery captions; then the same functions on the real metrics a
// quick-mode MNIST models archive ships, checked against the MNIST test labels themselves.
import JSZip from "jszip";
import {beforeAll, describe, expect, test} from "vitest";
import {classAccuracyPoints} from "../../../src/views/practical/class-accuracy.js";
import {commonestMistakes, confusionCells, largestMistake} from "../../../src/views/practical/confusion-matrix.js";
import {mistakeItems, mistakesByIndex, wrongAnswerItems} from "../../../src/views/practical/misclassified-gallery.js";
import {disagreement, type Disagreement} from "../../../src/lib/training/model-disagreement.js";
import {misclassifiedRows} from "../../../src/lib/training/metrics.js";
import type {ModelMetrics} from "../../../src/lib/formats/model-report.js";
import {MODEL_IDS} from "../../../src/lib/models/zoo.js";
import {readMnist} from "../../../src/data/lib/datasets/datasets.js";
import {trainModelsArchive} from "../../../src/data/lib/training/model-training.js";

const DIGITS = [..."0123456789"];

// Ten test images; which each model got wrong, in no particular order.
const FIXTURE = [
  {id: "softmax", name: "Softmax regression", wrong: [8, 1, 2, 3, 5]},
  {id: "cnn", name: "Convolutional network", wrong: [7, 5, 4, 1]},
  {id: "knn", name: "k-nearest neighbours", wrong: [2, 4, 5, 9]}
];

describe("where the CNN is right and the others wrong (hand-made fixture)", () => {
  const result = disagreement(FIXTURE, {count: 10});

  test("per other model: CNN right and it wrong, the reverse, both wrong", () => {
    expect(result.ok).toBe(true);
    const d = (result as {value: Disagreement}).value;
    expect(d.reference).toEqual({id: "cnn", name: "Convolutional network", wrong: 4});
    expect(d.pairs).toEqual([
      // softmax wrong {1,2,3,5,8}, CNN wrong {1,4,5,7}
      {id: "softmax", name: "Softmax regression", referenceRight: [2, 3, 8], referenceWrong: [4, 7], bothWrong: [1, 5]},
      // k-NN wrong {2,4,5,9}
      {id: "knn", name: "k-nearest neighbours", referenceRight: [2, 9], referenceWrong: [1, 7], bothWrong: [4, 5]}
    ]);
  });

  test("against all the others at once", () => {
    const d = (result as {value: Disagreement}).value;
    expect(d.onlyReferenceRight).toEqual([2]); // both others wrong, CNN right
    expect(d.onlyReferenceWrong).toEqual([7]); // CNN wrong, both others right
    expect(d.allWrong).toEqual([5]);
  });

  test("another reference model, and the counts add up to each model's mistakes", () => {
    const r = disagreement(FIXTURE, {count: 10, reference: "knn"});
    if (!r.ok) throw new Error(r.message);
    // Softmax and CNN both wrong on {1, 5}; k-NN is right on 1. k-NN alone wrong: 9.
    expect(r.value.onlyReferenceRight).toEqual([1]);
    expect(r.value.onlyReferenceWrong).toEqual([9]);
    const cnn = r.value.pairs.find((p) => p.id === "cnn")!;
    expect(cnn).toMatchObject({referenceRight: [1, 7], referenceWrong: [2, 9], bothWrong: [4, 5]});
  });

  test("bad input gets a message, not a wrong answer", () => {
    const message = (r: ReturnType<typeof disagreement>) => (r.ok ? "ok" : r.message);
    expect(message(disagreement(FIXTURE, {count: 9}))).toMatch(
      /Softmax regression: mistake 0 names test image 8|test image 9, but there are only 9/
    );
    expect(message(disagreement([{id: "cnn", name: "CNN", wrong: [1, 1]}, FIXTURE[0]], {count: 10}))).toBe(
      "CNN: test image 1 is listed twice as a mistake"
    );
    expect(message(disagreement([FIXTURE[0]], {count: 10}))).toMatch(/no model "cnn"/);
    expect(message(disagreement([FIXTURE[1]], {count: 10}))).toMatch(/nothing to compare/);
    expect(message(disagreement(FIXTURE, {count: 0}))).toMatch(/at least one image/);
    expect(message(disagreement([{id: "cnn", name: "CNN", wrong: [0.5]}, FIXTURE[0]], {count: 10}))).toMatch(/names test image 0.5/);
  });
});

describe("confusion-matrix cells", () => {
  const confusion = [
    [5, 1, 0],
    [2, 6, 2],
    [0, 0, 0]
  ];

  test("one cell per pair with the row's share, diagonal marked", () => {
    const cells = confusionCells(confusion);
    if (!cells.ok) throw new Error(cells.message);
    expect(cells.value).toHaveLength(9);
    expect(cells.value[0]).toEqual({actual: 0, predicted: 0, count: 5, total: 6, share: 5 / 6, diagonal: true});
    expect(cells.value[5]).toEqual({actual: 1, predicted: 2, count: 2, total: 10, share: 0.2, diagonal: false});
    expect(cells.value[8]).toEqual({actual: 2, predicted: 2, count: 0, total: 0, share: 0, diagonal: true}); // an empty class, no NaN
    expect(largestMistake(confusion)).toBe(2);
    expect(commonestMistakes(confusion, 2).map((d) => [d.actual, d.predicted, d.count])).toEqual([
      [1, 0, 2],
      [1, 2, 2]
    ]);
  });

  test("a matrix that is not square counts gets a message", () => {
    expect(confusionCells([])).toEqual({ok: false, message: "the confusion matrix is empty"});
    expect(confusionCells([[1, 2], [3]])).toEqual({ok: false, message: "row 1 of the confusion matrix has 1 cells, expected 2"});
    expect(
      confusionCells([
        [1, -2],
        [3, 4]
      ]).ok
    ).toBe(false);
    expect(commonestMistakes([[1, 2], [3]])).toEqual([]);
  });
});

describe("gallery captions", () => {
  const mistakes = [
    {
      name: "Softmax regression",
      short: "softmax",
      mistakes: mistakesByIndex({index: [3, 4], label: [1, 2], predicted: [7, 9], confidence: [0.934, 0.5]})
    },
    {name: "k-nearest neighbours", short: "k-NN", mistakes: mistakesByIndex({index: [3], label: [1], predicted: [7], confidence: [0.6]})},
    {name: "Multilayer perceptron", short: "MLP", mistakes: mistakesByIndex({index: [3], label: [1], predicted: [4], confidence: [0.7]})}
  ];
  const labels = [0, 0, 0, 1, 2];

  test("one model: its answer and confidence; several: each answer with how many gave it", () => {
    expect(wrongAnswerItems([4], labels, mistakes.slice(0, 1), DIGITS)[0].lines).toEqual(["true 2", "softmax: 9, 50%"]);
    const [item] = wrongAnswerItems([3], labels, mistakes, DIGITS);
    expect(item.lines).toEqual(["true 1", "said 7 (×2), 4"]);
    expect(item.description).toBe(
      "Test image 3: a 1; Softmax regression said 7 (93%); k-nearest neighbours said 7 (60%); Multilayer perceptron said 4 (70%)"
    );
  });

  test("a model's own mistakes name the class, not its number, for clothes", () => {
    const classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
    const [item] = mistakeItems([{index: 12, label: 6, predicted: 0, confidence: 0.815}], classes, "CNN");
    expect(item).toEqual({
      index: 12,
      lines: ["true Shirt", "said T-shirt/top, 82%"],
      description: "Test image 12: a Shirt; CNN said T-shirt/top with 82% confidence"
    });
  });

  test("near-certain mistakes are not rounded up to 100%", () => {
    const said = (confidence: number) => mistakeItems([{index: 0, label: 1, predicted: 7, confidence}], DIGITS, "CNN")[0].lines[1];
    expect([0.9996, 0.9951, 0.99, 0.985, 0.5].map(said)).toEqual([
      "said 7, >99.9%",
      "said 7, 99.5%",
      "said 7, 99.0%",
      "said 7, 99%",
      "said 7, 50%"
    ]);
  });
});

describe("the real metrics of a quick-mode MNIST models archive", () => {
  let metrics: Record<string, ModelMetrics>;
  let testLabels: Uint8Array;

  beforeAll(async () => {
    testLabels = readMnist().test.labels;
    const zip = await JSZip.loadAsync(await trainModelsArchive("mnist", {WORKBOOK_QUICK: "1", WORKBOOK_BACKEND: "wasm"}, () => {}));
    metrics = Object.fromEntries(
      await Promise.all(
        MODEL_IDS.map(async (id) => [id, JSON.parse(await zip.file(`${id}/metrics.json`)!.async("string")) as ModelMetrics])
      )
    );
  }, 300_000);

  test("every confusion matrix's rows sum to the number of test images of each digit", () => {
    const perDigit = new Array(10).fill(0);
    for (const label of testLabels) perDigit[label]++;
    expect(perDigit.reduce((a, b) => a + b)).toBe(10_000);
    for (const id of MODEL_IDS) {
      const m = metrics[id];
      expect(m.quick).toBe(true);
      const cells = confusionCells(m.test.confusion);
      if (!cells.ok) throw new Error(cells.message);
      const rows = new Array(10).fill(0);
      for (const c of cells.value) rows[c.actual] += c.count;
      expect(rows, id).toEqual(perDigit);
      expect(
        cells.value.filter((c) => c.diagonal).reduce((s, c) => s + c.count, 0),
        id
      ).toBe(m.test.correct);
      // Off the diagonal: exactly the listed mistakes.
      expect(10_000 - m.test.correct).toBe(m.misclassified.index.length);
    }
  });

  test("per-class accuracy points agree with the shipped accuracies", () => {
    const points = classAccuracyPoints(MODEL_IDS.map((id) => ({name: id, perClass: metrics[id].test.perClass})));
    expect(points).toHaveLength(40);
    for (const p of points) expect(p.accuracy).toBeCloseTo(metrics[p.model].test.perClass.accuracy[p.label], 5);
  });

  test("the mistakes' true labels are the test set's, and the disagreement counts add up to each model's mistakes", () => {
    for (const id of MODEL_IDS) {
      const {index, label} = metrics[id].misclassified;
      index.forEach((i, r) => expect(label[r]).toBe(testLabels[i]));
      for (const item of mistakeItems(misclassifiedRows(metrics[id].misclassified).slice(0, 50), DIGITS, id))
        expect(item.lines[0]).toBe(`true ${testLabels[item.index]}`);
    }
    const r = disagreement(
      MODEL_IDS.map((id) => ({id, name: id, wrong: metrics[id].misclassified.index})),
      {count: 10_000}
    );
    if (!r.ok) throw new Error(r.message);
    const cnnWrong = 10_000 - metrics.cnn.test.correct;
    expect(r.value.reference.wrong).toBe(cnnWrong);
    for (const p of r.value.pairs) {
      expect(p.referenceWrong.length + p.bothWrong.length, p.id).toBe(cnnWrong);
      expect(p.referenceRight.length + p.bothWrong.length, p.id).toBe(10_000 - metrics[p.id].test.correct);
    }
    // Image by image, straight from the labels and each model's listed answers.
    const wrong = (id: string, i: number) => metrics[id].misclassified.index.includes(i);
    const others = MODEL_IDS.filter((id) => id !== "cnn");
    const alone = [...Array(10_000).keys()].filter((i) => !wrong("cnn", i) && others.every((id) => wrong(id, i)));
    expect(r.value.onlyReferenceRight).toEqual(alone);
    const beaten = [...Array(10_000).keys()].filter((i) => wrong("cnn", i) && others.every((id) => !wrong(id, i)));
    expect(r.value.onlyReferenceWrong).toEqual(beaten);
  });
});
