// Character-level language models: the lecture's "sequence generation with RNNs". Each
// character, as a one-hot vector, goes into an LSTM or GRU layer that returns its state after
// every character; a dense softmax turns each state into probabilities of the next character.
// Shared by the loader (Node) and the pages, so every function that needs tfjs takes `tf`.
//
// Generation does not use the tfjs model: one character at a time, a tfjs call per step costs
// far more than the arithmetic. The step-by-step cells (lstm-cell.ts, gru-cell.ts) with the
// layer's weights keep the state between characters, so each new character is one step.
import type {LayersModel, Scalar, Tensor} from "@tensorflow/tfjs";
import type {CellWeights, TensorLike} from "../rnn/cell-weights.js";
import {cellWeightsFromTensors} from "../rnn/cell-weights.js";
import {gruStep} from "../rnn/gru-cell.js";
import {lstmStep} from "../rnn/lstm-cell.js";
import {matrixFromFlat, vecMat, type Matrix, type Vector} from "../core/matvec.js";
import {fail, ok, type Result} from "../core/result.js";
import {weightsFromFiles} from "../formats/model-files.js";
import type {TF} from "../core/tf-types.js";

export type CharCell = "lstm" | "gru";

/** The symbol standing for every character outside the vocabulary (always id 0). */
export const UNKNOWN_CHAR = "\ufffd";

export interface CharModelDescription {
  cell: CharCell;
  units: number;
  /** The symbols, id by id; vocab[0] is UNKNOWN_CHAR. */
  vocab: string[];
  /** Seed of the initial weights. */
  seed: number;
}

/** Gates use the lecture's logistic sigmoid (tfjs's default would be hardSigmoid). */
export const RECURRENT_ACTIVATION = "sigmoid" as const;

/** Layer names, so weights can be found by name in model.json. */
export const CHAR_LAYERS = {cell: "cell", readout: "readout"};

export function checkDescription({cell, units, vocab, seed}: CharModelDescription): void {
  if (cell !== "lstm" && cell !== "gru") throw new RangeError(`cell must be "lstm" or "gru" (got ${JSON.stringify(cell)})`);
  if (!(Number.isInteger(units) && units >= 1 && units <= 1024))
    throw new RangeError(`units must be a whole number from 1 to 1024 (got ${units})`);
  if (!Array.isArray(vocab) || vocab.length < 2 || vocab[0] !== UNKNOWN_CHAR)
    throw new RangeError("vocab must list at least 2 symbols, the unknown symbol first");
  if (new Set(vocab).size !== vocab.length || vocab.some((c) => typeof c !== "string" || [...c].length !== 1))
    throw new RangeError("vocab must hold distinct single characters");
  if (!(Number.isInteger(seed) && seed >= 0)) throw new RangeError(`seed must be a whole number ≥ 0 (got ${seed})`);
}

/** One-hot characters [batch, time, vocab] → LSTM/GRU (every step's state) → softmax over the vocab. */
export function charModel(tf: TF, description: CharModelDescription): LayersModel {
  checkDescription(description);
  const {cell, units, vocab, seed} = description;
  const layerOptions = {
    name: CHAR_LAYERS.cell,
    units,
    inputShape: [null, vocab.length],
    returnSequences: true,
    recurrentActivation: RECURRENT_ACTIVATION,
    kernelInitializer: tf.initializers.glorotUniform({seed}),
    recurrentInitializer: tf.initializers.orthogonal({seed: seed + 1, gain: 1})
  };
  const model = tf.sequential({name: `char_${cell}`});
  // Keras's unit forget bias for the LSTM: start by remembering.
  model.add(cell === "lstm" ? tf.layers.lstm({...layerOptions, unitForgetBias: true}) : tf.layers.gru(layerOptions));
  model.add(
    tf.layers.dense({
      name: CHAR_LAYERS.readout,
      units: vocab.length,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({seed: seed + 2})
    })
  );
  return model;
}

// ---- vocabulary, encoding, decoding ----

export interface CharVocabulary {
  vocab: string[];
  /** How often each symbol occurs in the text it was built from (the unknown symbol: every character left out). */
  counts: number[];
  /** Share of the text's characters inside the vocabulary. */
  coverage: number;
}

/**
 * The `size` − 1 most frequent characters of `texts` (ties by code point), after the unknown
 * symbol. Characters are code points, so "—" or "é" is one symbol.
 */
