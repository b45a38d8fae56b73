// Gate extraction for the gate pages against tfjs: a character model shaped like the site's
// (one-hot characters → LSTM or GRU layer "cell" → softmax), saved to model.json + weights.bin,
// read back without tfjs and run through the step-by-step cells. Checked independently:
//   h_t at every step against the tfjs model's cell layer output;
//   c_t at every step against tfjs's LSTM with returnState, run on every prefix;
//   every gate against the same formula computed with tfjs ops from tfjs's own h_{t−1}.
// Largest absolute difference below 1e-5 throughout.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {
  featureRanking,
  featureRankingInSlices,
  gateTrace,
  gateTraceInSlices,
  recurrentLayerFromFiles,
  signal
} from "../../../src/lib/rnn/char-gates.js";
import {layersModelFiles} from "../../../src/lib/formats/model-files.js";
import type {TF} from "../../../src/lib/core/tf-types.js";
import {seededRandom} from "../../../src/lib/core/random.js";

const TOLERANCE = 1e-5;
const VOCAB = 11;

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

/** A char model like lib/models/char-model.ts, with its weights jiggled by a seed so gates are not all alike. */
function charLikeModel(cell: "lstm" | "gru", units: number, recurrentActivation: "sigmoid" | "hardSigmoid", seed: number): tf.LayersModel {
  const options = {name: "cell", units, inputShape: [null, VOCAB] as [null, number], returnSequences: true, recurrentActivation};
  const model = tf.sequential({
    layers: [
      cell === "lstm" ? tf.layers.lstm(options) : tf.layers.gru(options),
      tf.layers.dense({name: "readout", units: VOCAB, activation: "softmax"})
    ]
  });
  const random = seededRandom(seed);
  model.setWeights(
    model.getWeights().map((w) =>
      tf.tidy(() =>
        tf.tensor(
          Array.from({length: w.size}, () => (2 * random() - 1) * 1.2),
          w.shape
        )
      )
    )
  );
  return model;
}

function randomIds(seed: number, length: number): Int32Array {
  const random = seededRandom(seed);
  return Int32Array.from({length}, () => Math.floor(random() * VOCAB));
}

const oneHot = (ids: Int32Array) => tf.oneHot(tf.tensor1d(ids, "int32"), VOCAB).toFloat().expandDims(0);

function maxDiff(a: ArrayLike<number>[], b: number[][]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  a.forEach((row, t) => {
    expect(row.length).toBe(b[t].length);
    for (let k = 0; k < row.length; k++) m = Math.max(m, Math.abs(row[k] - b[t][k]));
  });
  return m;
}

/** The cell layer's output h_t for every step, from tfjs. */
function tfjsStates(model: tf.LayersModel, ids: Int32Array): number[][] {
  const cell = tf.model({inputs: model.inputs, outputs: model.getLayer("cell").output as tf.SymbolicTensor});
  return tf.tidy(() => (cell.predict(oneHot(ids)) as tf.Tensor3D).arraySync()[0]);
}

/** The gates from tfjs ops: σ(x·K + h_{t−1}·U + b) per block, with tfjs's own h_{t−1}. */
function tfjsGates(
  model: tf.LayersModel,
  ids: Int32Array,
  h: number[][],
  blocks: number,
  units: number,
  activation: "sigmoid" | "hardSigmoid"
): number[][][] {
  const [kernel, recurrent, bias] = model.getLayer("cell").getWeights();
  return tf.tidy(() => {
    const hPrev = tf.tensor2d([new Array(units).fill(0), ...h.slice(0, -1)]);
    const x = tf.oneHot(tf.tensor1d(ids, "int32"), VOCAB).toFloat();
    const squash = (z: tf.Tensor) => (activation === "sigmoid" ? tf.sigmoid(z) : tf.clipByValue(z.mul(0.2).add(0.5), 0, 1));
    const xk = tf.matMul(x, kernel).add(bias);
    return Array.from({length: blocks}, (_, k) => {
      const z = xk.slice([0, k * units], [-1, units]).add(tf.matMul(hPrev, recurrent.slice([0, k * units], [-1, units])));
      return squash(z).arraySync() as number[][];
    });
  });
}

