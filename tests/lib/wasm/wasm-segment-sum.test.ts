// The wasm UnsortedSegmentSum (the embedding gradient) against tfjs's cpu kernel on seeded
// cases, repeated and out-of-range ids included, and an embedding layer's gradient on both.
import {beforeAll, describe, expect, it} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {registerWasmSegmentSum} from "../../../src/lib/wasm/wasm-segment-sum.js";
import {maxAbsDiff, randomArray, randomInt} from "../../helpers/tensor-helpers.js";

async function segmentSum(
  backend: "cpu" | "wasm",
  values: Float32Array,
  shape: number[],
  ids: Int32Array,
  idShape: number[],
  numSegments: number
) {
  await useBackend(backend);
  const x = tf.tensor(values, shape);
  const segmentIds = tf.tensor(ids, idShape, "int32");
  const out = tf.engine().runKernel("UnsortedSegmentSum", {x, segmentIds}, {numSegments}) as tf.Tensor;
  const result = {values: (await out.data()) as Float32Array, shape: out.shape};
  tf.dispose([x, segmentIds, out]);
  return result;
}

describe("wasm UnsortedSegmentSum", () => {
  beforeAll(async () => {
    await useBackend("wasm");
    registerWasmSegmentSum(tf);
  });

  it("registers once", () => {
    expect(registerWasmSegmentSum(tf)).toBe(false);
  });

  it("matches cpu for ranks 1–3, repeated ids and ids out of range", async () => {
    const random = seededRandom(21);
    for (let c = 0; c < 25; c++) {
      const n = randomInt(random, 1, 12);
      const inner = [[], [randomInt(random, 1, 5)], [2, randomInt(random, 1, 4)]][c % 3];
      const numSegments = randomInt(random, 1, 7);
      const shape = [n, ...inner];
      const values = randomArray(
        random,
        shape.reduce((a, b) => a * b, 1)
      );
      // Mostly valid ids, repeats likely; now and then one outside [0, numSegments).
      const ids = Int32Array.from({length: n}, () => (random() < 0.1 ? numSegments + 1 : randomInt(random, 0, numSegments - 1)));
      const expected = await segmentSum("cpu", values, shape, ids, [n], numSegments);
      const actual = await segmentSum("wasm", values, shape, ids, [n], numSegments);
      expect(actual.shape).toEqual(expected.shape);
      expect(maxAbsDiff(actual.values, expected.values), `case ${c}`).toBeLessThan(1e-6);
    }
  });

  it("an embedding layer's gradient is the same on wasm as on cpu", async () => {
    const random = seededRandom(22);
    const ids = Int32Array.from({length: 4 * 6}, () => randomInt(random, 0, 9));
    const weights = randomArray(random, 10 * 3);
    const upstream = randomArray(random, 4 * 6 * 3);
    const gradient = async (backend: "cpu" | "wasm") => {
      await useBackend(backend);
      return tf.tidy(() => {
        const table = tf.tensor2d(weights, [10, 3]);
        const x = tf.tensor2d(ids, [4, 6], "int32");
        const dy = tf.tensor3d(upstream, [4, 6, 3]);
        return tf
          .grad((t: tf.Tensor) => tf.gather(t, x).mul(dy).sum())(table)
          .dataSync();
      });
    };
    const cpu = await gradient("cpu");
    const wasm = await gradient("wasm");
    expect(maxAbsDiff(wasm, cpu)).toBeLessThan(1e-6);
    // Not trivially zero: ids that occur get their upstream rows summed.
    expect(Math.max(...Array.from(cpu, Math.abs))).toBeGreaterThan(0.1);
  });
});
