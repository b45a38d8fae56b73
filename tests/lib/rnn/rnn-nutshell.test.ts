// The "RNN in a nutshell" arithmetic against independent float64 loops written here, and its
// messages for bad input.
import {describe, expect, test} from "vitest";
import {
  bothWays,
  neuronWeights,
  parseLayerWeights,
  parseMatrix,
  parseSequence,
  parseVectorSequence,
  unroll
} from "../../../src/lib/rnn/rnn-nutshell.js";
import {memoryTrace, padWithZeros} from "../../../src/lib/rnn/rnn-memory.js";
import {stepEquation} from "../../../src/views/rnn/rnn-steps.js";
import {formatValue, subscript} from "../../../src/lib/core/format.js";
import {message, value} from "../../helpers/tensor-helpers.js";

/** h_t = φ(x_t·w_x + h_{t−1}·w_h + b) in float64, the lecture's equation and nothing else. */
function reference(xs: number[], wx: number, wh: number, b: number, phi: (z: number) => number): number[] {
  const hs: number[] = [];
  let h = 0;
  for (const x of xs) {
    h = phi(x * wx + h * wh + b);
    hs.push(h);
  }
  return hs;
}

describe("reading what the reader typed", () => {
  test("a sequence separated by commas, spaces, semicolons or lines, with a real minus sign", () => {
    expect(value(parseSequence("1, 0.5, −2"))).toEqual([[1], [0.5], [-2]]);
    expect(value(parseSequence("1 2;3\n4"))).toEqual([[1], [2], [3], [4]]);
  });

  test("empty, non-numeric and overlong sequences get a message", () => {
    expect(message(parseSequence("   "))).toMatch(/empty/);
    expect(message(parseSequence("1, abc, 3"))).toMatch(/^Value 2: "abc" is not a number/);
    expect(message(parseSequence("1,,3"))).toMatch(/Value 2 is empty/);
    expect(message(parseSequence(Array(41).fill(1).join(",")))).toMatch(/41 values.*at most 40/);
  });

  test("weight matrices and vector sequences are checked against the layer's shapes", () => {
    expect(value(parseMatrix("1 2 3\n4 5 6", 2, 3, "W_x"))).toEqual([
      [1, 2, 3],
      [4, 5, 6]
    ]);
    expect(message(parseMatrix("1 2\n3 4", 2, 3, "W_x"))).toMatch(/W_x must be 2×3.*but it is 2×2/);
    expect(message(parseMatrix("1 2 3\n4 5", 2, 3, "W_x"))).toMatch(/Row 2 has 2 cells/);
    expect(message(parseLayerWeights({wx: "1 2 3\n4 5 6", wh: "1 0 0\n0 1 0", b: "0 0 0"}, 2, 3))).toMatch(/W_h must be 3×3/);
    expect(message(parseVectorSequence("1 2\n3", 2, "Instance 1"))).toMatch(/^Instance 1: line 2 has 1 cells/);
    expect(message(parseVectorSequence("1 2 3", 2, "Instance 2"))).toMatch(/each line needs 2 numbers/);
    expect(message(parseVectorSequence("", 2, "Instance 2"))).toMatch(/no time steps/);
  });
});

describe("one recurrent neuron", () => {
  const xs = [1, 0.5, -1, 0, 0, 2, 0, 0];

  test.each([
    ["tanh", Math.tanh],
    ["relu", (z: number) => Math.max(0, z)],
    ["sigmoid", (z: number) => 1 / (1 + Math.exp(-z))],
    ["linear", (z: number) => z]
  ] as const)("unrolled with %s matches the equation", (activation, phi) => {
    const run = value(
      unroll(
        xs.map((x) => [x]),
        neuronWeights(0.8, 0.9, 0.1),
        activation
      )
    );
    const expected = reference(xs, 0.8, 0.9, 0.1, phi);
    run.h.forEach((h, t) => expect(h[0]).toBeCloseTo(expected[t], 6));
  });

  test("the comparison can fail: another recurrent weight gives other values", () => {
    const run = value(
      unroll(
        xs.map((x) => [x]),
        neuronWeights(0.8, 0.9, 0.1),
        "tanh"
      )
    );
    const other = reference(xs, 0.8, 0.8, 0.1, Math.tanh);
    expect(Math.max(...run.h.map((h, t) => Math.abs(h[0] - other[t])))).toBeGreaterThan(1e-3);
  });

  test("a linear neuron that overflows float32 gets a message, not Infinity", () => {
    expect(message(unroll([[1e38], [1e38]], neuronWeights(4, 3, 0), "linear"))).toMatch(/h_0 overflows float32/);
  });

  test("the written-out equation has this step's numbers", () => {
    const weights = neuronWeights(0.8, 0.5, 0.1);
    const run = value(unroll([[1], [-1]], weights, "tanh"));
    const h0 = Math.tanh(0.9);
    const z1 = -0.8 + 0.5 * h0 + 0.1;
    expect(stepEquation(run.steps[1], 1, weights, "tanh")).toBe(
      `h₁ = tanh((−1.000)·0.800 + ${formatValue(h0)}·0.500 + 0.100) = tanh(${formatValue(z1)}) = ${formatValue(Math.tanh(z1))}`
    );
    expect(stepEquation(run.steps[0], 0, weights, "linear")).toBe(
      `h₀ = 1.000·0.800 + 0.000·0.500 + 0.100 = ${formatValue(run.steps[0].h[0])}`
    );
    expect(subscript(-12)).toBe("₋₁₂");
  });
});