describe("gate extraction from saved char models", () => {
  it.each([
    ["sigmoid", 6, 14],
    ["hardSigmoid", 5, 9]
  ] as const)("LSTM (%s gates, %i units, %i chars): h, c and f, i, o match tfjs within 1e-5", async (activation, units, length) => {
    const model = charLikeModel("lstm", units, activation, 7 + units);
    try {
      const files = await layersModelFiles(tf as unknown as TF, model);
      const layer = recurrentLayerFromFiles(JSON.parse(files["model.json"]), files["weights.bin"]);
      expect(layer).toMatchObject({cell: "lstm", units, inputDim: VOCAB, activation: "tanh", recurrentActivation: activation});
      const ids = randomIds(units, length);
      const trace = gateTrace(layer, ids);
      if (!trace.ok) throw new Error(trace.message);
      expect(trace.value.signals.map((s) => s.id)).toEqual(["f", "i", "o", "c", "g", "h"]);
      const h = tfjsStates(model, ids);
      expect(maxDiff(signal(trace.value, "h").values, h)).toBeLessThan(TOLERANCE);

      // c_t: tfjs returns only the last state, so run every prefix.
      const lstm = tf.layers.lstm({units, recurrentActivation: activation, returnState: true});
      const cTf = tf.tidy(() => {
        lstm.apply(oneHot(ids.slice(0, 1))); // builds the layer, so its weights can be set
        lstm.setWeights(model.getLayer("cell").getWeights());
        return Array.from({length}, (_, t) => Array.from((lstm.apply(oneHot(ids.slice(0, t + 1))) as tf.Tensor[])[2].dataSync()));
      });
      lstm.dispose();
      expect(maxDiff(signal(trace.value, "c").values, cTf)).toBeLessThan(TOLERANCE);

      // Gates in tfjs's block order i, f, c, o: i, f and o are squashed by the gate function.
      const [i, f, , o] = tfjsGates(model, ids, h, 4, units, activation);
      expect(maxDiff(signal(trace.value, "i").values, i)).toBeLessThan(TOLERANCE);
      expect(maxDiff(signal(trace.value, "f").values, f)).toBeLessThan(TOLERANCE);
      expect(maxDiff(signal(trace.value, "o").values, o)).toBeLessThan(TOLERANCE);
      // Negative control: the forget and input gates differ, so a swapped order would be caught.
      expect(maxDiff(signal(trace.value, "f").values, i)).toBeGreaterThan(1e-2);
    } finally {
      model.dispose();
    }
  });

  it.each([
    ["sigmoid", 6, 14],
    ["hardSigmoid", 4, 10]
  ] as const)("GRU (%s gates, %i units, %i chars): h and z, r match tfjs within 1e-5", async (activation, units, length) => {
    const model = charLikeModel("gru", units, activation, 31 + units);
    try {
      const files = await layersModelFiles(tf as unknown as TF, model);
      const layer = recurrentLayerFromFiles(JSON.parse(files["model.json"]), files["weights.bin"]);
      expect(layer).toMatchObject({cell: "gru", units, recurrentActivation: activation});
      const ids = randomIds(100 + units, length);
      const trace = gateTrace(layer, ids);
      if (!trace.ok) throw new Error(trace.message);
      expect(trace.value.signals.map((s) => s.id)).toEqual(["z", "r", "hCandidate", "h"]);
      const h = tfjsStates(model, ids);
      expect(maxDiff(signal(trace.value, "h").values, h)).toBeLessThan(TOLERANCE);
      // tfjs's GRU blocks are z, r, h: the first two are the gates.
      const [z, r] = tfjsGates(model, ids, h, 2, units, activation);
      expect(maxDiff(signal(trace.value, "z").values, z)).toBeLessThan(TOLERANCE);
      expect(maxDiff(signal(trace.value, "r").values, r)).toBeLessThan(TOLERANCE);
      expect(maxDiff(signal(trace.value, "z").values, r)).toBeGreaterThan(1e-2);
    } finally {
      model.dispose();
    }
  });

  it.each(["lstm", "gru"] as const)(
    "%s: a warm-up leaves the state tfjs reaches over warm-up + passage, and only the passage is traced",
    async (cell) => {
      const model = charLikeModel(cell, 5, "sigmoid", 61);
      try {
        const files = await layersModelFiles(tf as unknown as TF, model);
        const layer = recurrentLayerFromFiles(JSON.parse(files["model.json"]), files["weights.bin"]);
        const warmup = randomIds(3, 9);
        const ids = randomIds(4, 7);
        const trace = gateTrace(layer, ids, {warmup});
        if (!trace.ok) throw new Error(trace.message);
        expect(trace.value.steps).toBe(ids.length);
        const whole = tfjsStates(model, Int32Array.from([...warmup, ...ids]));
        expect(maxDiff(signal(trace.value, "h").values, whole.slice(warmup.length))).toBeLessThan(TOLERANCE);
        // Negative control: from the zero state the first steps differ.
        const cold = gateTrace(layer, ids);
        if (!cold.ok) throw new Error(cold.message);
        expect(maxDiff(signal(cold.value, "h").values, whole.slice(warmup.length))).toBeGreaterThan(1e-3);
        expect(gateTrace(layer, ids, {warmup: [VOCAB]})).toEqual({
          ok: false,
          message: `Warm-up character 1 has id ${VOCAB}, outside the vocabulary (0–${VOCAB - 1}).`
        });
      } finally {
        model.dispose();
      }
    }
  );

  it.each(["lstm", "gru"] as const)(
    "%s: in slices with pauses between them, the same trace and unit rankings as in one run",
    async (cell) => {
      const model = charLikeModel(cell, 6, "sigmoid", 83);
      try {
        const files = await layersModelFiles(tf as unknown as TF, model);
        const layer = recurrentLayerFromFiles(JSON.parse(files["model.json"]), files["weights.bin"]);
        let pauses = 0;
        const pause = async () => void pauses++;
        const warmup = randomIds(5, 40);
        const ids = randomIds(6, 75);
        // A budget of 0 ms pauses at every check: the most slices.
        expect(await gateTraceInSlices(layer, ids, {warmup, pause, budgetMs: 0})).toEqual(gateTrace(layer, ids, {warmup}));
        expect(pauses).toBeGreaterThan(4);
        expect(await gateTraceInSlices(layer, [1, VOCAB], {pause})).toEqual(gateTrace(layer, [1, VOCAB]));
        const vocab = ["\ufffd", "a", "b", "e", " ", ".", ",", "A", "T", "\n", "("];
        const text = (seed: number, n: number) => Array.from(randomIds(seed, n), (id) => vocab[Math.max(1, id)]).join("");
        const passages = [{text: text(7, 60), warmup: text(8, 30)}, text(9, 50), {text: text(10, 40)}];
        const progress: number[] = [];
        const sliced = await featureRankingInSlices(layer, passages, vocab, ["h", "r"].slice(0, cell === "gru" ? 2 : 1), {
          top: 2,
          pause,
          budgetMs: 0,
          progress: (done, total) => progress.push(done / total)
        });
        expect(sliced.ok).toBe(true);
        expect(sliced).toEqual(featureRanking(layer, passages, vocab, ["h", "r"].slice(0, cell === "gru" ? 2 : 1), {top: 2}));
        expect(progress).toEqual([1 / 3, 2 / 3, 1]);
      } finally {
        model.dispose();
      }
    }
  );

  it("refuses what it cannot compute, with messages", async () => {
    const model = charLikeModel("lstm", 3, "sigmoid", 1);
    try {
      const files = await layersModelFiles(tf as unknown as TF, model);
      const json = JSON.parse(files["model.json"]);
      expect(() => recurrentLayerFromFiles(json, files["weights.bin"], "nope")).toThrow('no layer named "nope"');
      expect(() => recurrentLayerFromFiles(json, files["weights.bin"], "readout")).toThrow("not an LSTM or GRU");
      expect(() => recurrentLayerFromFiles(json, files["weights.bin"].slice(0, 40))).toThrow(/weights.bin has 40 bytes/);
      const layer = recurrentLayerFromFiles(json, files["weights.bin"]);
      expect(gateTrace(layer, [])).toEqual({ok: false, message: "There are no characters to read."});
      expect(gateTrace(layer, [1, VOCAB])).toEqual({
        ok: false,
        message: `Character 2 has id ${VOCAB}, outside the vocabulary (0–${VOCAB - 1}).`
      });
    } finally {
      model.dispose();
    }
  });
});

describe("passageIds", () => {
  const vocab = ["\ufffd", "a", "b", " ", "<"];
  it("encodes known characters and refuses empty, too long or unknown text with a message", async () => {
    const {passageIds} = await import("../../../src/lib/rnn/char-gates.js");
    expect(passageIds("ab a", vocab)).toEqual({ok: true, value: {chars: ["a", "b", " ", "a"], ids: Int32Array.from([1, 2, 3, 1])}});
    expect(passageIds("  ", vocab)).toEqual({ok: false, message: "The passage is empty: pick one or type some text."});
    expect(passageIds("abab", vocab, {maxLength: 3})).toEqual({
      ok: false,
      message: "The passage has 4 characters; this page draws at most 3."
    });
    const unknown = passageIds("a<b>z", vocab);
    expect(unknown).toEqual({
      ok: false,
      message: "The model's 4 characters do not include “>” (U+003E), “z” (U+007A): remove them to see the gates."
    });
  });
});
