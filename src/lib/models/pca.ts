// Principal component analysis of images, for k-nearest neighbours: distances between
// 50-number summaries instead of 784 pixels cost a sixteenth, and the training set shrinks
// enough to ship to the browser. tfjs does the big products; the small linear algebra is in
// plain JavaScript (float64). Deterministic: a seeded start and a fixed number of iterations.
import type {Tensor2D} from "@tensorflow/tfjs";
import {seededRandom} from "../core/random.js";
import type {TF} from "../core/tf-types.js";

export interface Pca {
  inputSize: number;
  components: number;
  /** Mean of the training inputs (inputSize). */
  mean: Float32Array;
  /** Principal directions as columns: inputSize × components, row-major, orthonormal columns. */
  basis: Float32Array;
  /** Variance along each direction (eigenvalues of the covariance), largest first. */
  variance: number[];
  /** Total variance of the inputs (the trace of the covariance), so variance / total is the share explained. */
  totalVariance: number;
}

export interface FitPcaOptions {
  /** Block power iterations; more converge further (the subspace converges fast, single directions slower). */
  iterations?: number;
  /** Extra directions iterated alongside and dropped at the end: they speed convergence. */
  oversample?: number;
  seed?: number;
  /** Rows per covariance product (bounds memory). */
  chunk?: number;
}

/** Fit the top `components` principal directions of the rows of `x` (count × inputSize). */
export async function fitPca(
  tf: TF,
  x: Tensor2D,
  components: number,
  {iterations = 40, oversample = 10, seed = 1, chunk = 10_000}: FitPcaOptions = {}
): Promise<Pca> {
  const [count, inputSize] = x.shape;
  if (!(Number.isInteger(components) && components >= 1 && components <= inputSize)) {
    throw new RangeError(`PCA components must be a whole number from 1 to ${inputSize} (got ${components})`);
  }
  if (count < 2) throw new RangeError(`PCA needs at least 2 rows (got ${count})`);
  // Mean, then covariance = Σ (x − mean)ᵀ (x − mean) / count, accumulated chunk by chunk in float64.
  const sum = new Float64Array(inputSize);
  for (let start = 0; start < count; start += chunk) {
    const part = tf.tidy(() =>
      x
        .slice(start, Math.min(chunk, count - start))
        .sum(0)
        .dataSync()
    );
    for (let j = 0; j < inputSize; j++) sum[j] += part[j];
  }
  const mean = Float32Array.from(sum, (s) => s / count);
  const covariance = new Float64Array(inputSize * inputSize);
  const meanTensor = tf.tensor1d(mean);
  for (let start = 0; start < count; start += chunk) {
    const part = tf.tidy(() => {
      const centred = x.slice(start, Math.min(chunk, count - start)).sub(meanTensor);
      return tf.matMul(centred, centred, true, false).dataSync();
    });
    for (let j = 0; j < part.length; j++) covariance[j] += part[j];
  }
  meanTensor.dispose();
  for (let j = 0; j < covariance.length; j++) covariance[j] /= count;
  let totalVariance = 0;
  for (let j = 0; j < inputSize; j++) totalVariance += covariance[j * inputSize + j];

  // Block power iteration on a seeded random start: Q ← orthonormalise(C Q).
  const width = Math.min(inputSize, components + oversample);
  const random = seededRandom(seed);
  let q = orthonormalColumns(
    Float64Array.from({length: inputSize * width}, () => random() - 0.5),
    inputSize,
    width
  );
  const c = tf.tensor2d(Float32Array.from(covariance), [inputSize, inputSize]);
  const product = (columns: Float64Array) =>
    Float64Array.from(tf.tidy(() => tf.matMul(c, tf.tensor2d(Float32Array.from(columns), [inputSize, width])).dataSync()));
  try {
    for (let i = 0; i < iterations; i++) q = orthonormalColumns(product(q), inputSize, width);
    // Rayleigh–Ritz: the eigenvectors of Qᵀ C Q rotate Q's columns onto the principal directions.
    const cq = product(q);
    const small = new Float64Array(width * width);
    for (let a = 0; a < width; a++)
      for (let b = 0; b < width; b++) {
        let s = 0;
        for (let r = 0; r < inputSize; r++) s += q[r * width + a] * cq[r * width + b];
        small[a * width + b] = s;
      }
    for (let a = 0; a < width; a++)
      for (let b = 0; b < a; b++) small[a * width + b] = small[b * width + a] = (small[a * width + b] + small[b * width + a]) / 2;
    const {values, vectors} = symmetricEigen(small, width);
    const basis = new Float32Array(inputSize * components);
    for (let j = 0; j < components; j++) {
      const column = new Float64Array(inputSize);
      for (let r = 0; r < inputSize; r++) {
        let s = 0;
        for (let a = 0; a < width; a++) s += q[r * width + a] * vectors[a * width + j];
        column[r] = s;
      }
      // Fix the sign (an eigenvector's sign is arbitrary): largest entry positive.
      const sign = column[argmaxAbs(column)] < 0 ? -1 : 1;
      for (let r = 0; r < inputSize; r++) basis[r * components + j] = sign * column[r];
    }
    return {inputSize, components, mean, basis, variance: values.slice(0, components), totalVariance};
  } finally {
    c.dispose();
  }
}

