// knnVote's two layouts of the training set (rows × features, and features × rows, the faster
// product on wasm that the shift test uses) must give the same votes, and both the vote a
// hand count gives.
import {describe, expect, test} from "vitest";
import {useBackend} from "../../../src/data/lib/training/tf-node.js";
import {knnVote} from "../../../src/lib/models/knn.js";
import {seededRandom} from "../../../src/lib/core/random.js";

describe("knnVote", () => {
  test("a hand-made case: the 3 nearest of 5 points on a line vote", async () => {
    const tf = await useBackend("cpu");
    // Training points at 0, 1, 2 (class 0) and 10, 11 (class 1); queries at 1.4 and 9.
    const train = tf.tensor2d([[0], [1], [2], [10], [11]]);
    const labels = Uint8Array.from([0, 0, 0, 1, 1]);
    const queries = tf.tensor2d([[1.4], [9]]);
    const trainT = train.transpose<typeof train>();
    try {
      for (const [t, transposed] of [
        [train, false],
        [trainT, true]
      ] as const) {
        const {predicted, probabilities} = await knnVote(tf, t, labels, queries, {k: 3, classes: 2, transposed});
        // 1.4: neighbours 1, 2, 0 (all class 0). 9: neighbours 10, 11 (class 1) and 2 (class 0).
        expect(Array.from(predicted)).toEqual([0, 1]);
        expect(Array.from(probabilities).map((p) => Math.round(p * 3))).toEqual([3, 0, 1, 2]);
      }
    } finally {
      tf.dispose([train, trainT, queries]);
    }
  });

  test("both layouts agree on random data", async () => {
    const tf = await useBackend("wasm");
    const random = seededRandom(3);
    const values = (n: number) => Float32Array.from({length: n}, () => random() * 2 - 1);
    const train = tf.tensor2d(values(300 * 8), [300, 8]);
    const trainT = train.transpose<typeof train>();
    const queries = tf.tensor2d(values(50 * 8), [50, 8]);
    const labels = Uint8Array.from({length: 300}, (_, i) => i % 4);
    try {
      const rows = await knnVote(tf, train, labels, queries, {k: 5, classes: 4, chunk: 16});
      const columns = await knnVote(tf, trainT, labels, queries, {k: 5, classes: 4, chunk: 16, transposed: true});
      expect(Array.from(columns.predicted)).toEqual(Array.from(rows.predicted));
      expect(Array.from(columns.probabilities)).toEqual(Array.from(rows.probabilities));
    } finally {
      tf.dispose([train, trainT, queries]);
    }
  });
});
