// Vector to sequence, the lecture's captioning example made small: a CNN turns an MNIST digit
// into one vector (the message), and a GRU decoder starting from it spells the digit's English
// name one letter per step ("seven", then END). Shared by the loader (training, evaluation) and
// the vector-to-sequence page (decoding); `tf` comes from the caller.
import type {LayersModel, SymbolicTensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import {buildCnn, type CnnDescription} from "./cnn-description.js";
import {decoderParts, decoderStepModel, greedyDecode, trainingModel, type Decoding} from "./seq2seq.js";

export const DIGIT_NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"] as const;
/** The 15 letters the ten names use, in alphabetical order: the decoder's symbols 1…15. */
export const NAME_LETTERS: readonly string[] = [...new Set(DIGIT_NAMES.join(""))].sort();
/** One-hot width: START/END, then the letters. */
export const NAME_WIDTH = 1 + NAME_LETTERS.length;
/** Longest name (5) + END, with room for a decoder that overruns. */
export const NAME_MAX_STEPS = 8;

/** The symbol drawn for a decoder index: "·" is END (or START as an input). */
export function nameSymbol(index: number): string {
  return index === 0 ? "·" : (NAME_LETTERS[index - 1] ?? "?");
}

/** Decoder indices of a name's letters. */
export function nameIndices(name: string): number[] {
  return [...name].map((c) => {
    const k = NAME_LETTERS.indexOf(c);
    if (k < 0) throw new Error(`${JSON.stringify(c)} is not a letter of a digit name`);
    return k + 1;
  });
}

/**
 * The encoder: a small LeNet-like CNN whose last layer, 64 tanh units, is the message (tanh
 * keeps it in the range of a GRU state, which it becomes).
 */
export const DIGIT_ENCODER: CnnDescription = {
  name: "digit_encoder",
  input: [28, 28, 1],
  layers: [
    {type: "conv", filters: 8, kernel: 5, padding: "same", activation: "relu"},
    {type: "pool", mode: "max", size: 2},
    {type: "conv", filters: 16, kernel: 5, activation: "relu"},
    {type: "pool", mode: "max", size: 2},
    {type: "flatten"},
    {type: "dense", units: 64, activation: "tanh"}
  ]
};

export interface DigitNameModels {
  encoder: LayersModel;
  step: LayersModel;
}

/** Fresh models for the loader: the CNN encoder, the decoder step and the training model. */
export function digitNameModels(
  tf: TF,
  {seed, encoder: description = DIGIT_ENCODER}: {seed: number; encoder?: CnnDescription}
): DigitNameModels & {training: LayersModel} {
  const encoder = buildCnn(tf, description, {seed});
  const last = description.layers.at(-1);
  if (last?.type !== "dense") throw new Error("the encoder must end in a dense layer: its units are the message");
  const parts = decoderParts(tf, {width: NAME_WIDTH, units: last.units, seed});
  return {
    encoder,
    step: decoderStepModel(tf, parts),
    training: trainingModel(tf, [...description.input], (source: SymbolicTensor) => encoder.apply(source) as SymbolicTensor, parts)
  };
}

/** Greedy decoding of one image (784 bytes, 0–255), every step kept. */
export function nameDigit(tf: TF, {encoder, step}: DigitNameModels, pixels: ArrayLike<number>): Decoding {
  const unit = Float32Array.from(pixels, (v) => v / 255);
  return greedyDecode(tf, encoder, step, () => tf.tensor4d(unit, [1, 28, 28, 1]), {maxSteps: NAME_MAX_STEPS});
}

/** The written letters as a string. */
export function spelled(symbols: readonly number[]): string {
  return symbols.map(nameSymbol).join("");
}

export interface NameScores {
  images: number;
  /** Decoded exactly as the label's name. */
  exact: number;
  /** Characters of the reference names, END included, written at the right step. */
  characters: number;
  charactersRight: number;
  /** Decodings that are not any digit's name ("fivee", "sev"). */
  notAName: number;
}

/**
 * Exact-name and character accuracy of decodings against the labels. A character counts as right
 * when the decoder wrote it at its step; the END after the name counts as a character, so a
 * decoding that stops early or runs on loses a point.
 */
export function scoreNames(decoded: readonly string[], labels: ArrayLike<number>): NameScores {
  let exact = 0;
  let characters = 0;
  let charactersRight = 0;
  let notAName = 0;
  const names = new Set<string>(DIGIT_NAMES);
  decoded.forEach((text, i) => {
    const reference = DIGIT_NAMES[labels[i]];
    if (text === reference) exact++;
    if (!names.has(text)) notAName++;
    const ref = [...reference, "END"];
    const hyp = [...text, "END"];
    characters += ref.length;
    ref.forEach((c, k) => {
      if (hyp[k] === c) charactersRight++;
    });
  });
  return {images: decoded.length, exact, characters, charactersRight, notAName};
}
