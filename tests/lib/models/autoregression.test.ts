// Least squares and the autoregression against known solutions; the series transforms, split,
// windows and error measures the forecasting loader and page share.
import {describe, expect, test} from "vitest";
import {fitAutoregression, leastSquares, predictAutoregression, solveLinear} from "../../../src/lib/models/autoregression.js";
import {
  checkWindow,
  forecastErrors,
  forecastWindows,
  naiveForecasts,
  scaled,
  toLevel,
  trainingScaling,
  trainingWindows,
  transformed
} from "../../../src/lib/rnn/forecast-series.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {message, value} from "../../helpers/tensor-helpers.js";

/** Standard normal draws (Box–Muller) from the seeded generator. */
function normals(seed: number, n: number): number[] {
  const random = seededRandom(seed);
  return Array.from({length: n}, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe("least squares", () => {
  test("solves a known 3×3 system, pivoting past a zero on the diagonal", () => {
    // x = [1, −2, 3]
    const x = value(
      solveLinear(
        [
          [0, 2, 1],
          [1, 1, 1],
          [2, -1, 0]
        ],
        [-1, 2, 4]
      )
    );
    expect(Array.from(x).map((v) => +v.toFixed(12))).toEqual([1, -2, 3]);
    expect(
      message(
        solveLinear(
          [
            [1, 2],
            [2, 4]
          ],
          [1, 2]
        )
      )
    ).toMatch(/singular/);
  });

  test("the textbook line through (0,1), (1,3), (2,4), (3,4): intercept 1.5, slope 1", () => {
    const beta = value(
      leastSquares(
        [
          [1, 0],
          [1, 1],
          [1, 2],
          [1, 3]
        ],
        [1, 3, 4, 4]
      )
    );
    expect(beta[0]).toBeCloseTo(1.5, 12);
    expect(beta[1]).toBeCloseTo(1, 12);
  });

  test("the residual is orthogonal to every column (the normal equations hold)", () => {
    const e = normals(3, 300);
    const X = e.map((v, i) => [1, v, Math.sin(i), e[(i * 7) % 300]]);
    const y = X.map((row, i) => 2 - row[1] + 0.5 * row[2] + e[(i * 13) % 300]);
    const beta = value(leastSquares(X, y));
    for (let c = 0; c < 4; c++) {
      const dot = X.reduce((s, row, i) => s + row[c] * (y[i] - row.reduce((a, v, k) => a + v * beta[k], 0)), 0);
      expect(Math.abs(dot)).toBeLessThan(1e-9);
    }
  });
});

describe("autoregression", () => {
  test("recovers the coefficients of a simulated AR(2)", () => {
    const noise = normals(11, 20_000);
    const z = [0, 0];
    for (let i = 2; i < noise.length; i++) z.push(0.5 + 0.6 * z[i - 1] - 0.2 * z[i - 2] + 0.1 * noise[i]);
    const ar = value(fitAutoregression(z, 2, {from: 100}));
    expect(ar.rows).toBe(20_000 - 102);
    expect(ar.intercept).toBeCloseTo(0.5, 1);
    expect(ar.coefficients[0]).toBeCloseTo(0.6, 1);
    expect(ar.coefficients[1]).toBeCloseTo(-0.2, 1);
    // A forecast is the fitted linear combination of the last two values.
    expect(predictAutoregression(ar, [1, 2, 99], 2)).toBeCloseTo(ar.intercept + 2 * ar.coefficients[0] + 1 * ar.coefficients[1], 12);
  });

  test("an exactly linear recurrence is fitted exactly", () => {
    // z_i = 1 + 0.5 z_{i−1} starting far from its fixed point, exact in float64 for a few dozen steps.
    const z = [10];
    for (let i = 1; i < 30; i++) z.push(1 + 0.5 * z[i - 1]);
    const ar = value(fitAutoregression(z.slice(0, 12), 1));
    expect(ar.intercept).toBeCloseTo(1, 9);
    expect(ar.coefficients[0]).toBeCloseTo(0.5, 9);
  });

  test("bad requests get messages", () => {
    expect(message(fitAutoregression([1, 2, 3, 4, 5], 3))).toMatch(/needs at least 8 training days/);
    expect(message(fitAutoregression(new Array(50).fill(2), 2))).toMatch(/singular/);
    expect(message(fitAutoregression([1, 2, 3], 0))).toMatch(/at least 1/);
  });
});

describe("series transforms, split and windows", () => {
  const prices = {kind: "price" as const, values: [100, 110, 99, 99, 108.9]};

  test("log returns, and a forecast of the true return gives back the true price", () => {
    const r = transformed(prices);
    expect(Number.isNaN(r[0])).toBe(true);
    expect(r[1]).toBeCloseTo(Math.log(1.1), 12);
    const s = trainingScaling(r, 1, 4);
    const z = scaled(r, s);
    for (let i = 1; i < 5; i++) expect(toLevel("price", z[i], s, prices.values[i - 1])).toBeCloseTo(prices.values[i], 4);
    expect(toLevel("level", 2, {mean: 10, std: 3}, 999)).toBe(16);
  });

  test("scaling uses the training days only: changing a test day changes nothing", () => {
    const t = [1, 2, 3, 4, 100];
    const a = trainingScaling(t, 0, 4);
    expect(a.mean).toBe(2.5);
    expect(a.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(trainingScaling([1, 2, 3, 4, -5000], 0, 4)).toEqual(a);
  });

  test("training windows never reach a test day; each target is the next input", () => {
    const z = Float32Array.from({length: 30}, (_, i) => i);
    const {inputs, targets, count} = trainingWindows(z, 1, 20, 5, 2);
    expect(count).toBe(7); // starts 1, 3, …, 13: the last target is z[18]
    expect(Math.max(...targets)).toBe(18);
    expect(Array.from(inputs.subarray(5, 10))).toEqual([3, 4, 5, 6, 7]);
    expect(Array.from(targets.subarray(5, 10))).toEqual([4, 5, 6, 7, 8]);
    expect(Array.from(forecastWindows(z, 20, 22, 3))).toEqual([17, 18, 19, 18, 19, 20]);
  });

  test("naive forecasts and their errors", () => {
    const values = [1, 2, 4, 3];
    expect(Array.from(naiveForecasts(values, 1, 4))).toEqual([1, 2, 4]);
    expect(forecastErrors("naive", [2, 4, 3], [1, 2, 4])).toEqual({model: "naive", mae: 4 / 3, rmse: Math.sqrt(6 / 3), count: 3});
  });

  test("window lengths: clear messages for bad N and for N longer than the series", () => {
    const series = {kind: "price" as const, name: "S&P 500", dates: ["2000-01-03", "2000-01-04", "2000-01-05", "2000-01-06"]};
    expect(value(checkWindow(series, 2, 3))).toBe(2);
    expect(message(checkWindow(series, 3, 3))).toBe(
      "N = 3 days is longer than the series up to 2000-01-05: S&P 500 has only 2 usable days from 2000-01-04 to 2000-01-05."
    );
    expect(message(checkWindow(series, 0, 3))).toMatch(/at least 1/);
    expect(message(checkWindow(series, 2.5, 3))).toMatch(/whole number/);
    expect(message(checkWindow(series, NaN, 3))).toMatch(/must be a number/);
    expect(message(checkWindow(series, 300, 3, {max: 250}))).toMatch(/at most 250/);
  });
});
