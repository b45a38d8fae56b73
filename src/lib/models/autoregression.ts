// Linear autoregression, the baseline a forecasting RNN must beat: the next value as a weighted
// sum of the last `lags` values plus an intercept, fitted by least squares in closed form
// (the normal equations XᵀX·β = Xᵀy, solved in float64). Plain TypeScript, so the page can refit
// it for any window length the reader picks.
import {fail, ok, type Result} from "../core/result.js";

/**
 * Solves the square system A·x = b (A given as rows) by Gaussian elimination with partial
 * pivoting. Fails on a singular (or numerically singular) matrix rather than returning NaN.
 */
export function solveLinear(A: readonly ArrayLike<number>[], b: ArrayLike<number>): Result<Float64Array> {
  const n = A.length;
  if (b.length !== n || A.some((row) => row.length !== n))
    return fail(`solveLinear needs an n×n matrix and n values (got ${n} rows and ${b.length} values).`);
  const m = A.map((row, i) => {
    const r = new Float64Array(n + 1);
    r.set(Array.from(row));
    r[n] = b[i];
    return r;
  });
  const scale = Math.max(1e-300, ...m.flatMap((row) => Array.from(row.subarray(0, n), Math.abs)));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) <= 1e-12 * scale)
      return fail("The least-squares system is singular: some inputs are exact combinations of others.");
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      if (f !== 0) for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return ok(x);
}

/** Least squares: the β minimising |X·β − y|², through the normal equations. */
export function leastSquares(X: readonly ArrayLike<number>[], y: ArrayLike<number>): Result<Float64Array> {
  const rows = X.length;
  if (rows !== y.length) return fail(`leastSquares: ${rows} rows of X but ${y.length} targets.`);
  const p = rows ? X[0].length : 0;
  if (rows < p) return fail(`Least squares with ${p} coefficients needs at least ${p} rows (got ${rows}).`);
  const xtx = Array.from({length: p}, () => new Float64Array(p));
  const xty = new Float64Array(p);
  for (let r = 0; r < rows; r++) {
    const x = X[r];
    for (let i = 0; i < p; i++) {
      const xi = x[i];
      xty[i] += xi * y[r];
      const row = xtx[i];
      for (let j = i; j < p; j++) row[j] += xi * x[j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtx[i][j] = xtx[j][i];
  return solveLinear(xtx, xty);
}

export interface Autoregression {
  lags: number;
  /** β_0 */
  intercept: number;
  /** coefficients[k] multiplies the value k + 1 steps back. */
  coefficients: Float64Array;
  /** Training targets used. */
  rows: number;
}

/**
 * AR(lags) on z: z_i ≈ β_0 + Σ_k β_k·z_{i−k}, fitted on the targets i in [from + lags, to).
 * `from` is the first usable index (1 for returns, whose index 0 has no value).
 */
export function fitAutoregression(
  z: ArrayLike<number>,
  lags: number,
  {from = 0, to = z.length}: {from?: number; to?: number} = {}
): Result<Autoregression> {
  if (!(Number.isInteger(lags) && lags >= 1)) return fail(`The number of lags must be a whole number of at least 1 (got ${lags}).`);
  const X: Float64Array[] = [];
  const y: number[] = [];
  for (let i = from + lags; i < to; i++) {
    const row = new Float64Array(lags + 1);
    row[0] = 1;
    for (let k = 1; k <= lags; k++) row[k] = z[i - k];
    X.push(row);
    y.push(z[i]);
  }
  if (X.length < 2 * (lags + 1)) {
    return fail(
      `An autoregression on ${lags} days needs at least ${2 * (lags + 1)} training days after the first ${lags} (there are ${X.length}).`
    );
  }
  const beta = leastSquares(X, y);
  if (!beta.ok) return beta;
  return ok({lags, intercept: beta.value[0], coefficients: beta.value.slice(1), rows: X.length});
}

/** The forecast of z_i from z_{i−1}, …, z_{i−lags}. */
export function predictAutoregression({intercept, coefficients}: Autoregression, z: ArrayLike<number>, i: number): number {
  let s = intercept;
  for (let k = 1; k <= coefficients.length; k++) s += coefficients[k - 1] * z[i - k];
  return s;
}
