// An RNN decoder that writes a sequence one symbol at a time, fed by an encoder that turns the
// input into one vector, the "message": a CNN over an image (vector to sequence) or a GRU that
// reads a whole word first (delayed sequence to sequence). Shared by the loaders, which train
// it, and the pages, which decode with it; `tf` comes from the caller.
//
// Symbols are one-hot vectors of width V = 1 + symbols. Decoder inputs: index 0 is START,
// k ≥ 1 the symbol k (the one written at the previous step). Decoder outputs: index 0 is END,
// k ≥ 1 the symbol k. The decoder's GRU starts from the message instead of zeros.
//
// Three tfjs models share the decoder's layers: the training model (teacher forcing: all
// steps at once), the encoder, and the decoder-step model [previous symbol, state] →
// [probabilities, next state], which the pages run one step at a time.
import type {LayersModel, SymbolicTensor, Tensor} from "@tensorflow/tfjs";
import {argmax} from "../training/metrics.js";
import type {TF} from "../core/tf-types.js";

export interface DecoderSize {
  /** One-hot width: 1 + number of symbols. */
  width: number;
  units: number;
  seed: number;
}

export interface DecoderParts extends DecoderSize {
  gru: ReturnType<TF["layers"]["gru"]>;
  readout: ReturnType<TF["layers"]["dense"]>;
}

/** The decoder's layers: a GRU and a softmax over the next symbol. */
export function decoderParts(tf: TF, size: DecoderSize): DecoderParts {
  const {width, units, seed} = size;
  return {
    ...size,
    gru: tf.layers.gru({
      name: "decoder_gru",
      units,
      returnSequences: true,
      returnState: true,
      kernelInitializer: tf.initializers.glorotUniform({seed: seed + 101}),
      recurrentInitializer: tf.initializers.orthogonal({seed: seed + 102})
    }),
    readout: tf.layers.dense({
      name: "decoder_readout",
      units: width,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({seed: seed + 103})
    })
  };
}

/** The decoder over a whole input sequence, starting from `message`. */
export function applyDecoder(
  parts: DecoderParts,
  tokens: SymbolicTensor,
  message: SymbolicTensor
): {probabilities: SymbolicTensor; state: SymbolicTensor} {
  const [sequence, state] = parts.gru.apply(tokens, {initialState: [message]}) as SymbolicTensor[];
  return {probabilities: parts.readout.apply(sequence) as SymbolicTensor, state};
}

/** [previous symbols (batch × steps × width), state (batch × units)] → [probabilities, state]. */
export function decoderStepModel(tf: TF, parts: DecoderParts): LayersModel {
  const tokens = tf.input({shape: [null, parts.width], name: "previous_symbol"});
  const state = tf.input({shape: [parts.units], name: "state_in"});
  const out = applyDecoder(parts, tokens, state);
  return tf.model({name: "decoder_step", inputs: [tokens, state], outputs: [out.probabilities, out.state]});
}

/**
 * The delayed encoder: a GRU that reads a whole one-hot sequence (batch × steps × width); its
 * state after the last step is the message. No padding: a batch holds inputs of one length
 * (tfjs 4.22 passes one layer's padding mask on to later layers of the same graph, which breaks
 * the decoder, so the loaders group inputs by length instead of masking).
 * Returns the function that applies its layer, and the encoder as a model of its own.
 */
export function recurrentEncoder(
  tf: TF,
  {width, units, seed}: DecoderSize
): {encode: (source: SymbolicTensor) => SymbolicTensor; model: LayersModel} {
  const gru = tf.layers.gru({
    name: "encoder_gru",
    units,
    kernelInitializer: tf.initializers.glorotUniform({seed: seed + 1}),
    recurrentInitializer: tf.initializers.orthogonal({seed: seed + 2})
  });
  const encode = (source: SymbolicTensor) => gru.apply(source) as SymbolicTensor;
  const input = tf.input({shape: [null, width], name: "letters"});
  return {encode, model: tf.model({name: "encoder", inputs: input, outputs: encode(input)})};
}

/**
 * The training model: [encoder input, decoder input] → probabilities at every step (teacher
 * forcing). `encode` applies the encoder's layers to the new input.
 */
export function trainingModel(
  tf: TF,
  sourceShape: (number | null)[],
  encode: (source: SymbolicTensor) => SymbolicTensor,
  parts: DecoderParts
): LayersModel {
  const source = tf.input({shape: sourceShape, name: "source"});
  const tokens = tf.input({shape: [null, parts.width], name: "decoder_input"});
  return tf.model({name: "encoder_decoder", inputs: [source, tokens], outputs: applyDecoder(parts, tokens, encode(source)).probabilities});
}

/**
 * Teacher forcing for a batch of symbol sequences (ids 1…V−1): the decoder input START, s1, …, sn
 * and the target s1, …, sn, END at every step, padded to the longest; the mask is 1 on real steps.
 */
