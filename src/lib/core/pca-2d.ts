// Principal components of a few small vectors (hidden states: tens of units, hundreds of steps),
// to draw a path through a 16-dimensional space on a flat page: the eigenvectors of the
// covariance (float64, Jacobi rotations from lib/models/pca.ts), largest variance first, sign fixed.
// Plain arrays, no tfjs: the trajectories page does not load it.
import type {Vector} from "./matvec.js";
import {symmetricEigen} from "../models/pca.js";
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
export function pca(rows: readonly Vector[], count = 2): Result<Pca> {
  if (rows.length < 2) return fail("Principal components need at least 2 points.");
  const d = rows[0].length;
  if (rows.some((r) => r.length !== d)) return fail("All points need the same number of coordinates.");
  if (count > d) return fail(`Cannot take ${count} components of ${d}-dimensional points.`);
  const {mean, matrix} = covariance(rows);
  const flat = new Float64Array(d * d);
  matrix.forEach((row, i) => flat.set(row, i * d));
  const {values, vectors} = symmetricEigen(flat, d);
  const components = Array.from({length: count}, (_, k) => {
    const v = Float64Array.from({length: d}, (_, j) => vectors[j * d + k]);
    // Fix the arbitrary sign: the largest entry positive.
    const big = v.reduce((best, x, j) => (Math.abs(x) > Math.abs(v[best]) ? j : best), 0);
    return v[big] < 0 ? v.map((x) => -x) : v;
  });
  return ok({mean, components, variance: values.slice(0, count), totalVariance: matrix.reduce((s, row, i) => s + row[i], 0)});
}

/** Coordinates of a point along the principal directions. */
export function project({mean, components}: Pca, row: Vector): number[] {
  return components.map((v) => v.reduce((s, vj, j) => s + vj * (row[j] - mean[j]), 0));
}
