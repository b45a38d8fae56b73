// ‖∂h_t/∂h_0‖ from tf.grad and Jacobian products, against central finite differences of the
// step-by-step cells (rnn-cell.ts, lstm-cell.ts, gru-cell.ts: plain JavaScript, float64 sums,
// themselves tested against tfjs's layers), and the spectral norm against known matrices.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import type {CellWeights} from "../../../src/lib/rnn/cell-weights.js";
import {
  gradientNorms,
  gradientNormsInSlices,
  hiddenJacobians,
  normPoints,
  scaleRecurrent,
  spectralNorm,
  type GradientCell
} from "../../../src/lib/rnn/gradient-norms.js";
import {runGru} from "../../../src/lib/rnn/gru-cell.js";
import {runLstm} from "../../../src/lib/rnn/lstm-cell.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {runRnn} from "../../../src/lib/rnn/rnn-cell.js";
import type {GateActivation} from "../../../src/lib/models/peephole-lstm.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

const INPUT = 3;
const UNITS = 5;
const STEPS = 12;

function uniformRows(random: () => number, rows: number, cols: number, scale: number): number[][] {
  return Array.from({length: rows}, () => Array.from({length: cols}, () => (2 * random() - 1) * scale));
}

function weights(seed: number, gates: number, recurrentScale: number): CellWeights {
  const random = seededRandom(seed);
  return {
    kernel: uniformRows(random, INPUT, gates * UNITS, 0.7),
    recurrentKernel: uniformRows(random, UNITS, gates * UNITS, recurrentScale),
    bias: uniformRows(random, 1, gates * UNITS, 0.3)[0]
  };
}

/** h_t for t = 1…T from the step-by-step cell, starting from h_0 (and c_0 = 0 for LSTM). */
function hiddenStates(cell: GradientCell, w: CellWeights, xs: number[][], h0: number[], gates: GateActivation): Float32Array[] {
  if (cell === "simpleRNN") return runRnn(xs, w, {h0}).h;
  if (cell === "gru") return runGru(xs, w, {h0, recurrentActivation: gates}).h;
  return runLstm(xs, w, {h0, c0: new Array(UNITS).fill(0), recurrentActivation: gates}).h;
}

/** ∂h_t/∂h_0 by central differences, T blocks of UNITS × UNITS, entry [r][i]. */
function numericJacobians(
  cell: GradientCell,
  w: CellWeights,
  xs: number[][],
  h0: number[],
  gates: GateActivation = "hardSigmoid",
  eps = 1e-3
): Float64Array[] {
  const blocks = xs.map(() => new Float64Array(UNITS * UNITS));
  for (let i = 0; i < UNITS; i++) {
    const plus = hiddenStates(
      cell,
      w,
      xs,
      h0.map((v, j) => (j === i ? v + eps : v)),
      gates
    );
    const minus = hiddenStates(
      cell,
      w,
      xs,
      h0.map((v, j) => (j === i ? v - eps : v)),
      gates
    );
    for (let t = 0; t < xs.length; t++) for (let r = 0; r < UNITS; r++) blocks[t][r * UNITS + i] = (plus[t][r] - minus[t][r]) / (2 * eps);
  }
  return blocks;
}

describe("spectralNorm", () => {
  it("is the largest singular value", () => {
    expect(spectralNorm([3, 0, 0, -4], 2, 2)).toBeCloseTo(4, 10);
    // A rotation by 30° times 2.5: every singular value is 2.5.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    expect(spectralNorm([2.5 * c, -2.5 * s, 2.5 * s, 2.5 * c], 2, 2)).toBeCloseTo(2.5, 10);
    // Rank one: u vᵀ has norm |u|·|v|.
    expect(spectralNorm([1 * 2, 1 * 1, 2 * 2, 2 * 1, 2 * 2, 2 * 1], 3, 2)).toBeCloseTo(3 * Math.sqrt(5), 8);
    expect(() => spectralNorm([1, 2, 3], 2, 2)).toThrow(/2×2/);
  });
});

