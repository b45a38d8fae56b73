// The sentiment network's state through a review, ready to draw: one layer's h_t (or c_t) at
// every word, projected on the two directions in which it varies most over this review (PCA),
// each step labelled with its word and coloured by the score after it.
import {pca, project, type Pca} from "../core/pca-2d.js";
import {fail, ok, type Result} from "../core/result.js";
import type {SentimentRun, SentimentWeights} from "./sentiment-steps.js";

export interface WordPoint {
  step: number;
  word: string;
  pc1: number;
  pc2: number;
  /** The network's score after this word. */
  score: number;
}

export interface TextTrajectory {
  /** The drawn states: one row per word. */
  states: Float32Array[];
  pca: Pca;
  points: WordPoint[];
}

export type StateKind = "h" | "c";

/** The path of `layer`'s state (h or c) over the words of a run; `words` are the words read. */
export function textTrajectory(
  run: SentimentRun,
  words: readonly string[],
  {layer = 0, state = "h" as StateKind} = {}
): Result<TextTrajectory> {
  if (!(layer >= 0 && layer < run.layers.length))
    return fail(`The network has ${run.layers.length} layer(s); there is no layer ${layer + 1}.`);
  if (words.length !== run.scores.length) return fail(`${words.length} words for ${run.scores.length} steps.`);
  if (run.scores.length < 2) return fail("A path needs at least two words: type another.");
  const states = run.layers[layer][state];
  const fitted = pca(states, 2);
  if (!fitted.ok) return fitted;
  const points = states.map((s, step) => {
    const [pc1, pc2] = project(fitted.value, s);
    return {step, word: words[step], pc1, pc2, score: run.scores[step]};
  });
  return ok({states, pca: fitted.value, points});
}

export interface UnitContribution {
  unit: number;
  h: number;
  /** w_positive − w_negative of the read-out for this unit. */
  weight: number;
  /** h · weight: how far this unit pushes the score's logit towards positive. */
  push: number;
}

/**
 * The read-out at one step, unit by unit: score = σ(Σ h_k·(w_k,pos − w_k,neg) + b_pos − b_neg),
 * largest pushes first.
 */
export function readoutPushes(h: ArrayLike<number>, readout: SentimentWeights["readout"]): {units: UnitContribution[]; bias: number} {
  const units = Array.from({length: h.length}, (_, k) => {
    const weight = readout.kernel[k][1] - readout.kernel[k][0];
    return {unit: k + 1, h: h[k], weight, push: h[k] * weight};
  }).sort((a, b) => Math.abs(b.push) - Math.abs(a.push) || a.unit - b.unit);
  return {units, bias: readout.bias[1] - readout.bias[0]};
}

/**
 * How much a state changes from one word to the next, relative to its size: the mean of
 * |s_t − s_{t−1}| over the steps after the first, divided by the root mean square of |s_t|.
 * (0 for a constant state; NaN with fewer than two steps.)
 */
export function relativeStep(states: readonly ArrayLike<number>[]): number {
  if (states.length < 2) return NaN;
  const norm = (f: (k: number) => number, n: number) => Math.sqrt(Array.from({length: n}, (_, k) => f(k) ** 2).reduce((a, b) => a + b, 0));
  let steps = 0;
  let squares = 0;
  states.forEach((s, t) => {
    squares += norm((k) => s[k], s.length) ** 2;
    if (t > 0) steps += norm((k) => s[k] - states[t - 1][k], s.length);
  });
  const rms = Math.sqrt(squares / states.length);
  return rms === 0 ? 0 : steps / (states.length - 1) / rms;
}