/** (x − mean) · basis: each row's coordinates along the principal directions. */
export function projectPca(tf: TF, pca: Pca, x: Tensor2D): Tensor2D {
  return tf.tidy(() => tf.matMul(x.sub(tf.tensor1d(pca.mean)), tf.tensor2d(pca.basis, [pca.inputSize, pca.components])));
}

function argmaxAbs(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]) > Math.abs(values[best])) best = i;
  return best;
}

/** Modified Gram–Schmidt on the columns of a rows × columns row-major matrix (twice, for accuracy). */
export function orthonormalColumns(matrix: Float64Array, rows: number, columns: number): Float64Array {
  const m = Float64Array.from(matrix);
  for (let pass = 0; pass < 2; pass++)
    for (let j = 0; j < columns; j++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += m[r * columns + i] * m[r * columns + j];
        for (let r = 0; r < rows; r++) m[r * columns + j] -= dot * m[r * columns + i];
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += m[r * columns + j] ** 2;
      norm = Math.sqrt(norm);
      // A column that vanished (rank-deficient data) becomes a unit vector along its own index.
      if (norm < 1e-300) for (let r = 0; r < rows; r++) m[r * columns + j] = r === j ? 1 : 0;
      else for (let r = 0; r < rows; r++) m[r * columns + j] /= norm;
    }
  return m;
}

/**
 * Eigenvalues (largest first) and eigenvectors (columns of `vectors`, n × n row-major) of a
 * symmetric n × n matrix, by cyclic Jacobi rotations. For the small matrices here (n ≤ ~100).
 */
export function symmetricEigen(matrix: Float64Array, n: number): {values: number[]; vectors: Float64Array} {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i] ** 2;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let r = p + 1; r < n; r++) off += a[p * n + r] ** 2;
    // Off-diagonal mass at rounding level of the whole matrix: diagonal.
    if (off <= 1e-26 * scale) break;
    for (let p = 0; p < n; p++)
      for (let r = p + 1; r < n; r++) {
        const apr = a[p * n + r];
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (a[r * n + r] - a[p * n + p]) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akr = a[k * n + r];
          a[k * n + p] = cos * akp - sin * akr;
          a[k * n + r] = sin * akp + cos * akr;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const ark = a[r * n + k];
          a[p * n + k] = cos * apk - sin * ark;
          a[r * n + k] = sin * apk + cos * ark;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkr = v[k * n + r];
          v[k * n + p] = cos * vkp - sin * vkr;
          v[k * n + r] = sin * vkp + cos * vkr;
        }
      }
  }
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from];
  });
  return {values: order.map((i) => a[i * n + i]), vectors};
}
