// The sentiment network's state through a review, ready to draw: one layer's h_t (or c_t) at
// every word, projected on the two directions in which it varies most over this review (PCA),
// each step labelled with its word and coloured by the score after it.
import {pca, project, type Pca} from "./pca-2d.js";
import {fail, ok, type Result} from "./result.js";
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
export function textTrajectory(run: SentimentRun, words: readonly string[], {layer = 0, state = "h" as StateKind} = {}): Result<TextTrajectory> {
  if (!(layer >= 0 && layer < run.layers.length)) return fail(`The network has ${run.layers.length} layer(s); there is no layer ${layer + 1}.`);
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
