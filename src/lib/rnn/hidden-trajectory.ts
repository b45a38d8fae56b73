// The forecasting RNN's hidden state through one window of a series, step by step with the
// trained weights (no tfjs), and its path projected on the two principal directions of the
// window's states.
import type {ForecastWeights} from "../models/forecast-model.js";
import {forecastSteps} from "../models/forecast-model.js";
import {checkWindow, scaled, toLevel, transformed, type ForecastSeries, type Scaling} from "./forecast-series.js";
import {pca, project, type Pca} from "../core/pca-2d.js";
import {ok, type Result} from "../core/result.js";

export interface TrajectoryPoint {
  step: number;
  date: string;
  pc1: number;
  pc2: number;
  /** The series' value that day (its unit), for the tip. */
  value: number;
}

export interface HiddenTrajectory {
  /** Index of the window's first day in the series. */
  start: number;
  dates: string[];
  /** The series' values over the window (its unit). */
  values: number[];
  /** What the network read each day: the scaled return or level. */
  inputs: Float32Array;
  /** h_t at every step. */
  h: Float32Array[];
  /** The read-out after every step: the scaled forecast for the next day. */
  outputs: Float32Array;
  /** Those forecasts in the series' unit (for the day after each step). */
  forecasts: number[];
  pca: Pca;
  points: TrajectoryPoint[];
}

/** The window of `length` days ending at index `end`. */
export function hiddenTrajectory(
  series: ForecastSeries,
  scaling: Scaling,
  weights: ForecastWeights,
  end: number,
  length: number,
  {maxWindow = Infinity} = {}
): Result<HiddenTrajectory> {
  const checked = checkWindow(series, length, end + 1, {max: maxWindow});
  if (!checked.ok) return checked;
  const start = end - length + 1;
  const inputs = scaled(transformed(series), scaling).slice(start, end + 1);
  const {h, output} = forecastSteps(inputs, weights);
  const fitted = pca(h, 2);
  if (!fitted.ok) return fitted;
  const dates = series.dates.slice(start, end + 1);
  const values = series.values.slice(start, end + 1);
  const points = h.map((state, step) => {
    const [pc1, pc2] = project(fitted.value, state);
    return {step, date: dates[step], pc1, pc2, value: values[step]};
  });
  const forecasts = Array.from(output, (zHat, step) => toLevel(series.kind, zHat, scaling, values[step]));
  return ok({start, dates, values, inputs, h, outputs: output, forecasts, pca: fitted.value, points});
}
