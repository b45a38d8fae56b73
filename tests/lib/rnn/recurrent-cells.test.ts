// The step-by-step cells against tfjs's own layers: same weights (tfjs layout), same inputs,
// every h_t within 1e-5. Negative controls check that the comparison can tell conventions apart.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {hardSigmoid} from "../../../src/lib/rnn/cell-activations.js";
import type {CellWeights} from "../../../src/lib/rnn/cell-weights.js";
import {cellWeightsFromTensors} from "../../../src/lib/rnn/cell-weights.js";
import {gruStep, runGru} from "../../../src/lib/rnn/gru-cell.js";
import {lstmStep, runLstm} from "../../../src/lib/rnn/lstm-cell.js";
import type {LstmOptions} from "../../../src/lib/rnn/lstm-cell.js";
import type {Matrix, Vector} from "../../../src/lib/core/matvec.js";
import {rnnStep, rnnStepVectorised, runRnn} from "../../../src/lib/rnn/rnn-cell.js";
import type {RnnActivation} from "../../../src/lib/rnn/rnn-cell.js";
import {seededRandom} from "../../../src/lib/core/random.js";

const TOLERANCE = 1e-5;

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

type Random = () => number;

function uniformMatrix(random: Random, rows: number, cols: number, scale: number): number[][] {
  return Array.from({length: rows}, () => Array.from({length: cols}, () => (2 * random() - 1) * scale));
}

function uniformVector(random: Random, n: number, scale: number): number[] {
  return uniformMatrix(random, 1, n, scale)[0];
}

/** Seeded weights in tfjs's layout for a cell with `gates` column blocks. */
function randomWeights(seed: number, inputDim: number, units: number, gates: number, useBias = true) {
  const random = seededRandom(seed);
  return {
    kernel: uniformMatrix(random, inputDim, gates * units, 1),
    // Scaled so relu/linear SimpleRNNs stay bounded over a dozen steps.
    recurrentKernel: uniformMatrix(random, units, gates * units, 1 / Math.sqrt(units)),
    bias: useBias ? uniformVector(random, gates * units, 0.5) : null
  };
}

/** Seeded input sequences [batch][time][inputDim]. */
function randomSequences(seed: number, batch: number, steps: number, inputDim: number): number[][][] {
  const random = seededRandom(seed);
  return Array.from({length: batch}, () => uniformMatrix(random, steps, inputDim, 1.5));
}

/** Runs a recurrent layer (returnSequences: true) with the given weights on the sequences. */
function layerOutputs(layer: tf.layers.Layer, weights: ReturnType<typeof randomWeights>, xs: number[][][]): number[][][] {
  const model = tf.sequential({layers: [layer]});
  try {
    const tensors: tf.Tensor[] = [tf.tensor2d(weights.kernel), tf.tensor2d(weights.recurrentKernel)];
    if (weights.bias) tensors.push(tf.tensor1d(weights.bias));
    model.setWeights(tensors);
    tf.dispose(tensors);
    return tf.tidy(() => (model.predict(tf.tensor3d(xs)) as tf.Tensor).arraySync() as number[][][]);
  } finally {
    model.dispose();
  }
}

function maxAbsDiff(a: Matrix[] | Matrix, b: Matrix[] | Matrix): number {
  const flat = (m: Matrix[] | Matrix): number[] =>
    Array.from(m as ArrayLike<ArrayLike<unknown>>).flatMap((row) =>
      Array.from(row).flatMap((v) => (typeof v === "number" ? [v] : Array.from(v as Vector)))
    );
  const fa = flat(a);
  const fb = flat(b);
  expect(fa.length).toBe(fb.length);
  return fa.reduce((m, v, k) => Math.max(m, Math.abs(v - fb[k])), 0);
}