describe("Jacobians ∂h_t/∂h_0 from tf.grad", () => {
  const random = seededRandom(3);
  const xs = uniformRows(random, STEPS, INPUT, 1);
  const h0 = uniformRows(random, 1, UNITS, 0.5)[0];
  const cases: [GradientCell, number, number, GateActivation][] = [
    ["simpleRNN", 1, 0.4, "hardSigmoid"],
    ["simpleRNN", 1, 1.2, "hardSigmoid"],
    ["gru", 3, 0.6, "hardSigmoid"],
    ["lstm", 4, 0.6, "hardSigmoid"],
    ["gru", 3, 0.6, "sigmoid"],
    ["lstm", 4, 0.6, "sigmoid"]
  ];
  for (const [cell, gates, scale, activation] of cases) {
    it(`match finite differences of the step-by-step cell (${cell}, ${activation} gates, recurrent weights ±${scale})`, () => {
      const w = weights(10 + gates, gates, scale);
      // The LSTM's state is [h, c]: c_0 = 0 here, as in the finite differences.
      const s0 = cell === "lstm" ? [...h0, ...new Array(UNITS).fill(0)] : h0;
      const ours = hiddenJacobians(tf, cell, w, xs, s0, activation);
      const numeric = numericJacobians(cell, w, xs, h0, activation);
      expect(ours.length).toBe(STEPS);
      let worst = 0;
      for (let t = 0; t < STEPS; t++) for (let j = 0; j < UNITS * UNITS; j++) worst = Math.max(worst, Math.abs(ours[t][j] - numeric[t][j]));
      expect(worst).toBeLessThan(5e-4);
      const norms = gradientNorms(tf, cell, w, xs, s0, activation);
      norms.forEach((n, t) => expect(n).toBeCloseTo(spectralNorm(numeric[t], UNITS, UNITS), 3));
      // The dependence is not trivially zero at the first step (the check could pass vacuously).
      expect(norms[0]).toBeGreaterThan(0.05);
    });
  }

  it("in slices with pauses between them: the same norms as in one run, no tensor left behind, and a stop", async () => {
    const random = seededRandom(31);
    const xs = uniformRows(random, STEPS, INPUT, 1);
    for (const [cell, gates] of [
      ["simpleRNN", 1],
      ["gru", 3],
      ["lstm", 4]
    ] as const) {
      const w = weights(40 + gates, gates, 0.8);
      const before = tf.memory().numTensors;
      let pauses = 0;
      const pause = async () => void pauses++;
      const sliced = await gradientNormsInSlices(tf, cell, w, xs, {pause, budgetMs: 0, gates: "sigmoid"});
      expect(sliced?.norms).toEqual(gradientNorms(tf, cell, w, xs, undefined, "sigmoid"));
      expect(sliced?.ms).toBeGreaterThan(0);
      expect(pauses).toBeGreaterThanOrEqual(STEPS - 1);
      expect(await gradientNormsInSlices(tf, cell, w, xs, {pause, budgetMs: 0, stopped: () => pauses > STEPS + 2})).toBeNull();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it("for a linear-regime SimpleRNN with an orthogonal kernel, ‖∂h_t/∂h_0‖ = scale^t", () => {
    // Zero inputs, zero bias and h_0 = 0 keep tanh at its slope of 1: J_t = (scale·Q)ᵀ.
    const q = tf.tidy(() => tf.initializers.orthogonal({seed: 4}).apply([UNITS, UNITS]).arraySync() as number[][]);
    const base: CellWeights = {kernel: [new Array(UNITS).fill(0)], recurrentKernel: q, bias: new Array(UNITS).fill(0)};
    const zerosIn = Array.from({length: 20}, () => [0]);
    for (const scale of [0.5, 0.9, 1, 1.1, 1.5]) {
      const norms = gradientNorms(tf, "simpleRNN", scaleRecurrent(base, scale), zerosIn);
      norms.forEach((n, t) => expect(n / scale ** (t + 1)).toBeCloseTo(1, 4));
    }
  });

  it("normPoints leaves out norms a log scale cannot draw", () => {
    expect(normPoints("a", [2, 0, Infinity, 0.5])).toEqual([
      {series: "a", t: 1, norm: 2},
      {series: "a", t: 4, norm: 0.5}
    ]);
  });

  it("keeps no tensors", () => {
    const before = tf.memory().numTensors;
    gradientNorms(tf, "lstm", weights(1, 4, 0.5), xs);
    expect(tf.memory().numTensors).toBe(before);
  });
});