export function buildCharVocabulary(texts: readonly string[], size: number): CharVocabulary {
  if (!(Number.isInteger(size) && size >= 2)) throw new RangeError(`vocabulary size must be a whole number ≥ 2 (got ${size})`);
  const counts = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    for (const ch of text) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      total++;
    }
  }
  counts.delete(UNKNOWN_CHAR);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!).slice(0, size - 1);
  const kept = ranked.reduce((s, [, n]) => s + n, 0);
  return {
    vocab: [UNKNOWN_CHAR, ...ranked.map(([ch]) => ch)],
    counts: [total - kept, ...ranked.map(([, n]) => n)],
    coverage: total ? kept / total : 1
  };
}

export type CharIndex = Map<string, number>;

export function charIndex(vocab: readonly string[]): CharIndex {
  return new Map(vocab.map((ch, id) => [ch, id]));
}

/** Ids of every character; characters outside the vocabulary become 0 (unknown). */
export function encodeChars(text: string, index: CharIndex): Int32Array {
  return Int32Array.from(text, (ch) => index.get(ch) ?? 0);
}

export function decodeChars(ids: ArrayLike<number>, vocab: readonly string[]): string {
  let out = "";
  for (let i = 0; i < ids.length; i++) out += vocab[ids[i]] ?? UNKNOWN_CHAR;
  return out;
}

/** Distinct characters of `text` outside the vocabulary, in order of first appearance. */
export function unknownChars(text: string, index: CharIndex): string[] {
  return [...new Set([...text].filter((ch) => !index.has(ch)))];
}

/** Longest seed a page accepts: the state after it is all that matters, and it costs one step per character. */
export const MAX_SEED_CHARS = 2000;

/** Typed seed text → ids, or a message: empty, too long, or with characters the model never saw. */
export function checkSeedText(text: string, vocab: readonly string[], {maxLength = MAX_SEED_CHARS} = {}): Result<Int32Array> {
  if (typeof text !== "string" || text.length === 0) return fail("Type some seed text: the model continues from its last character.");
  const length = [...text].length;
  if (length > maxLength)
    return fail(`The seed text has ${length.toLocaleString("en")} characters; at most ${maxLength.toLocaleString("en")} are used.`);
  const index = charIndex(vocab);
  const unknown = unknownChars(text, index);
  if (unknown.length) {
    const shown = unknown
      .slice(0, 8)
      .map((ch) => `“${ch}” (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`)
      .join(", ");
    return fail(
      `The model never saw ${unknown.length === 1 ? "the character" : `${unknown.length} of these characters`}: ${shown}${unknown.length > 8 ? ", …" : ""}. Remove ${unknown.length === 1 ? "it" : "them"} or pick the other corpus.`
    );
  }
  return ok(encodeChars(text, index));
}

// ---- sampling ----

/**
 * Probabilities p sharpened or flattened by temperature T: pᵢ^(1/T) / Σⱼ pⱼ^(1/T), computed as
 * a softmax of log pᵢ / T in float64. T = 1 leaves p alone; T → 0 approaches the most likely
 * character; large T approaches uniform over the characters with p > 0.
 */
export function withTemperature(probabilities: ArrayLike<number>, temperature: number): Float64Array {
  if (!(temperature > 0 && Number.isFinite(temperature)))
    throw new RangeError(`temperature must be a positive number (got ${temperature})`);
  const logits = Float64Array.from(probabilities, (p) => (p > 0 ? Math.log(p) / temperature : -Infinity));
  if (!logits.some((v) => v > -Infinity)) throw new RangeError("no character has a positive probability");
  return softmax64(logits);
}

/** Softmax in float64, shifted by the largest logit so no exponential overflows. */
function softmax64(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Float64Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/** An index drawn from `distribution` (summing to 1) with one uniform number from `random`. */
export function sampleIndex(distribution: ArrayLike<number>, random: () => number): number {
  const u = random();
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < distribution.length; i++) {
    if (distribution[i] <= 0) continue;
    last = i;
    cumulative += distribution[i];
    if (u < cumulative) return i;
  }
  // Rounding left the sum a hair below u: the last possible index.
  return last;
}

/** Temperatures a page offers, and the one the build-time samples use. */
export const TEMPERATURE_RANGE = {min: 0.1, max: 2, sample: 0.7};

// ---- step-by-step generation ----

export interface CharWeights {
  cell: CharCell;
  recurrent: CellWeights;
  /** Read-out kernel [units, vocab] and bias [vocab]. */
  readout: {kernel: Matrix; bias: Vector};
}

/** The trained weights of a char model (its cell layer and read-out) as plain arrays. */
export function charWeightsFromModel(model: LayersModel, cell: CharCell): CharWeights {
  const layer = model.getLayer(CHAR_LAYERS.cell);
  const readout = model.getLayer(CHAR_LAYERS.readout).getWeights();
  return {cell, recurrent: cellWeightsFromTensors(layer.getWeights()), readout: readoutFromTensors(readout)};
}