describe("activations", () => {
  it("hard sigmoid is tfjs's clip(0.2x + 0.5, 0, 1)", () => {
    expect([-3, -2.5, -1, 0, 1, 2.5, 3].map(hardSigmoid)).toEqual([0, 0, 0.3, 0.5, 0.7, 1, 1]);
    const tfValues = tf.tidy(() => tf.layers.activation({activation: "hardSigmoid"}).apply(tf.tensor1d([-3, -1.7, 0.3, 2.4])) as tf.Tensor);
    expect(maxAbsDiff([Array.from(tfValues.dataSync())], [[-3, -1.7, 0.3, 2.4].map(hardSigmoid)])).toBeLessThan(1e-7);
    tfValues.dispose();
  });
});

describe("SimpleRNN", () => {
  const cases: [inputDim: number, units: number, steps: number, activation: RnnActivation | undefined, useBias: boolean][] = [
    [1, 1, 5, undefined, true],
    [3, 4, 7, "relu", true],
    [5, 2, 10, "sigmoid", true],
    [2, 6, 4, "linear", true],
    [4, 3, 12, "tanh", false]
  ];
  it.each(cases)(
    "input %i, units %i, %i steps, %s (bias %s) matches tf.layers.simpleRNN",
    (inputDim, units, steps, activation, useBias) => {
      const seed = inputDim * 100 + units * 10 + steps;
      const weights = randomWeights(seed, inputDim, units, 1, useBias);
      const xs = randomSequences(seed + 1, 2, steps, inputDim);
      const layer = tf.layers.simpleRNN({units, activation, useBias, returnSequences: true, inputShape: [steps, inputDim]});
      const expected = layerOutputs(layer, weights, xs);
      const ours = xs.map((seq) => runRnn(seq, weights, {activation}).h);
      expect(maxAbsDiff(ours, expected)).toBeLessThan(TOLERANCE);
      // Vectorised over the batch, step by step through [X_t H_{t−1}]·W + b.
      let H: Matrix = xs.map(() => new Float32Array(units));
      for (let t = 0; t < steps; t++) {
        H = rnnStepVectorised(
          xs.map((seq) => seq[t]),
          H,
          weights,
          {activation}
        ).H;
        expect(
          maxAbsDiff(
            H,
            expected.map((seq) => seq[t])
          )
        ).toBeLessThan(TOLERANCE);
      }
    }
  );

  it("vectorised [X H]·W + b agrees with x·W_x + h·W_h + b for every activation", () => {
    const random = seededRandom(7);
    const weights = randomWeights(8, 3, 5, 1);
    const X = uniformMatrix(random, 4, 3, 2);
    const Hprev = uniformMatrix(random, 4, 5, 1);
    for (const activation of ["tanh", "relu", "sigmoid", "linear"] as const) {
      const vec = rnnStepVectorised(X, Hprev, weights, {activation});
      expect(vec.XH.map((row) => row.length)).toEqual([8, 8, 8, 8]);
      expect(vec.W.length).toBe(3 + 5);
      const perWeight = X.map((x, n) => rnnStep(x, Hprev[n], weights, {activation}));
      expect(
        maxAbsDiff(
          vec.H,
          perWeight.map((s) => s.h)
        )
      ).toBeLessThan(1e-6);
      expect(
        maxAbsDiff(
          vec.preactivation,
          perWeight.map((s) => s.preactivation)
        )
      ).toBeLessThan(1e-6);
    }
  });

  it("reproduces a 1-unit example worked by hand from h_t = φ(x_t·w_x + h_{t−1}·w_h + b)", () => {
    // w_x = 0.5, w_h = −1, b = 0.1, x = 1, 2, −1, h_0 = 0, φ = tanh:
    // h_1 = tanh(0.5 + 0 + 0.1) = tanh(0.6)
    // h_2 = tanh(1.0 − h_1 + 0.1) = tanh(0.5629504…)
    // h_3 = tanh(−0.5 − h_2 + 0.1) = tanh(−0.9101633…)
    const weights: CellWeights = {kernel: [[0.5]], recurrentKernel: [[-1]], bias: [0.1]};
    const run = runRnn([[1], [2], [-1]], weights);
    const h = run.h.map((v) => v[0]);
    expect(h[0]).toBeCloseTo(0.5370495669980353, 6);
    expect(h[1]).toBeCloseTo(0.5101632506598709, 6);
    expect(h[2]).toBeCloseTo(-0.7212105999898489, 6);
    expect(run.steps[1].xW[0]).toBeCloseTo(1.0, 7);
    expect(run.steps[1].hW[0]).toBeCloseTo(-0.5370495669980353, 6);
    expect(run.steps[1].preactivation[0]).toBeCloseTo(0.5629504330019647, 6);
  });
});

