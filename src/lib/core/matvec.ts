// Small vector–matrix helpers for the step-by-step cells. Matrices are rows of numbers in tfjs's
// layout (a kernel [inputDim, units] is inputDim rows of length units), so `tensor.arraySync()`
// or `matrixFromFlat(tensor.dataSync(), rows, cols)` can be passed straight in. Sums are taken
// in float64 and stored in Float32Array, the precision tfjs keeps.

/** A vector: number[], Float32Array, ... */
export type Vector = ArrayLike<number>;
/** A matrix as its rows: number[][] (from `arraySync()`) or Float32Array[]. */
export type Matrix = ArrayLike<Vector>;

/** Views the rows of a flat row-major buffer (e.g. `dataSync()`) without copying. */
export function matrixFromFlat(data: Float32Array, rows: number, cols: number): Float32Array[] {
  if (data.length !== rows * cols) {
    throw new Error(`matrixFromFlat: ${data.length} values is not ${rows}×${cols}`);
  }
  return Array.from({length: rows}, (_, r) => data.subarray(r * cols, (r + 1) * cols));
}

/** Row vector times matrix, x·W: x has one entry per row of W. */
export function vecMat(x: Vector, W: Matrix): Float32Array {
  if (x.length !== W.length) {
    throw new Error(`vecMat: vector of ${x.length} against ${W.length} matrix rows`);
  }
  const cols = W.length ? W[0].length : 0;
  const sum = new Float64Array(cols);
  for (let r = 0; r < x.length; r++) {
    const xr = x[r];
    if (xr === 0) continue;
    const row = W[r];
    for (let c = 0; c < cols; c++) sum[c] += xr * row[c];
  }
  return Float32Array.from(sum);
}

/** Elementwise sum of equal-length vectors. */
export function addVectors(...vectors: Vector[]): Float32Array {
  const n = vectors[0].length;
  const sum = new Float64Array(n);
  for (const v of vectors) {
    if (v.length !== n) throw new Error(`addVectors: lengths ${n} and ${v.length}`);
    for (let k = 0; k < n; k++) sum[k] += v[k];
  }
  return Float32Array.from(sum);
}

/** Elementwise product a ⊙ b. */
export function mulVectors(a: Vector, b: Vector): Float32Array {
  if (a.length !== b.length) throw new Error(`mulVectors: lengths ${a.length} and ${b.length}`);
  return Float32Array.from({length: a.length}, (_, k) => a[k] * b[k]);
}

/** Applies f to every entry. */
export function mapVector(v: Vector, f: (value: number) => number): Float32Array {
  return Float32Array.from({length: v.length}, (_, k) => f(v[k]));
}

/** [a b]: one vector after the other (the lecture's [X_t H_{t−1}]). */
export function concatVectors(a: Vector, b: Vector): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** [top; bottom]: the rows of one matrix above the other (the lecture's W = [W_x; W_h]). */
export function stackRows(top: Matrix, bottom: Matrix): Vector[] {
  return [...Array.from(top), ...Array.from(bottom)];
}

/**
 * Columns [start, end) of every row, as views where possible. tfjs packs the gates of a cell
 * side by side along the columns, so this cuts one gate's block out of a kernel.
 */
export function sliceColumns(W: Matrix, start: number, end: number): Vector[] {
  return Array.from(W, (row) => sliceVector(row, start, end));
}

/** Entries [start, end) of a vector (a view for typed arrays). */
export function sliceVector(v: Vector, start: number, end: number): Vector {
  if (v instanceof Float32Array || v instanceof Float64Array) return v.subarray(start, end);
  return Array.prototype.slice.call(v, start, end) as number[];
}

/** A vector of n zeros (the usual initial state). */
export function zeros(n: number): Float32Array {
  return new Float32Array(n);
}