describe("a recurrent layer, per instance and vectorised", () => {
  const weights = value(
    parseLayerWeights({wx: "0.5 −0.3 0.8\n0.2 0.9 −0.4", wh: "0.4 0.1 0\n−0.2 0.5 0.3\n0.1 −0.3 0.6", b: "0.1 0 −0.1"}, 2, 3)
  );
  const first = [
    [1, 0],
    [0.5, 0.5],
    [0, 1],
    [-1, 0]
  ];
  const second = [
    [0, 1],
    [0, 1],
    [1, -1],
    [0, 0]
  ];

  test("both forms agree with a float64 matrix loop, and with each other", () => {
    const both = value(bothWays([first, second], weights, "tanh"));
    expect(both.maxDifference).toBeLessThan(1e-6);
    // Independent reference: H_t = tanh(X_t·W_x + H_{t−1}·W_h + b) written as plain loops.
    const Wx = [
      [0.5, -0.3, 0.8],
      [0.2, 0.9, -0.4]
    ];
    const Wh = [
      [0.4, 0.1, 0],
      [-0.2, 0.5, 0.3],
      [0.1, -0.3, 0.6]
    ];
    const b = [0.1, 0, -0.1];
    [first, second].forEach((xs, n) => {
      let h = [0, 0, 0];
      xs.forEach((x, t) => {
        h = b.map((bk, k) => Math.tanh(x[0] * Wx[0][k] + x[1] * Wx[1][k] + h[0] * Wh[0][k] + h[1] * Wh[1][k] + h[2] * Wh[2][k] + bk));
        h.forEach((v, k) => {
          expect(both.perInstance[n][t][k]).toBeCloseTo(v, 6);
          expect(both.vectorised[t].H[n][k]).toBeCloseTo(v, 6);
        });
      });
    });
    // [X_t H_{t−1}] is the input row followed by the previous state.
    expect(Array.from(both.vectorised[1].XH[0])).toEqual([0.5, 0.5, ...both.perInstance[0][0]]);
  });

  test("sequences of different lengths cannot share a mini-batch", () => {
    expect(message(bothWays([first, second.slice(0, 3)], weights, "tanh"))).toMatch(/Instance 2 has 3 time steps but instance 1 has 4/);
  });
});

describe("memory: how far a change of x_0 reaches", () => {
  test("a linear neuron scales the change by w_h every step", () => {
    const xs = padWithZeros([[1], [0.5]], 12);
    expect(xs).toHaveLength(12);
    for (const wh of [0.5, 1.5]) {
      const trace = value(memoryTrace(xs, neuronWeights(2, wh, 0), "linear", {delta: 0.25}));
      trace.points.forEach((p) => expect(p.change).toBeCloseTo(0.25 * 2 * wh ** p.t, 4));
    }
  });

  test("a contracting tanh neuron forgets for good; an expanding linear one does not", () => {
    const xs = padWithZeros([[1]], 40);
    const fading = value(memoryTrace(xs, neuronWeights(0.8, 0.4, 0.1), "tanh", {delta: 0.01}));
    expect(fading.forgottenAt).not.toBeNull();
    expect(fading.points.slice(fading.forgottenAt!).every((p) => p.change === 0)).toBe(true);
    expect(fading.reach).toBeLessThan(10);
    const growing = value(memoryTrace(padWithZeros([[1]], 30), neuronWeights(0.8, 1.5, 0), "linear", {delta: 0.01}));
    expect(growing.forgottenAt).toBeNull();
    expect(growing.reach).toBe(29);
  });

  test("a zero change is refused", () => {
    expect(message(memoryTrace([[1]], neuronWeights(1, 1, 0), "tanh", {delta: 0}))).toMatch(/non-zero/);
  });
});