describe("LSTM", () => {
  const cases: [inputDim: number, units: number, steps: number, options: LstmOptions, useBias: boolean][] = [
    [1, 1, 5, {}, true], // tfjs defaults: tanh, hardSigmoid
    [3, 4, 8, {recurrentActivation: "sigmoid"}, true],
    [6, 5, 10, {recurrentActivation: "hardSigmoid", activation: "relu"}, true],
    [2, 3, 6, {recurrentActivation: "sigmoid", activation: "linear"}, true],
    [4, 2, 12, {}, false]
  ];
  it.each(cases)("input %i, units %i, %i steps, %o (bias %s) matches tf.layers.lstm", (inputDim, units, steps, options, useBias) => {
    const seed = 1000 + inputDim * 100 + units * 10 + steps;
    const weights = randomWeights(seed, inputDim, units, 4, useBias);
    const xs = randomSequences(seed + 1, 2, steps, inputDim);
    const layer = tf.layers.lstm({units, ...options, useBias, returnSequences: true, inputShape: [steps, inputDim]});
    const expected = layerOutputs(layer, weights, xs);
    const ours = xs.map((seq) => runLstm(seq, weights, options).h);
    expect(maxAbsDiff(ours, expected)).toBeLessThan(TOLERANCE);
  });

  it("defaults to tfjs's hardSigmoid gates, and the comparison tells hardSigmoid from sigmoid and the gate order", () => {
    const [inputDim, units, steps] = [3, 4, 8];
    const weights = randomWeights(42, inputDim, units, 4);
    const xs = randomSequences(43, 2, steps, inputDim);
    const layer = tf.layers.lstm({units, returnSequences: true, inputShape: [steps, inputDim]});
    expect(layer.getConfig().recurrentActivation).toBe("hardSigmoid");
    expect(layer.getConfig().activation).toBe("tanh");
    const expected = layerOutputs(layer, weights, xs);
    expect(
      maxAbsDiff(
        xs.map((seq) => runLstm(seq, weights).h),
        expected
      )
    ).toBeLessThan(TOLERANCE);
    // The lecture's logistic σ is not what tfjs computes by default.
    const logistic = xs.map((seq) => runLstm(seq, weights, {recurrentActivation: "sigmoid"}).h);
    expect(maxAbsDiff(logistic, expected)).toBeGreaterThan(1e-3);
    // Swapping the i and f blocks (the order i, f, c, o matters).
    const swap = (m: number[][]) => m.map((row) => [...row.slice(units, 2 * units), ...row.slice(0, units), ...row.slice(2 * units)]);
    const swapped = {kernel: swap(weights.kernel), recurrentKernel: swap(weights.recurrentKernel), bias: swap([weights.bias!])[0]};
    expect(
      maxAbsDiff(
        xs.map((seq) => runLstm(seq, swapped).h),
        expected
      )
    ).toBeGreaterThan(1e-3);
  });

  it("takes weights straight from layer.getWeights()", () => {
    const [inputDim, units, steps] = [3, 3, 6];
    const xs = randomSequences(5, 1, steps, inputDim);
    const model = tf.sequential({
      layers: [tf.layers.lstm({units, returnSequences: true, inputShape: [steps, inputDim], recurrentActivation: "sigmoid"})]
    });
    try {
      // tfjs's own (seeded-free) initialisers: whatever they drew, the cells must follow.
      model.setWeights(
        model.getWeights().map((w, k) => tf.tidy(() => w.add(tf.tensor(uniformVector(seededRandom(k), w.size, 0.3), w.shape))))
      );
      const weights = cellWeightsFromTensors(model.layers[0].getWeights());
      const expected = tf.tidy(() => (model.predict(tf.tensor3d(xs)) as tf.Tensor).arraySync() as number[][][]);
      expect(maxAbsDiff(runLstm(xs[0], weights, {recurrentActivation: "sigmoid"}).h, expected[0])).toBeLessThan(TOLERANCE);
    } finally {
      model.dispose();
    }
  });

  it("returns the intermediates that make up h_t", () => {
    const weights = randomWeights(9, 2, 3, 4);
    const step = lstmStep([0.3, -0.8], [0.1, 0.2, -0.4], [0.5, -1, 2], weights, {recurrentActivation: "sigmoid"});
    for (let k = 0; k < 3; k++) {
      expect(step.c[k]).toBeCloseTo(step.f[k] * step.cPrev[k] + step.i[k] * step.g[k], 6);
      expect(step.h[k]).toBeCloseTo(step.o[k] * Math.tanh(step.c[k]), 6);
      expect(step.i[k]).toBeCloseTo(1 / (1 + Math.exp(-step.preactivations.i[k])), 6);
      expect(step.g[k]).toBeCloseTo(Math.tanh(step.preactivations.g[k]), 6);
    }
  });

  it("with zero peephole weights equals the plain LSTM (and tfjs)", () => {
    const [inputDim, units, steps] = [3, 4, 9];
    const weights = randomWeights(77, inputDim, units, 4);
    const xs = randomSequences(78, 2, steps, inputDim);
    const expected = layerOutputs(tf.layers.lstm({units, returnSequences: true, inputShape: [steps, inputDim]}), weights, xs);
    const zero = new Float32Array(units);
    const peepholes = {input: zero, forget: zero, output: zero};
    const plain = xs.map((seq) => runLstm(seq, weights));
    const peeped = xs.map((seq) => runLstm(seq, weights, {peepholes}));
    expect(
      maxAbsDiff(
        peeped.map((r) => r.h),
        plain.map((r) => r.h)
      )
    ).toBe(0);
    expect(
      maxAbsDiff(
        peeped.map((r) => r.c),
        plain.map((r) => r.c)
      )
    ).toBe(0);
    expect(
      maxAbsDiff(
        peeped.map((r) => r.h),
        expected
      )
    ).toBeLessThan(TOLERANCE);
    // Non-zero peepholes do change the outputs.
    const some = {forget: uniformVector(seededRandom(79), units, 1)};
    expect(
      maxAbsDiff(
        xs.map((seq) => runLstm(seq, weights, {peepholes: some}).h),
        expected
      )
    ).toBeGreaterThan(1e-3);
  });

  it("peepholes: c_{t−1} into the forget and input gates, c_t into the output gate (checked by hand)", () => {
    // 1 unit, every kernel weight 1, recurrent weights and bias 0, x = 0.5, h_{t−1} = 0,
    // c_{t−1} = 2, peepholes p_i = 0.5, p_f = −0.5, p_o = 0.25, σ = hardSigmoid = 0.2z + 0.5:
    //   i = σ(0.5 + 0.5·2) = σ(1.5) = 0.8      f = σ(0.5 − 0.5·2) = σ(−0.5) = 0.4
    //   g = tanh(0.5) = 0.4621171…            c = 0.4·2 + 0.8·g = 1.1696937…
    //   o = σ(0.5 + 0.25·c) = 0.6584847…       h = o·tanh(c) = 0.5427059…
    const weights: CellWeights = {kernel: [[1, 1, 1, 1]], recurrentKernel: [[0, 0, 0, 0]], bias: [0, 0, 0, 0]};
    const step = lstmStep([0.5], [0], [2], weights, {peepholes: {input: [0.5], forget: [-0.5], output: [0.25]}});
    expect(step.preactivations.i[0]).toBeCloseTo(1.5, 6);
    expect(step.preactivations.f[0]).toBeCloseTo(-0.5, 6);
    expect(step.i[0]).toBeCloseTo(0.8, 6);
    expect(step.f[0]).toBeCloseTo(0.4, 6);
    expect(step.g[0]).toBeCloseTo(0.46211715726000974, 6);
    expect(step.c[0]).toBeCloseTo(1.1696937258080078, 6);
    expect(step.preactivations.o[0]).toBeCloseTo(0.792423431452002, 6);
    expect(step.o[0]).toBeCloseTo(0.6584846862904004, 6);
    expect(step.h[0]).toBeCloseTo(0.5427059325417272, 6);
    // Without peepholes: i = f = o = σ(0.5) = 0.6, c = 1.2 + 0.6·g, h = 0.6·tanh(c).
    const plain = lstmStep([0.5], [0], [2], weights);
    expect(plain.c[0]).toBeCloseTo(1.4772702943560057, 6);
    expect(plain.h[0]).toBeCloseTo(0.5405731813456649, 6);
  });
});

