// Exercises for the text-trajectories page: the sentiment read-out of a last hidden state, with
// sentiment-steps.ts's readoutScore and text-trajectory.ts's readoutPushes.

import {readoutScore} from "../rnn/sentiment-steps.js";
import {readoutPushes} from "../rnn/text-trajectory.js";
import {given} from "./given.js";
import {format, pick, type Exercise} from "./question.js";

const fixed = (x: number, d: number) => x.toFixed(d).replace(/^-/, "−");
const signed = (x: number) => (x < 0 ? `(${format(x)})` : format(x));

interface Readout {
  h: number[];
  /** w_positive − w_negative per unit, and b_positive − b_negative. */
  w: number[];
  bias: number;
}

function readout(seed: number): Readout {
  return given(seed, {h: [0.5, -0.8, 0.2], w: [2, 1.5, -1], bias: 0.1}, (r) => ({
    h: [pick(r, -9, 9) / 10, pick(r, -9, 9) / 10, pick(r, -9, 9) / 10],
    w: [pick(r, -6, 6) / 2, pick(r, -6, 6) / 2, pick(r, -6, 6) / 2],
    bias: pick(r, -5, 5) / 10
  }));
}
/** A read-out in the network's own form: kernel [units, 2] (negative, positive), bias [2]. */
const weightsOf = ({w, bias}: Readout) => ({kernel: w.map((x) => [0, x]), bias: Float32Array.of(0, bias)});
const describeReadout = ({h, w, bias}: Readout) =>
  `h = (${h.map(format).join(", ")}); each unit's read-out weight towards positive (w_pos − w_neg) is ${w.map(format).join(", ")}, and the bias difference is ${format(bias)}`;

/** Text trajectories: the score from the last state, σ(Σ h·w + b). */
export const readoutScoreExercise: Exercise = {
  id: "readout-score",
  title: "the score from the last state",
  make(seed) {
    const ro = readout(seed);
    const score = readoutScore(ro.h, weightsOf(ro));
    const value = Math.round(score * 100) / 100;
    const z = ro.h.reduce((s, x, k) => s + x * ro.w[k], ro.bias);
    return {
      prompt: `A three-unit sentiment LSTM ends a review with ${describeReadout(ro)}. What score (probability of positive) does the softmax read-out give? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `With two classes the softmax is σ of the difference of the logits: σ(${ro.h.map((x, k) => `${signed(x)}·${signed(ro.w[k])}`).join(" + ")} + ${signed(ro.bias)}) = σ(${fixed(z, 2)}) = ${fixed(score, 4)}. A word moves the score only by moving h.`
    };
  }
};

/** Text trajectories: which unit pushes the score hardest. */
export const biggestPushExercise: Exercise = {
  id: "biggest-push",
  title: "which unit pushes hardest",
  make(seed) {
    const ro = readout(seed);
    const {units} = readoutPushes(ro.h, weightsOf(ro));
    const choices = ro.h.map((_, k) => `unit ${k + 1}`);
    const top = units[0];
    return {
      prompt: `The same kind of read-out: ${describeReadout(ro)}. Which unit pushes the score's logit furthest (towards positive or negative)?`,
      answer: {kind: "choice", choices, value: `unit ${top.unit}`},
      explain: `Each unit pushes by h·w: ${[...units]
        .sort((x, y) => x.unit - y.unit)
        .map((u) => `unit ${u.unit} ${signed(u.h)}·${signed(u.weight)} = ${fixed(u.push, 2)}`)
        .join(
          ", "
        )}. Unit ${top.unit} pushes furthest${top.push < 0 ? ", towards negative" : ", towards positive"}: neither the largest state nor the largest weight alone decides, their product does.${Math.abs(units[1].push) === Math.abs(top.push) ? " (A tie: the first is named.)" : ""}`
    };
  }
};
