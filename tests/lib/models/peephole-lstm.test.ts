// The peephole LSTM layer against the step-by-step cell (src/lib/rnn/lstm-cell.ts, itself
// tested against tfjs's LSTM), against tfjs's LSTM with the peepholes off, its gradients against
// finite differences, and a save/reload round trip through model.json.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {runLstm} from "../../../src/lib/rnn/lstm-cell.js";
import {layersModelFiles, loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {definePeepholeLstm, peepholeLstmLayer, type GateActivation} from "../../../src/lib/models/peephole-lstm.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {maxAbsDiff} from "../../helpers/tensor-helpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

const INPUT = 3;
const UNITS = 4;
const STEPS = 7;

function uniform(random: () => number, n: number, scale: number): number[] {
  return Array.from({length: n}, () => (2 * random() - 1) * scale);
}
function rows(flat: number[], cols: number): number[][] {
  return Array.from({length: flat.length / cols}, (_, r) => flat.slice(r * cols, (r + 1) * cols));
}

function randomCase(seed: number) {
  const random = seededRandom(seed);
  return {
    kernel: rows(uniform(random, INPUT * 4 * UNITS, 0.8), 4 * UNITS),
    recurrentKernel: rows(uniform(random, UNITS * 4 * UNITS, 0.6), 4 * UNITS),
    bias: uniform(random, 4 * UNITS, 0.5),
    // Large enough that the peephole terms change the gates by a lot.
    peepholes: rows(uniform(random, 3 * UNITS, 1.5), UNITS),
    xs: [0, 1].map(() => rows(uniform(random, STEPS * INPUT, 1.5), INPUT))
  };
}
type Case = ReturnType<typeof randomCase>;

function model(c: Case, activation: GateActivation, peepholes = true) {
  const m = tf.sequential({
    layers: [
      peepholeLstmLayer(tf, {units: UNITS, recurrentActivation: activation, peepholes, returnSequences: true, inputShape: [STEPS, INPUT]})
    ]
  });
  const weights = [tf.tensor2d(c.kernel), tf.tensor2d(c.recurrentKernel), tf.tensor1d(c.bias)];
  if (peepholes) weights.push(tf.tensor2d(c.peepholes));
  m.setWeights(weights);
  tf.dispose(weights);
  return m;
}

function predict(m: tf.LayersModel, xs: number[][][]): Float32Array {
  return tf.tidy(() => (m.predict(tf.tensor3d(xs)) as tf.Tensor).dataSync() as Float32Array);
}

function reference(c: Case, activation: GateActivation, peepholes = true): Float32Array {
  const p = peepholes ? {input: c.peepholes[0], forget: c.peepholes[1], output: c.peepholes[2]} : null;
  const out = c.xs.flatMap((x) => runLstm(x, c, {recurrentActivation: activation, peepholes: p}).h.flatMap((h) => Array.from(h)));
  return Float32Array.from(out);
}

describe("PeepholeLSTMCell forward pass", () => {
  for (const activation of ["hardSigmoid", "sigmoid"] as const) {
    it(`equals lstm-cell.ts with peepholes within 1e-5 (${activation})`, () => {
      for (const seed of [1, 2, 3]) {
        const c = randomCase(seed);
        const m = model(c, activation);
        const ours = predict(m, c.xs);
        m.dispose();
        expect(ours.length).toBe(2 * STEPS * UNITS);
        expect(maxAbsDiff(ours, reference(c, activation))).toBeLessThan(1e-5);
        // Control: the same weights without peepholes give clearly different states.
        expect(maxAbsDiff(ours, reference(c, activation, false))).toBeGreaterThan(1e-2);
      }
    });
  }

  it("with peepholes off equals tfjs's own LSTM layer", () => {
    const c = randomCase(4);
    const ours = model(c, "hardSigmoid", false);
    const theirs = tf.sequential({layers: [tf.layers.lstm({units: UNITS, returnSequences: true, inputShape: [STEPS, INPUT]})]});
    theirs.setWeights(ours.getWeights());
    expect(maxAbsDiff(predict(ours, c.xs), predict(theirs, c.xs))).toBeLessThan(1e-6);
    ours.dispose();
    theirs.dispose();
  });

  it("a fresh cell starts with zero peepholes, so it computes a standard LSTM", () => {
    const m = tf.sequential({layers: [peepholeLstmLayer(tf, {units: UNITS, seed: 5, inputShape: [STEPS, INPUT]})]});
    const weights = m.getWeights();
    expect(weights.map((w) => w.shape)).toEqual([[INPUT, 4 * UNITS], [UNITS, 4 * UNITS], [4 * UNITS], [3, UNITS]]);
    expect(Array.from(weights[3].dataSync()).every((v) => v === 0)).toBe(true);
    // Seeded: a second model with the same seed starts from the same kernel.
    const again = tf.sequential({layers: [peepholeLstmLayer(tf, {units: UNITS, seed: 5, inputShape: [STEPS, INPUT]})]});
    expect(maxAbsDiff(weights[0].dataSync(), again.getWeights()[0].dataSync())).toBe(0);
    m.dispose();
    again.dispose();
  });

  it("rejects bad arguments with a message", () => {
    const Cell = definePeepholeLstm(tf);
    expect(() => new Cell({units: 0})).toThrow(/units/);
    expect(() => new Cell({units: 2, recurrentActivation: "relu" as never})).toThrow(/recurrentActivation/);
  });
});

describe("PeepholeLSTMCell gradients", () => {
  it("match central finite differences of the step-by-step cell (sigmoid gates)", () => {
    const c = randomCase(6);
    const m = model(c, "sigmoid");
    const random = seededRandom(60);
    const direction = uniform(random, STEPS * UNITS * 2, 1);
    // Loss: a fixed random projection of every h_t of both sequences.
    const {grads} = tf.variableGrads(() =>
      tf.tidy(() => tf.sum(tf.mul(m.predict(tf.tensor3d(c.xs)) as tf.Tensor, tf.tensor3d(direction, [2, STEPS, UNITS]))) as tf.Scalar)
    );
    // Keyed by variable name; the layer's weights come in the order kernel, recurrent kernel, bias, peepholes.
    const [kernel, recurrentKernel, bias, peepholes] = m.trainableWeights.map((w) => grads[w.name].dataSync());
    const analytic = {kernel, recurrentKernel, bias, peepholes};
    tf.dispose(Object.values(grads));
    m.dispose();

    const loss = (k: Case) => reference(k, "sigmoid").reduce((s, h, j) => s + h * direction[j], 0);
    const eps = 1e-2;
    let checked = 0;
    let worst = 0;
    for (const key of ["kernel", "recurrentKernel", "bias", "peepholes"] as const) {
      const size = key === "bias" ? c.bias.length : (c[key] as number[][]).length * (c[key] as number[][])[0].length;
      for (let j = 0; j < size; j += 3) {
        const bumped = (delta: number): Case => {
          const copy = structuredClone(c);
          if (key === "bias") copy.bias[j] += delta;
          else {
            const m2 = copy[key] as number[][];
            const cols = m2[0].length;
            m2[Math.floor(j / cols)][j % cols] += delta;
          }
          return copy;
        };
        const numeric = (loss(bumped(eps)) - loss(bumped(-eps))) / (2 * eps);
        worst = Math.max(worst, Math.abs(numeric - analytic[key][j]));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(worst).toBeLessThan(2e-3);
    // The peephole gradients are not trivially zero (the check could otherwise pass vacuously).
    expect(Math.max(...Array.from(analytic.peepholes, Math.abs))).toBeGreaterThan(1e-2);
  });
});

describe("PeepholeLSTMCell serialisation", () => {
  it("a saved model reloads with the same predictions", async () => {
    const c = randomCase(7);
    const m = tf.sequential({layers: [peepholeLstmLayer(tf, {units: UNITS, inputShape: [STEPS, INPUT]}), tf.layers.dense({units: 1})]});
    const files = await layersModelFiles(tf, m);
    expect(files["model.json"]).toContain("PeepholeLSTMCell");
    const back = await loadLayersModelFromFiles(tf, files["model.json"], files["weights.bin"]);
    expect(maxAbsDiff(predict(m, c.xs), predict(back, c.xs))).toBe(0);
    m.dispose();
    back.dispose();
  });
});