describe("GRU", () => {
  const cases: [inputDim: number, units: number, steps: number, options: LstmOptions, useBias: boolean][] = [
    [1, 1, 5, {}, true],
    [3, 4, 8, {recurrentActivation: "sigmoid"}, true],
    [6, 5, 10, {recurrentActivation: "hardSigmoid", activation: "relu"}, true],
    [2, 3, 6, {recurrentActivation: "sigmoid", activation: "linear"}, true],
    [4, 2, 12, {}, false]
  ];
  it.each(cases)("input %i, units %i, %i steps, %o (bias %s) matches tf.layers.gru", (inputDim, units, steps, options, useBias) => {
    const seed = 2000 + inputDim * 100 + units * 10 + steps;
    const weights = randomWeights(seed, inputDim, units, 3, useBias);
    const xs = randomSequences(seed + 1, 2, steps, inputDim);
    const layer = tf.layers.gru({units, ...options, useBias, returnSequences: true, inputShape: [steps, inputDim]});
    const expected = layerOutputs(layer, weights, xs);
    const ours = xs.map((seq) => runGru(seq, weights, options).h);
    expect(maxAbsDiff(ours, expected)).toBeLessThan(TOLERANCE);
  });

  it("follows tfjs's conventions: hardSigmoid default, h_t = z⊙h_{t−1} + (1−z)⊙h̃, reset before the product, no resetAfter", () => {
    const [inputDim, units, steps] = [3, 4, 8];
    const weights = randomWeights(314, inputDim, units, 3);
    const xs = randomSequences(315, 2, steps, inputDim);
    const layer = tf.layers.gru({units, returnSequences: true, inputShape: [steps, inputDim]});
    expect(layer.getConfig().recurrentActivation).toBe("hardSigmoid");
    expect(layer.getConfig().resetAfter).toBe(false);
    const expected = layerOutputs(layer, weights, xs);
    const runs = xs.map((seq) => runGru(seq, weights));
    expect(
      maxAbsDiff(
        runs.map((r) => r.h),
        expected
      )
    ).toBeLessThan(TOLERANCE);
    for (const step of runs.flatMap((r) => r.steps)) {
      for (let k = 0; k < units; k++) {
        expect(step.h[k]).toBeCloseTo(step.z[k] * step.hPrev[k] + (1 - step.z[k]) * step.hCandidate[k], 6);
        expect(step.rh[k]).toBeCloseTo(step.r[k] * step.hPrev[k], 6);
      }
    }
    // Colah's mirror convention h_t = (1−z)⊙h_{t−1} + z⊙h̃ is not what tfjs computes.
    const mirrored = xs.map((seq) => {
      let h: Vector = new Float32Array(units);
      return seq.map((x) => {
        const s = gruStep(x, h, weights);
        h = Float32Array.from(s.h, (_, k) => (1 - s.z[k]) * s.hPrev[k] + s.z[k] * s.hCandidate[k]);
        return h;
      });
    });
    expect(maxAbsDiff(mirrored, expected)).toBeGreaterThan(1e-3);
    // GRULayerArgs does not even declare resetAfter; the cell's constructor rejects it.
    const resetAfter = {units: 2, resetAfter: true};
    expect(() => tf.layers.gru(resetAfter)).toThrow(/reset_after/);
  });
});
