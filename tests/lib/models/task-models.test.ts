import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {chronoBias, pulseModel, sequenceClassifier} from "../../../src/lib/models/task-models.js";

describe("chronoBias", () => {
  it("LSTM: forget biases ln u with u in [1, maxLag − 1], input biases their negatives, the rest zero", () => {
    const units = 200;
    const b = chronoBias("lstm", units, 100, seededRandom(1));
    expect(b).toHaveLength(4 * units);
    const forget = b.subarray(units, 2 * units);
    for (let j = 0; j < units; j++) {
      expect(forget[j]).toBeGreaterThanOrEqual(0);
      expect(forget[j]).toBeLessThanOrEqual(Math.log(99) + 1e-6);
      expect(b[j]).toBeCloseTo(-forget[j], 6);
    }
    expect([...b.subarray(2 * units)].every((v) => v === 0)).toBe(true);
    // Spread over the range: some units remember for tens of steps (σ(b) ≥ 0.95 means b ≥ ln 19).
    expect([...forget].filter((v) => v > Math.log(19)).length).toBeGreaterThan(units / 2);
  });

  it("GRU: the update gate z (first block) takes the bias, the other blocks stay zero", () => {
    const b = chronoBias("gru", 8, 50, seededRandom(2));
    expect(b).toHaveLength(24);
    expect([...b.subarray(0, 8)].every((v) => v >= 0 && v <= Math.log(49) + 1e-6)).toBe(true);
    expect([...b.subarray(8)].every((v) => v === 0)).toBe(true);
  });

  it("refuses a longest lag below 2", () => {
    expect(() => chronoBias("lstm", 4, 1, seededRandom(1))).toThrow(/at least 2/);
  });
});

describe("task models with chrono", () => {
  it("the built model's recurrent bias is chronoBias with the model's seed, and no tensor is left behind", () => {
    const before = tf.memory().numTensors;
    const options = {cell: "lstm" as const, units: 6, channels: 5, classes: 4, seed: 7, gates: "sigmoid" as const, chrono: 50};
    const model = sequenceClassifier(tf, options);
    const bias = model.getLayer("recurrent").getWeights()[2].dataSync();
    expect([...bias]).toEqual([...chronoBias("lstm", 6, 50, seededRandom(9))]);
    const count = model.countParams();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(count).toBeGreaterThan(0);
  });

  it("a peephole pulse model and a GRU take it too; without chrono the LSTM keeps tfjs's unit forget bias", () => {
    const peephole = pulseModel(tf, {cell: "peephole", units: 3, channels: 1, seed: 4, gates: "sigmoid", chrono: 20});
    const pBias = peephole
      .getLayer("recurrent")
      .weights.find((w) => /bias/.test(w.name))!
      .read()
      .dataSync();
    expect([...pBias]).toEqual([...chronoBias("peephole", 3, 20, seededRandom(6))]);
    const gru = sequenceClassifier(tf, {cell: "gru", units: 3, channels: 2, classes: 2, seed: 4, chrono: 20});
    expect([...gru.getLayer("recurrent").getWeights()[2].dataSync()]).toEqual([...chronoBias("gru", 3, 20, seededRandom(6))]);
    const plain = sequenceClassifier(tf, {cell: "lstm", units: 3, channels: 2, classes: 2, seed: 4, forgetBias: true});
    expect([...plain.getLayer("recurrent").getWeights()[2].dataSync()]).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    for (const m of [peephole, gru, plain]) m.dispose();
  });
});
