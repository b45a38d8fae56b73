// The shift test as the loader computes it (src/data/lib/shift-test.ts), against the shipped
// metrics and an independent re-computation: at 0 pixels every model must score the test
// accuracy its metrics.json states; at 4 pixels the CNN and softmax regression are scored again
// here, the images moved with tf.pad and tf.slice instead of shift.ts.
import type {Tensor4D} from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {readArtifact} from "../../../src/data/lib/artifacts/artifact.js";
import {recipeById} from "../../../src/data/lib/recipes/index.js";
import {readMnist, type Dataset} from "../../../src/data/lib/datasets/datasets.js";
import {shiftTestReport} from "../../../src/data/lib/shift-test.js";
import {useBackend} from "../../../src/data/lib/training/tf-node.js";
import type {ShiftReport} from "../../../src/lib/cnn/shift-test.js";
import {toUnitFloats} from "../../../src/lib/formats/dataset-files.js";
import {loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {MODEL_IDS} from "../../../src/lib/models/zoo.js";
import {disposeModel} from "../../../src/lib/training/dispose-model.js";
import {memberText} from "../../../src/data/lib/datasets/dataset-archive.js";

const SHIFT = 4;

describe("the shift test of the committed MNIST models", () => {
  let report: ShiftReport;
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = readMnist();
    report = await shiftTestReport({shifts: [0, SHIFT], dataset});
  }, 600_000);

  test("at 0 pixels, plain and re-centred, every model scores its shipped test accuracy", () => {
    const {members} = readArtifact(recipeById("mnist-models"));
    expect(report.models.map((m) => m.id)).toEqual([...MODEL_IDS]);
    for (const model of report.models) {
      const metrics = JSON.parse(memberText(members[`${model.id}/metrics.json`])) as {test: {correct: number; count: number}};
      const zero = model.points.filter((p) => p.shift === 0);
      expect(
        zero.map((p) => p.correct),
        model.id
      ).toEqual([metrics.test.correct, metrics.test.correct]);
      expect(zero[0].count).toBe(metrics.test.count);
    }
  });

  test("the framing counts: each test image's ink box, found again from its inked rows and columns", () => {
    const bytes = dataset.test.images;
    const sides = new Map<number, number>();
    for (let i = 0; i < dataset.test.count; i++) {
      const rows: number[] = [];
      const columns: number[] = [];
      for (let p = 0; p < 784; p++) {
        if (bytes[i * 784 + p] > 0) {
          rows.push(Math.floor(p / 28));
          columns.push(p % 28);
        }
      }
      const side = Math.max(Math.max(...rows) - Math.min(...rows), Math.max(...columns) - Math.min(...columns)) + 1;
      sides.set(side, (sides.get(side) ?? 0) + 1);
    }
    expect(report.framing.boxSides).toEqual([...sides].sort((a, b) => a[0] - b[0]).map(([side, count]) => ({side, count})));
    expect(report.framing.centred).toBeLessThanOrEqual(dataset.test.count);
  });

  test(`at ${SHIFT} pixels the CNN and softmax regression score what an independent shift gives`, {timeout: 300_000}, async () => {
    const tf = await useBackend("wasm");
    const {members} = readArtifact(recipeById("mnist-models"));
    const count = dataset.test.count;
    const all = tf.tensor4d(toUnitFloats(dataset.test.images), [count, 28, 28, 1]);
    // Image i moves in direction i mod 4: right, down, left, up; pad on one side, cut the other.
    const d = SHIFT;
    const moves: ((x: Tensor4D) => Tensor4D)[] = [
      (x) =>
        x
          .pad([
            [0, 0],
            [0, 0],
            [d, 0],
            [0, 0]
          ])
          .slice([0, 0, 0, 0], [-1, 28, 28, 1]) as Tensor4D,
      (x) =>
        x
          .pad([
            [0, 0],
            [d, 0],
            [0, 0],
            [0, 0]
          ])
          .slice([0, 0, 0, 0], [-1, 28, 28, 1]) as Tensor4D,
      (x) =>
        x
          .pad([
            [0, 0],
            [0, 0],
            [0, d],
            [0, 0]
          ])
          .slice([0, 0, d, 0], [-1, 28, 28, 1]) as Tensor4D,
      (x) =>
        x
          .pad([
            [0, 0],
            [0, d],
            [0, 0],
            [0, 0]
          ])
          .slice([0, d, 0, 0], [-1, 28, 28, 1]) as Tensor4D
    ];
    try {
      for (const id of ["cnn", "softmax"] as const) {
        const net = await loadLayersModelFromFiles(tf, memberText(members[`${id}/model.json`]), members[`${id}/weights.bin`]);
        let correct = 0;
        try {
          for (let direction = 0; direction < 4; direction++) {
            const indices = Array.from({length: count / 4}, (_, j) => 4 * j + direction);
            const predicted = tf.tidy(() => {
              const moved = moves[direction](tf.gather(all, indices));
              const input = id === "cnn" ? moved : moved.reshape([indices.length, 784]);
              return (net.predict(input) as ReturnType<typeof tf.tensor>).argMax(1);
            });
            const answers = await predicted.data();
            predicted.dispose();
            indices.forEach((i, j) => (correct += answers[j] === dataset.test.labels[i] ? 1 : 0));
          }
        } finally {
          disposeModel(net);
        }
        const point = report.models.find((m) => m.id === id)!.points.find((p) => p.shift === SHIFT && !p.recentred)!;
        expect(point.correct, id).toBe(correct);
        // Re-centring must recover most of what the shift cost.
        const recentred = report.models.find((m) => m.id === id)!.points.find((p) => p.shift === SHIFT && p.recentred)!;
        expect(recentred.correct, id).toBeGreaterThan(correct);
      }
    } finally {
      all.dispose();
    }
  });
});
