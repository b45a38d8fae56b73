// PCA of small vectors (hidden states) against data whose principal directions and variances are known exactly.
import {describe, expect, test} from "vitest";
import {pca, project} from "../../../src/lib/core/pca-2d.js";
import {message, value} from "../../helpers/tensor-helpers.js";

/** Columns of a rotation: an orthonormal basis of R³ that is not the axes. */
const c = Math.cos(0.7);
const s = Math.sin(0.7);
const u1 = [c, s * Math.cos(0.3), s * Math.sin(0.3)];
const u2 = [-s, c * Math.cos(0.3), c * Math.sin(0.3)];
const u3 = [0, -Math.sin(0.3), Math.cos(0.3)];

/** ±3·u1, ±1·u2, ±0.1·u3 around a centre: covariance (9 u1u1ᵀ + u2u2ᵀ + 0.01 u3u3ᵀ)·2/6. */
function points(centre = [5, -2, 1]) {
  return [
    [3, u1],
    [-3, u1],
    [1, u2],
    [-1, u2],
    [0.1, u3],
    [-0.1, u3]
  ].map(([a, u]) => centre.map((m, j) => m + (a as number) * (u as number[])[j]));
}

describe("pca", () => {
  test("finds the known directions and variances, largest first", () => {
    const result = value(pca(points(), 2));
    expect(Array.from(result.mean)).toEqual([5, -2, 1].map((v) => expect.closeTo(v, 12)));
    expect(result.variance[0]).toBeCloseTo(9 / 3, 9);
    expect(result.variance[1]).toBeCloseTo(1 / 3, 9);
    expect(result.totalVariance).toBeCloseTo((9 + 1 + 0.01) / 3, 9);
    // Directions up to sign; the sign is fixed so the largest entry is positive.
    expect(Math.abs(result.components[0].reduce((a, v, j) => a + v * u1[j], 0))).toBeCloseTo(1, 9);
    expect(Math.abs(result.components[1].reduce((a, v, j) => a + v * u2[j], 0))).toBeCloseTo(1, 9);
    for (const v of result.components) expect(Math.max(...v)).toBeGreaterThan(Math.max(...v.map((x) => -x)));
  });

  test("projections: the first point sits at ±3 on the first axis and 0 on the second", () => {
    const result = value(pca(points(), 2));
    const [a, b] = project(result, points()[0]);
    expect(Math.abs(a)).toBeCloseTo(3, 9);
    expect(b).toBeCloseTo(0, 9);
  });

  test("bad input gets a message", () => {
    expect(message(pca([[1, 2]]))).toMatch(/at least 2 points/);
    expect(message(pca([[1, 2], [3]]))).toMatch(/same number/);
    expect(message(pca([[1], [2]], 2))).toMatch(/Cannot take 2 components of 1-dimensional/);
  });
});