/**
 * The same weights read straight from model.json and weights.bin, without tfjs: a page that
 * only steps the cell in plain JavaScript need not load tfjs at all.
 */
export function charWeightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array, cell: CharCell): CharWeights {
  const byName = weightsFromFiles(modelJson, weights);
  const get = (layer: string, weight: string) => {
    const tensor = byName.get(`${layer}/${weight}`);
    if (!tensor) throw new Error(`model.json has no weight "${layer}/${weight}": not a character model`);
    return tensor;
  };
  const recurrent = cellWeightsFromTensors([
    get(CHAR_LAYERS.cell, "kernel"),
    get(CHAR_LAYERS.cell, "recurrent_kernel"),
    get(CHAR_LAYERS.cell, "bias")
  ]);
  return {cell, recurrent, readout: readoutFromTensors([get(CHAR_LAYERS.readout, "kernel"), get(CHAR_LAYERS.readout, "bias")])};
}

function readoutFromTensors([kernel, bias]: TensorLike[]): CharWeights["readout"] {
  return {
    kernel: matrixFromFlat(Float32Array.from(kernel.dataSync()), kernel.shape[0], kernel.shape[1]),
    bias: Float32Array.from(bias.dataSync())
  };
}

export interface CharState {
  h: Float32Array;
  /** The LSTM's long-term state (absent for a GRU). */
  c?: Float32Array;
}

/** What one step returns: the probabilities of the next character, and the cell's intermediates for drawings. */
export interface CharStepResult {
  probabilities: Float32Array;
  step: ReturnType<typeof lstmStep> | ReturnType<typeof gruStep>;
}

export interface CharStepper {
  vocabSize: number;
  units: number;
  /** Read one character; the state moves on. */
  feed(id: number): CharStepResult;
  /** Back to the zero state tfjs starts from. */
  reset(): void;
  state(): CharState;
}

/** Softmax of h·W + b in float64, stored as float32 as tfjs does. */
export function readoutProbabilities(h: Vector, {kernel, bias}: CharWeights["readout"]): Float32Array {
  const logits = vecMat(h, kernel);
  for (let i = 0; i < logits.length; i++) logits[i] += bias[i];
  return Float32Array.from(softmax64(logits));
}

export function charStepper(weights: CharWeights): CharStepper {
  const vocabSize = weights.recurrent.kernel.length;
  const units = weights.recurrent.recurrentKernel.length;
  const x = new Float32Array(vocabSize);
  let h: Float32Array = new Float32Array(units);
  let c: Float32Array = new Float32Array(units);
  const options = {recurrentActivation: RECURRENT_ACTIVATION};
  return {
    vocabSize,
    units,
    feed(id) {
      if (!(Number.isInteger(id) && id >= 0 && id < vocabSize))
        throw new RangeError(`character id ${id} is outside the vocabulary of ${vocabSize}`);
      // One-hot input: the cell's x·K only reads row `id` of the kernel (zeros are skipped).
      x.fill(0);
      x[id] = 1;
      const step = weights.cell === "lstm" ? lstmStep(x, h, c, weights.recurrent, options) : gruStep(x, h, weights.recurrent, options);
      h = step.h;
      if ("c" in step) c = step.c;
      return {probabilities: readoutProbabilities(h, weights.readout), step};
    },
    reset() {
      h = new Float32Array(units);
      c = new Float32Array(units);
    },
    state: () => (weights.cell === "lstm" ? {h: h.slice(), c: c.slice()} : {h: h.slice()})
  };
}

export interface GenerateOptions {
  temperature: number;
  random: () => number;
  /**
   * Never sample the unknown symbol (default): it stands for every rare character at once, so
   * it has no spelling to print.
   */
  excludeUnknown?: boolean;
}

/** Reads `ids` from the stepper's current state; the probabilities of the character after them. */
export function feedIds(stepper: CharStepper, ids: ArrayLike<number>): Float32Array {
  if (ids.length === 0) throw new RangeError("generation needs at least one seed character");
  let probabilities: Float32Array = new Float32Array(0);
  for (let i = 0; i < ids.length; i++) probabilities = stepper.feed(ids[i]).probabilities;
  return probabilities;
}

/**
 * Samples `count` characters from `probabilities` on, each read back into the stepper (the last
 * too), so a later call continues the same text from the probabilities returned.
 */
