// Spelling → pronunciation as a delayed sequence to sequence: a GRU encoder reads the letters of
// a word, one per step; only after the last one does a GRU decoder, starting from the encoder's
// final state, write ARPAbet phonemes one per step until END. Shared by the loader (training,
// evaluation) and the encoder–decoder page (decoding); `tf` comes from the caller.
//
// The encoder reads each word backwards, last letter first (Sutskever, Vinyals & Le 2014, who
// reversed the source sentences): the decoder writes the first sounds first, and those depend
// most on the first letters, which are then the most recent thing the encoder read. Measured
// here on 40,000 training words, one epoch: phoneme error rate 45% forwards, 35% backwards.
import type {LayersModel} from "@tensorflow/tfjs";
import {PHONEMES} from "../text/phonemes.js";
import type {TF} from "../core/tf-types.js";
import {decoderParts, decoderStepModel, greedyDecode, recurrentEncoder, trainingModel, type Decoding} from "./seq2seq.js";

export const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Decoder symbols: index 0 is START (input) or END (output), then the 39 phonemes. */
export const PHONEME_WIDTH = 1 + PHONEMES.length;

/** Phoneme name of a decoder index (0 → "END"). */
export function phonemeName(index: number): string {
  return index === 0 ? "END" : (PHONEMES[index - 1] ?? "?");
}

const PHONEME_INDEX = new Map(PHONEMES.map((p, i) => [p, i + 1]));

/** Decoder indices of stress-free phonemes; throws on anything else (a loader bug). */
export function phonemeIndices(phonemes: readonly string[]): number[] {
  return phonemes.map((p) => {
    const index = PHONEME_INDEX.get(p);
    if (index === undefined) throw new Error(`${JSON.stringify(p)} is not a stress-free ARPAbet phoneme`);
    return index;
  });
}

/** The letters in the order the encoder reads them: last to first. */
export function readingOrder(word: string): string {
  return [...word].reverse().join("");
}

/** An upper-case word as one-hot rows (letters × 26) in reading order: the encoder's input. */
export function wordOneHot(word: string): Float32Array {
  const letters = readingOrder(word);
  const out = new Float32Array(letters.length * LETTERS.length);
  for (let t = 0; t < letters.length; t++) {
    const k = LETTERS.indexOf(letters[t]);
    if (k < 0) throw new Error(`${JSON.stringify(word)}: ${JSON.stringify(letters[t])} is not a letter A–Z`);
    out[t * LETTERS.length + k] = 1;
  }
  return out;
}

export interface PronunciationModels {
  encoder: LayersModel;
  step: LayersModel;
}

/** Fresh (untrained) models for the loader: encoder, decoder step, and the training model. */
export function pronunciationModels(tf: TF, {units, seed}: {units: number; seed: number}): PronunciationModels & {training: LayersModel} {
  const encoder = recurrentEncoder(tf, {width: LETTERS.length, units, seed});
  const parts = decoderParts(tf, {width: PHONEME_WIDTH, units, seed});
  return {
    encoder: encoder.model,
    step: decoderStepModel(tf, parts),
    training: trainingModel(tf, [null, LETTERS.length], encoder.encode, parts)
  };
}

/** Greedy decoding of one word (upper case, letters only), every step kept. */
export function pronounce(tf: TF, {encoder, step}: PronunciationModels, word: string, {maxSteps}: {maxSteps: number}): Decoding {
  const letters = wordOneHot(word);
  return greedyDecode(tf, encoder, step, () => tf.tensor3d(letters, [1, word.length, LETTERS.length]), {maxSteps});
}

/**
 * The encoder's state after each step: what the message looks like as the word is read. Row k is
 * the state after reading k + 1 letters (in reading order, so the last k + 1 letters of the word).
 */
export function encoderStates(tf: TF, encoder: LayersModel, word: string): Float32Array[] {
  // Each step's input so far on its own (no padding, as in training).
  const letters = wordOneHot(word);
  return Array.from({length: word.length}, (_, k) =>
    tf.tidy(
      () =>
        (
          encoder.predict(tf.tensor3d(letters.subarray(0, (k + 1) * LETTERS.length), [1, k + 1, LETTERS.length])) as ReturnType<
            TF["tensor"]
          >
        ).dataSync() as Float32Array
    )
  );
}