export function teacherForcing(
  sequences: readonly (readonly number[])[],
  width: number
): {steps: number; input: Float32Array; target: Int32Array; mask: Float32Array} {
  const steps = sequences.reduce((m, s) => Math.max(m, s.length + 1), 0);
  const n = sequences.length;
  const input = new Float32Array(n * steps * width);
  const target = new Int32Array(n * steps);
  const mask = new Float32Array(n * steps);
  sequences.forEach((sequence, i) => {
    for (let t = 0; t <= sequence.length; t++) {
      const previous = t === 0 ? 0 : sequence[t - 1];
      input[(i * steps + t) * width + previous] = 1;
      target[i * steps + t] = t < sequence.length ? sequence[t] : 0;
      mask[i * steps + t] = 1;
    }
  });
  return {steps, input, target, mask};
}

/** Mean −log p(target) over the real steps: the loss the training minimises. */
export function sequenceCrossEntropy(tf: TF, probabilities: Tensor, target: Tensor, mask: Tensor): Tensor {
  return tf.tidy(() => {
    const width = probabilities.shape[probabilities.shape.length - 1]!;
    const picked = tf.sum(tf.mul(probabilities, tf.oneHot(target as never, width)), -1);
    const logs = tf.log(tf.clipByValue(picked, 1e-7, 1));
    return tf.neg(tf.div(tf.sum(tf.mul(logs, mask)), tf.maximum(tf.sum(mask), 1)));
  });
}

export interface DecodeStep {
  /** Symbol fed in at this step (0 = START). */
  input: number;
  /** Probability of every output symbol (index 0 = END). */
  probabilities: Float32Array;
  /** The most probable output: what greedy decoding writes (0 = END). */
  chosen: number;
  /** The decoder's state after this step. */
  state: Float32Array;
}

export interface Decoding {
  /** The encoder's output: the decoder's initial state. */
  message: Float32Array;
  steps: DecodeStep[];
  /** The written symbols, END excluded. */
  symbols: number[];
  /** False when maxSteps ran out before END. */
  ended: boolean;
  /** Wall-clock milliseconds for encoding and all steps. */
  milliseconds: number;
}

/**
 * Greedy decoding of one input, step by step: encode once, then feed each step's most probable
 * symbol back in until END or `maxSteps`. `source` builds the encoder's input (batch of 1); every
 * tensor is disposed before returning, so a page can call this on every keystroke.
 */
export function greedyDecode(
  tf: TF,
  encoder: LayersModel,
  step: LayersModel,
  source: () => Tensor,
  {maxSteps}: {maxSteps: number}
): Decoding {
  const started = performance.now();
  const message = tf.tidy(() => (encoder.predict(source()) as Tensor).dataSync() as Float32Array);
  const width = (step.inputs[0].shape[2] as number) ?? 0;
  const steps: DecodeStep[] = [];
  let state = message;
  let previous = 0;
  for (let t = 0; t < maxSteps; t++) {
    const [probabilities, next] = tf.tidy(() => {
      const token = tf.oneHot(tf.tensor2d([[previous]], [1, 1], "int32"), width).toFloat();
      const [p, h] = step.predict([token, tf.tensor2d(state, [1, state.length])]) as Tensor[];
      return [p.dataSync() as Float32Array, h.dataSync() as Float32Array];
    });
    const chosen = argmax(probabilities);
    steps.push({input: previous, probabilities, chosen, state: next});
    state = next;
    previous = chosen;
    if (chosen === 0) break;
  }
  // END can only be the last step's choice.
  const symbols = steps.map((s) => s.chosen).filter((c) => c !== 0);
  return {message, steps, symbols, ended: steps.at(-1)?.chosen === 0, milliseconds: performance.now() - started};
}

/**
 * Greedy decoding of a whole batch at once (the loaders' evaluation): the same models and the
 * same rule as greedyDecode, many inputs per step. `source` is the encoder input for the batch
 * (not disposed here). Returns the written symbols of each input, END excluded.
 */
export function greedyDecodeBatch(
  tf: TF,
  encoder: LayersModel,
  step: LayersModel,
  source: Tensor,
  {maxSteps}: {maxSteps: number}
): number[][] {
  const count = source.shape[0];
  const width = step.inputs[0].shape[2] as number;
  let state = tf.tidy(() => encoder.predict(source) as Tensor);
  const written: number[][] = Array.from({length: count}, () => []);
  const done = new Uint8Array(count);
  let previous = new Int32Array(count);
  for (let t = 0; t < maxSteps && done.some((d) => d === 0); t++) {
    const [probabilities, next] = tf.tidy(() => {
      const token = tf.oneHot(tf.tensor2d(previous, [count, 1], "int32"), width).toFloat();
      const [p, h] = step.predict([token, state]) as Tensor[];
      return [p.dataSync() as Float32Array, h];
    });
    state.dispose();
    state = next;
    previous = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const chosen = argmax(probabilities, i * width, width);
      previous[i] = chosen;
      if (done[i]) continue;
      if (chosen === 0) done[i] = 1;
      else written[i].push(chosen);
    }
  }
  state.dispose();
  return written;
}

/** The k most probable symbols of one step, most probable first. */
export function topCandidates(probabilities: ArrayLike<number>, k: number): {index: number; probability: number}[] {
  return Array.from(probabilities, (probability, index) => ({index, probability}))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, k);
}
