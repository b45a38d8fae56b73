// Principal components of a few small vectors (hidden states: tens of units, hundreds of steps),
// to draw a path through a 16-dimensional space on a flat page. Power iteration with deflation
// on the covariance, in float64: each pass multiplies by the covariance and renormalises, which
// turns any start towards the direction of largest variance. Deterministic start, fixed sign.
import type {Vector} from "./matvec.js";
import {fail, ok, type Result} from "./result.js";

export interface Pca {
  mean: Float64Array;
  /** Unit principal directions, largest variance first. */
  components: Float64Array[];
  /** Variance along each direction. */
  variance: number[];
  /** Total variance (trace of the covariance), so variance / total is the share shown. */
  totalVariance: number;
}

/** The covariance matrix (divided by n) and the mean of the rows. */
export function covariance(rows: readonly Vector[]): {mean: Float64Array; matrix: Float64Array[]} {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  const mean = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  const matrix = Array.from({length: d}, () => new Float64Array(d));
  for (const row of rows) {
    for (let i = 0; i < d; i++) {
      const ci = row[i] - mean[i];
      for (let j = i; j < d; j++) matrix[i][j] += (ci * (row[j] - mean[j])) / n;
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) matrix[i][j] = matrix[j][i];
  return {mean, matrix};
}

/** The top `count` principal directions of the rows (count ≤ dimension). */
export function pca(rows: readonly Vector[], count = 2, {iterations = 500, tolerance = 1e-12} = {}): Result<Pca> {
  if (rows.length < 2) return fail("Principal components need at least 2 points.");
  const d = rows[0].length;
  if (rows.some((r) => r.length !== d)) return fail("All points need the same number of coordinates.");
  if (count > d) return fail(`Cannot take ${count} components of ${d}-dimensional points.`);
  const {mean, matrix} = covariance(rows);
  const totalVariance = matrix.reduce((s, row, i) => s + row[i], 0);
  const c = matrix.map((row) => Float64Array.from(row));
  const components: Float64Array[] = [];
  const variance: number[] = [];
  for (let k = 0; k < count; k++) {
    // A start with a component along every axis, so no direction is missed by accident.
    let v: Float64Array = Float64Array.from({length: d}, (_, j) => 1 + j / d);
    v = normalise(v);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = multiply(c, v);
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      const next = w.map((x) => x / norm);
      const change = Math.max(...next.map((x, j) => Math.abs(x - v[j])));
      v = next;
      lambda = norm;
      if (change < tolerance) break;
    }
    // Fix the arbitrary sign: the largest entry positive.
    const big = v.reduce((best, x, j) => (Math.abs(x) > Math.abs(v[best]) ? j : best), 0);
    if (v[big] < 0) v = v.map((x) => -x);
    components.push(v);
    variance.push(lambda);
    // Deflate: remove this direction so the next pass finds the next one.
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) c[i][j] -= lambda * v[i] * v[j];
  }
  return ok({mean, components, variance, totalVariance});
}

/** Coordinates of a point along the principal directions. */
export function project({mean, components}: Pca, row: Vector): number[] {
  return components.map((v) => v.reduce((s, vj, j) => s + vj * (row[j] - mean[j]), 0));
}

function multiply(m: Float64Array[], v: Float64Array): Float64Array {
  return Float64Array.from(m, (row) => row.reduce((s, x, j) => s + x * v[j], 0));
}

function normalise(v: Float64Array): Float64Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
