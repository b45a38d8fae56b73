// k-nearest neighbours: a test image gets the majority class of the k training images closest
// to it (Euclidean distance). Here the distances are between PCA coordinates (pca.ts), and the
// training coordinates are stored as 16-bit integers with a scale per component, so the model
// a page downloads is the model the loader evaluated. Shared by loaders and pages: takes `tf`.
import type {Tensor2D} from "@tensorflow/tfjs";
import {checkInteger, fail, ok, type Result} from "../core/result.js";
import type {TF} from "../core/tf-types.js";
import {projectPca, type Pca} from "./pca.js";

export interface KnnDescription {
  kind: "knn";
  /** Neighbours that vote. */
  k: number;
  /** Principal components the images are reduced to before measuring distances. */
  components: number;
  inputSize: number;
  classes: number;
}

/** Training coordinates, quantised: value = data · scale[column]. */
export interface QuantisedColumns {
  rows: number;
  columns: number;
  data: Int16Array;
  scale: Float32Array;
}

/** A fitted k-NN: the PCA and the training set it remembers. */
export interface KnnModel {
  description: KnnDescription;
  pca: Pca;
  features: QuantisedColumns;
  labels: Uint8Array;
}

export interface KnnPrediction {
  predicted: Uint8Array;
  /** Share of the k votes per class, count × classes, row-major. */
  probabilities: Float32Array;
}

export function validateKnn(description: KnnDescription): Result<KnnDescription> {
  const {k, components, inputSize, classes} = description;
  const problem =
    checkInteger("k", k, 1) ??
    (k > 100 ? `k must be at most 100 (got ${k}).` : null) ??
    checkInteger("Input size", inputSize, 1) ??
    checkInteger("Components", components, 1) ??
    (components > inputSize ? `Components must be at most the input size ${inputSize} (got ${components}).` : null) ??
    checkInteger("Classes", classes, 2);
  return problem ? fail(problem) : ok(description);
}

/** Per-column int16 quantisation: each column's largest magnitude maps to 32767. */
export function quantiseColumns(values: Float32Array, rows: number, columns: number): QuantisedColumns {
  if (values.length !== rows * columns) throw new Error(`${values.length} values do not make ${rows} × ${columns}`);
  const scale = new Float32Array(columns);
  for (let i = 0; i < values.length; i++) scale[i % columns] = Math.max(scale[i % columns], Math.abs(values[i]));
  for (let j = 0; j < columns; j++) scale[j] = scale[j] > 0 ? scale[j] / 32767 : 1;
  const data = Int16Array.from(values, (v, i) => Math.round(v / scale[i % columns]));
  return {rows, columns, data, scale};
}

export function dequantiseColumns({data, scale, columns}: QuantisedColumns): Float32Array {
  return Float32Array.from(data, (q, i) => q * scale[i % columns]);
}

/**
 * The vote of the k nearest rows of `train` for every row of `queries` (both already in the
 * same feature space). Ties between classes go to the tied class with the nearest neighbour.
 * Squared distances come from |q|² − 2 q·t + |t|², so the work is one matrix product per chunk
 * of queries; `chunk` bounds memory (chunk × training rows floats).
 */
export async function knnVote(
  tf: TF,
  train: Tensor2D,
  trainLabels: Uint8Array,
  queries: Tensor2D,
  {k, classes, chunk = 500, transposed = false}: {k: number; classes: number; chunk?: number; transposed?: boolean}
): Promise<KnnPrediction> {
  // `transposed`: train is given as features × rows, which the wasm backend multiplies about
  // seven times faster than the rows × features product (the shift test's many passes need it).
  const [trainCount, width] = transposed ? [train.shape[1], train.shape[0]] : train.shape;
  if (queries.shape[1] !== width) throw new Error(`queries have ${queries.shape[1]} features, the training set ${width}`);
  if (trainLabels.length !== trainCount) throw new Error(`${trainCount} training rows but ${trainLabels.length} labels`);
  if (!(Number.isInteger(k) && k >= 1 && k <= trainCount))
    throw new RangeError(`k must be a whole number from 1 to ${trainCount} (got ${k})`);
  const count = queries.shape[0];
  const predicted = new Uint8Array(count);
  const probabilities = new Float32Array(count * classes);
  // Ranking by −|t|² + 2 q·t is ranking by distance: |q|² is the same for every t.
  const trainNorms = tf.tidy(() => train.square().sum(transposed ? 0 : 1));
  try {
    for (let start = 0; start < count; start += chunk) {
      const size = Math.min(chunk, count - start);
      const nearest = tf.tidy(() => {
        const q = queries.slice(start, size);
        const score = tf.matMul(q, train, false, !transposed).mul(2).sub(trainNorms);
        return tf.topk(score, k, true).indices;
      });
      const indices = (await nearest.data()) as Int32Array;
      nearest.dispose();
      for (let i = 0; i < size; i++) {
        const votes = new Array<number>(classes).fill(0);
        const firstRank = new Array<number>(classes).fill(Infinity);
        for (let r = 0; r < k; r++) {
          const label = trainLabels[indices[i * k + r]];
          votes[label]++;
          firstRank[label] = Math.min(firstRank[label], r);
        }
        let best = 0;
        for (let c = 1; c < classes; c++)
          if (votes[c] > votes[best] || (votes[c] === votes[best] && firstRank[c] < firstRank[best])) best = c;
        predicted[start + i] = best;
        for (let c = 0; c < classes; c++) probabilities[(start + i) * classes + c] = votes[c] / k;
      }
    }
  } finally {
    trainNorms.dispose();
  }
  return {predicted, probabilities};
}

/** A k-NN ready to classify pixel rows (count × 784, values 0–1); dispose() frees its tensors. */
export function knnClassifier(tf: TF, model: KnnModel): {classify: (pixels: Tensor2D) => Promise<KnnPrediction>; dispose: () => void} {
  const {description, features, labels} = model;
  const train = tf.tensor2d(dequantiseColumns(features), [features.rows, features.columns]);
  return {
    classify: async (pixels) => {
      const projected = projectPca(tf, model.pca, pixels);
      try {
        return await knnVote(tf, train, labels, projected, {k: description.k, classes: description.classes});
      } finally {
        projected.dispose();
      }
    },
    dispose: () => train.dispose()
  };
}
