// The baseline beside the LSTM: logistic regression on a bag of words. A review becomes the set
// of vocabulary words it contains (order and counts ignored; the out-of-vocabulary token
// ignored), and its score is σ(b + Σ w_word). Trained here in plain JavaScript (a review has a
// few hundred of the 10,000 features, so sparse sums beat a dense tfjs matrix of 25,000 × 10,000),
// by seeded mini-batch Adam on the mean log loss plus an L2 penalty.
import {seededRandom, shuffleInPlace} from "../core/random.js";
import {OOV_ID, PAD_ID} from "../text/text-tokens.js";

export interface BagOfWordsModel {
  /** One weight per vocabulary id (those of the padding and OOV tokens stay 0). */
  weights: Float32Array;
  bias: number;
}

export interface BagOfWordsConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty λ in loss + λ/2·|w|². */
  l2: number;
  seed: number;
}

export const BAG_OF_WORDS_CONFIG: BagOfWordsConfig = {epochs: 8, batchSize: 128, learningRate: 0.01, l2: 1e-4, seed: 5};

/** The distinct vocabulary ids of a review, in order of first appearance (the features that are 1). */
export function bagOf(ids: ArrayLike<number>): Int32Array {
  const seen = new Set<number>();
  for (let t = 0; t < ids.length; t++) if (ids[t] !== PAD_ID && ids[t] !== OOV_ID) seen.add(ids[t]);
  return Int32Array.from(seen);
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** σ(b + Σ w) over a bag. */
export function bagScore({weights, bias}: BagOfWordsModel, bag: ArrayLike<number>): number {
  let z = bias;
  for (let k = 0; k < bag.length; k++) z += weights[bag[k]];
  return sigmoid(z);
}

/**
 * The score of the words read so far, after each word: a new word moves it by its weight, a
 * repeated or unknown word leaves it where it was (the model sees a set).
 */
export function bagScoresByWord({weights, bias}: BagOfWordsModel, ids: ArrayLike<number>): Float32Array {
  const seen = new Set<number>();
  let z = bias;
  return Float32Array.from({length: ids.length}, (_, t) => {
    const id = ids[t];
    if (id !== PAD_ID && id !== OOV_ID && !seen.has(id)) {
      seen.add(id);
      z += weights[id];
    }
    return sigmoid(z);
  });
}

/** Mean log loss (nats) and accuracy at threshold 0.5. */
export function bagMetrics(
  model: BagOfWordsModel,
  bags: readonly ArrayLike<number>[],
  labels: ArrayLike<number>
): {loss: number; accuracy: number} {
  let loss = 0;
  let correct = 0;
  bags.forEach((bag, i) => {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, bagScore(model, bag)));
    loss -= labels[i] ? Math.log(p) : Math.log(1 - p);
    if ((p >= 0.5 ? 1 : 0) === labels[i]) correct++;
  });
  return {loss: loss / bags.length, accuracy: correct / bags.length};
}

/** Train on bags (from bagOf) with labels 0/1; returns the model and the training loss per epoch. */
export function trainBagOfWords(
  bags: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  vocabularySize: number,
  config: BagOfWordsConfig = BAG_OF_WORDS_CONFIG
): {model: BagOfWordsModel; lossHistory: number[]} {
  if (bags.length !== labels.length) throw new Error(`${bags.length} reviews but ${labels.length} labels`);
  const {epochs, batchSize, learningRate, l2, seed} = config;
  const n = vocabularySize + 1; // the last slot is the bias
  const w = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const grad = new Float64Array(n);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const random = seededRandom(seed);
  const order = Array.from({length: bags.length}, (_, i) => i);
  const lossHistory: number[] = [];
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    let lossSum = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const rows = order.slice(start, start + batchSize);
      grad.fill(0);
      for (const i of rows) {
        const bag = bags[i];
        let z = w[vocabularySize];
        for (let k = 0; k < bag.length; k++) z += w[bag[k]];
        const p = sigmoid(z);
        lossSum -= labels[i] ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
        // d(log loss)/dz = p − y, shared by every feature that is 1, and the bias.
        const d = (p - labels[i]) / rows.length;
        for (let k = 0; k < bag.length; k++) grad[bag[k]] += d;
        grad[vocabularySize] += d;
      }
      for (let j = 0; j < vocabularySize; j++) grad[j] += l2 * w[j];
      step++;
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      for (let j = 0; j < n; j++) {
        if (j === PAD_ID || j === OOV_ID) continue;
        m[j] = beta1 * m[j] + (1 - beta1) * grad[j];
        v[j] = beta2 * v[j] + (1 - beta2) * grad[j] * grad[j];
        w[j] -= (learningRate * (m[j] / correction1)) / (Math.sqrt(v[j] / correction2) + epsilon);
      }
    }
    lossHistory.push(lossSum / bags.length);
  }
  return {model: {weights: Float32Array.from(w.subarray(0, vocabularySize)), bias: Math.fround(w[vocabularySize])}, lossHistory};
}

/** The model as shipped: float32, one weight per vocabulary id, then the bias. */
export function bagOfWordsBytes({weights, bias}: BagOfWordsModel): Uint8Array {
  const floats = new Float32Array(weights.length + 1);
  floats.set(weights);
  floats[weights.length] = bias;
  return new Uint8Array(floats.buffer);
}

/** The model back from its file, checked against the vocabulary's size. */
export function bagOfWordsFromFile(bytes: ArrayBuffer | Uint8Array, vocabularySize: number, file = "bow/weights.bin"): BagOfWordsModel {
  const copy = bytes instanceof Uint8Array ? bytes.slice() : new Uint8Array(bytes.slice(0));
  if (copy.byteLength !== 4 * (vocabularySize + 1))
    throw new Error(
      `${file} has ${copy.byteLength} bytes, expected ${4 * (vocabularySize + 1)} (${vocabularySize} weights and a bias, float32)`
    );
  const floats = new Float32Array(copy.buffer);
  return {weights: floats.subarray(0, vocabularySize), bias: floats[vocabularySize]};
}
