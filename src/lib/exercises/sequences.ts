// Exercises for the sequence pages that work on data: forecasting (the naive forecast and the
// training windows, with forecast-series.ts) and character generation (temperature, with
// char-model.ts's own withTemperature).

import {withTemperature} from "../models/char-model.js";
import {forecastErrors, naiveForecasts, trainingWindows} from "../rnn/forecast-series.js";
import {given} from "./given.js";
import {format, pick, pickOne, type Exercise} from "./question.js";

/** Forecasting: the error of "tomorrow = today" on a short series. */
export const naiveErrorExercise: Exercise = {
  id: "naive-error",
  title: "the naive forecast's error",
  make(seed) {
    const values = given(seed, [12, 14, 13, 17, 16], (r) => {
      const out = [pick(r, 5, 25)];
      for (let k = 1; k < 5; k++) out.push(out[k - 1] + pick(r, -4, 4));
      return out;
    });
    const forecasts = naiveForecasts(values, 1, values.length);
    const {mae} = forecastErrors("naive", values.slice(1), forecasts);
    const value = Math.round(mae * 100) / 100;
    const errors = values.slice(1).map((v, k) => Math.abs(v - forecasts[k]));
    return {
      prompt: `Five days of a series: ${values.map(format).join(", ")}. The naive forecast predicts each day from the day before ("tomorrow = today"). What is its mean absolute error over days 2 to 5? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: format(value)},
      explain: `Forecasts ${Array.from(forecasts, format).join(", ")} against ${values.slice(1).map(format).join(", ")}: errors ${errors.map(format).join(", ")}, mean ${format(value)}. A model is only worth its training if it beats this.`
    };
  }
};

/** Forecasting: how many training windows a series gives. */
export const windowCountExercise: Exercise = {
  id: "window-count",
  title: "training windows",
  make(seed) {
    const {days, length} = given(seed, {days: 100, length: 30}, (r) => {
      const days = pickOne(r, [50, 100, 365, 1000]);
      return {
        days,
        length: pickOne(
          r,
          [7, 10, 30, 60].filter((l) => l < days)
        )
      };
    });
    const series = Float32Array.from({length: days}, (_, k) => Math.sin(k));
    const {count} = trainingWindows(series, 0, days, length);
    return {
      prompt: `A sequence-to-sequence forecaster trains on windows of ${length} days: inputs days s … s + ${length - 1}, targets one day later, s + 1 … s + ${length}. The training part of the series has ${days} days, and a window may start on any day. How many windows are there?`,
      answer: {kind: "number", value: count, shown: count.toLocaleString("en")},
      explain: `The last target day s + ${length} must still be inside the ${days} days (day ${days - 1} counting from 0), so s runs from 0 to ${days - length - 1}: ${count.toLocaleString("en")} windows, which overlap in all but one day.`
    };
  }
};

/** Character generation: what a temperature does to the most likely character. */
export const temperatureExercise: Exercise = {
  id: "temperature",
  title: "sampling temperature",
  make(seed) {
    const {p, t} = given(seed, {p: [0.6, 0.3, 0.1], t: 0.5}, (r) => {
      const a = pick(r, 40, 80);
      const b = pick(r, 5, 100 - a - 5);
      return {p: [a / 100, b / 100, (100 - a - b) / 100], t: pickOne(r, [0.25, 0.5, 0.8, 1.5, 2])};
    });
    const q = withTemperature(p, t);
    const value = Math.round(q[0] * 1000) / 10;
    return {
      prompt: `The model gives the next character the probabilities ${p.map(format).join(", ")}. At temperature T = ${t}, each is raised to the power 1/T and renormalised. What probability does the first character get, in percent? (One decimal.)`,
      answer: {kind: "number", value, tolerance: 0.1, shown: `${value.toFixed(1)}%`},
      explain: `p^(1/${t}) = ${p.map((x) => (x ** (1 / t)).toFixed(4)).join(", ")}, divided by their sum: ${Array.from(q, (x) => `${(100 * x).toFixed(1)}%`).join(", ")}. ${t < 1 ? "Below 1 the likely character gets likelier: safer, more repetitive text." : "Above 1 the distribution flattens: more surprising, more misspelt text."}`
    };
  }
};

/** Character generation: which way a temperature pushes a rare character. */
export const rareCharacterExercise: Exercise = {
  id: "rare-character",
  title: "a rare character and the temperature",
  make(seed) {
    const {p, t} = given(seed, {p: [0.7, 0.25, 0.05], t: 2}, (r) => {
      const a = pick(r, 50, 85);
      // The rarest stays third: c at most half of what a leaves.
      const c = pick(r, 1, Math.min(10, Math.floor((100 - a) / 2)));
      return {p: [a / 100, (100 - a - c) / 100, c / 100], t: pickOne(r, [0.3, 0.5, 1.5, 2, 3])};
    });
    const q = withTemperature(p, t);
    const choices = ["more likely", "less likely", "unchanged"];
    const value = Math.abs(q[2] - p[2]) < 1e-9 ? choices[2] : q[2] > p[2] ? choices[0] : choices[1];
    return {
      prompt: `Probabilities ${p.map(format).join(", ")} for three characters. Sampling at temperature T = ${t}, does the rarest character (p = ${format(p[2])}) become more or less likely?`,
      answer: {kind: "choice", choices, value},
      explain: `At T = ${t} the three become ${Array.from(q, (x) => `${(100 * x).toFixed(1)}%`).join(", ")}: the rare one goes from ${(100 * p[2]).toFixed(1)}% to ${(100 * q[2]).toFixed(1)}%. A high temperature lifts rare characters, a low one starves them.`
    };
  }
};

export const SEQUENCE_EXERCISES = {
  "rnn/forecasting": [naiveErrorExercise, windowCountExercise],
  "rnn/char-generation": [temperatureExercise, rareCharacterExercise]
} as const;
