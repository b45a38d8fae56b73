// The pieces of the loaders' two-thread training that do not need a second thread.
import {describe, expect, test} from "vitest";
import {batchSchedule, classifierHalf, halfOf, testRange} from "../../../../src/data/lib/training/parallel-training.js";
import {messageQueue} from "../../../../src/data/lib/training/ts-worker.js";
import {MODEL_ZOO} from "../../../../src/lib/models/zoo.js";
import type {TrainableSpec} from "../../../../src/lib/training/build-model.js";

describe("parallel training", () => {
  test("halves cover a batch exactly once, the first half rounded up", () => {
    expect([halfOf([1, 2, 3, 4, 5], 0), halfOf([1, 2, 3, 4, 5], 1)]).toEqual([
      [1, 2, 3],
      [4, 5]
    ]);
    expect([halfOf([7], 0), halfOf([7], 1)]).toEqual([[7], []]);
    expect([testRange(10_000, 0), testRange(10_000, 1)]).toEqual([
      [0, 5000],
      [5000, 10_000]
    ]);
    expect([classifierHalf([1, 2, 3], 0), classifierHalf([1, 2, 3], 1)]).toEqual([
      {rank: 0, rows: [1, 2], batchSize: 3},
      {rank: 1, rows: [3], batchSize: 3}
    ]);
  });

  test("the schedule is seeded: every row once per epoch, the same order on every call", () => {
    const spec = {
      ...MODEL_ZOO.mnist.find((s) => s.id === "mlp")!,
      training: {optimizer: "adam", learningRate: 0.001, learningRateDecay: 1, epochs: 2, batchSize: 4, seed: 9}
    } as TrainableSpec;
    const steps = [...batchSchedule(spec, 10)];
    expect(steps.map((s) => s.rows.length)).toEqual([4, 4, 2, 4, 4, 2]);
    expect(steps.filter((s) => s.epochEnd).map((s) => s.epoch)).toEqual([0, 1]);
    for (const epoch of [0, 1])
      expect(
        steps
          .filter((s) => s.epoch === epoch)
          .flatMap((s) => s.rows)
          .sort((a, b) => a - b)
      ).toEqual([...Array(10).keys()]);
    expect([...batchSchedule(spec, 10)]).toEqual(steps);
    expect(() => [...batchSchedule({...spec, training: {...spec.training, epochs: 0}}, 10)]).toThrow(/Epochs must be at least 1/);
  });

  test("messages wait by type, arrive in order, and a failure rejects every wait", async () => {
    const queue = messageQueue();
    queue.push({type: "a", n: 1} as {type: string});
    const b = queue.next<{n: number}>("b");
    queue.push({type: "b", n: 2} as {type: string});
    queue.push({type: "a", n: 3} as {type: string});
    expect((await queue.next<{n: number}>("a")).n).toBe(1);
    expect((await b).n).toBe(2);
    expect((await queue.next<{n: number}>("a")).n).toBe(3);
    const pending = queue.next("c");
    queue.fail(new Error("worker thread: boom"));
    await expect(pending).rejects.toThrow("boom");
    await expect(queue.next("a")).rejects.toThrow("boom");
  });
});