export function sampleIds(
  stepper: CharStepper,
  probabilities: Float32Array,
  count: number,
  {temperature, random, excludeUnknown = true}: GenerateOptions
): {ids: Int32Array; probabilities: Float32Array} {
  const ids = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const p = excludeUnknown ? Float32Array.from(probabilities, (v, i) => (i === 0 ? 0 : v)) : probabilities;
    ids[k] = sampleIndex(withTemperature(p, temperature), random);
    probabilities = stepper.feed(ids[k]).probabilities;
  }
  return {ids, probabilities};
}

/**
 * Mean bits per character the model needs for `ids` read from the zero state: −log₂ p of each
 * character after the first, given the ones before.
 */
export function textBits(stepper: CharStepper, ids: ArrayLike<number>): number {
  if (ids.length < 2) throw new RangeError("bits per character need at least two characters");
  stepper.reset();
  let bits = 0;
  let probabilities = stepper.feed(ids[0]).probabilities;
  for (let i = 1; i < ids.length; i++) {
    bits -= Math.log2(Math.max(probabilities[ids[i]], 1e-12));
    probabilities = stepper.feed(ids[i]).probabilities;
  }
  return bits / (ids.length - 1);
}

/** Reads `seed` from the stepper's current state, then samples `count` characters. */
export function generateIds(stepper: CharStepper, seed: ArrayLike<number>, count: number, options: GenerateOptions): Int32Array {
  return sampleIds(stepper, feedIds(stepper, seed), count, options).ids;
}

// ---- training (build time and "continue training" in a page) ----

/**
 * Windows of `length` + 1 ids (row-major, rows × (length + 1)) → inputs (the first `length`, one-hot)
 * and targets (the last `length`, one-hot): each character predicts the next.
 */
export function windowTensors(tf: TF, ids: Int32Array, rows: number, length: number, vocabSize: number): {x: Tensor; y: Tensor} {
  if (ids.length !== rows * (length + 1)) throw new RangeError(`expected ${rows} windows of ${length + 1} ids, got ${ids.length} ids`);
  return tf.tidy(() => {
    const all = tf.tensor2d(ids, [rows, length + 1], "int32");
    const x = tf.oneHot(all.slice([0, 0], [rows, length]), vocabSize).toFloat();
    const y = tf.oneHot(all.slice([0, 1], [rows, length]), vocabSize).toFloat();
    return {x, y};
  });
}

const EPSILON = 1e-7;

/**
 * Σ over every window and step of −ln p(next character), divided by `divisor` (the whole batch's
 * windows × steps, so two halves' gradients add up to the batch's mean). Probabilities are clipped
 * as Keras's cross-entropy does.
 */
export function charLossSum(_tf: TF, model: LayersModel, x: Tensor, y: Tensor, divisor: number, {training = true} = {}): Scalar {
  const p = model.apply(x, {training}) as Tensor;
  return y
    .mul(p.clipByValue(EPSILON, 1 - EPSILON).log())
    .sum()
    .neg()
    .div(divisor) as Scalar;
}

/** One optimizer step on whole windows (the page's "continue training"); returns the mean bits per character. */
export function trainCharBatch(tf: TF, model: LayersModel, ids: Int32Array, rows: number, length: number): number {
  const vocabSize = (model.inputs[0].shape[2] as number) ?? 0;
  const optimizer = model.optimizer;
  if (!optimizer) throw new Error("compile the model with an optimizer before training it");
  let loss = NaN;
  tf.tidy(() => {
    const {x, y} = windowTensors(tf, ids, rows, length, vocabSize);
    const cost = optimizer.minimize(() => charLossSum(tf, model, x, y, rows * length), true);
    loss = cost!.dataSync()[0];
  });
  if (!Number.isFinite(loss)) throw new Error(`training diverged: the loss is ${loss} (try a smaller learning rate)`);
  return loss / Math.LN2;
}

/** Mean bits per character of the model on windows (one forward pass, no training). */
export function charBits(tf: TF, model: LayersModel, ids: Int32Array, rows: number, length: number): number {
  const vocabSize = model.inputs[0].shape[2] as number;
  return tf.tidy(() => {
    const {x, y} = windowTensors(tf, ids, rows, length, vocabSize);
    return charLossSum(tf, model, x, y, rows * length, {training: false}).dataSync()[0] / Math.LN2;
  });
}

/** `count` windows of `length` + 1 ids cut from `ids` at seeded random offsets. */
export function randomWindows(ids: Int32Array, count: number, length: number, random: () => number): Int32Array {
  const span = length + 1;
  if (ids.length < span) throw new RangeError(`the text has ${ids.length} characters, fewer than one window of ${span}`);
  const out = new Int32Array(count * span);
  for (let r = 0; r < count; r++) {
    const start = Math.floor(random() * (ids.length - span + 1));
    out.set(ids.subarray(start, start + span), r * span);
  }
  return out;
}
