// The forecasting page's series and what every forecaster sees of them, shared by the loader
// (which trains the RNN) and the page (which evaluates it for the window the reader picks), so
// both transform, split and scale the data in exactly the same way.
//
// A price series is modelled through its daily log returns r_i = ln(p_i / p_{i−1}), a level series
// (temperature) as it is. Either way the model sees z_i = (transformed_i − mean) / std, with mean
// and std from the training days only, and a forecast of z_i turns back into a level with the
// previous day's true level: one-step-ahead forecasts, as in the lecture's "tomorrow".
import {fail, ok, type Result} from "../core/result.js";

export type SeriesKind = "price" | "level";

export interface ForecastSeries {
  id: string;
  name: string;
  /** What a value is, for axes and tables: "index points", "°C". */
  unit: string;
  kind: SeriesKind;
  dates: string[];
  values: number[];
  /** Index of the first test day: days before it are training, from it on test. */
  testStart: number;
  /** Where the data come from, for the page. */
  source: string;
}

export interface Scaling {
  mean: number;
  std: number;
}

/** The first index with a transformed value: returns need the day before. */
export function firstUsable(kind: SeriesKind): number {
  return kind === "price" ? 1 : 0;
}

/** Log returns (NaN at index 0) or the levels themselves. */
export function transformed(series: Pick<ForecastSeries, "kind" | "values">): Float64Array {
  const {kind, values} = series;
  return Float64Array.from(values, (v, i) => (kind === "level" ? v : i === 0 ? NaN : Math.log(v / values[i - 1])));
}

/** Mean and standard deviation of the transformed training days (indices before testStart). */
export function trainingScaling(t: ArrayLike<number>, from: number, testStart: number): Scaling {
  let sum = 0;
  let sq = 0;
  const n = testStart - from;
  for (let i = from; i < testStart; i++) sum += t[i];
  const mean = sum / n;
  for (let i = from; i < testStart; i++) sq += (t[i] - mean) ** 2;
  return {mean, std: Math.sqrt(sq / n) || 1};
}

/** The model's inputs z (NaN where the transform has no value). */
export function scaled(t: ArrayLike<number>, {mean, std}: Scaling): Float32Array {
  return Float32Array.from(t, (v) => (v - mean) / std);
}

/** A forecast of z_i back to a level, given the true level the day before. */
export function toLevel(kind: SeriesKind, zHat: number, {mean, std}: Scaling, previous: number): number {
  const t = zHat * std + mean;
  return kind === "level" ? t : previous * Math.exp(t);
}

/** The index of the first date on or after `date`, or −1. */
export function indexOfDate(dates: readonly string[], date: string): number {
  return dates.findIndex((d) => d >= date);
}

/**
 * Checks a window length N against the series: N whole, at least 1, at most `max`, and not
 * longer than the days available before `end` (exclusive: the forecast is of day `end`, the
 * window's last day is end − 1).
 */
export function checkWindow(
  series: Pick<ForecastSeries, "kind" | "dates" | "name">,
  n: unknown,
  end: number,
  {max = Infinity} = {}
): Result<number> {
  if (typeof n !== "number" || !Number.isFinite(n)) return fail(`The window N must be a number of days.`);
  if (!Number.isInteger(n) || n < 1) return fail(`The window N must be a whole number of days, at least 1 (got ${n}).`);
  if (n > max) return fail(`The window N can be at most ${max} days here (got ${n}).`);
  const available = end - firstUsable(series.kind);
  if (n > available) {
    const first = series.dates[firstUsable(series.kind)];
    const last = series.dates[end - 1] ?? "that day";
    return fail(
      `N = ${n} days is longer than the series up to ${last}: ${series.name} has only ${Math.max(0, available)} usable day${available === 1 ? "" : "s"} from ${first} to ${last}.`
    );
  }
  return ok(n);
}

export interface ErrorRow {
  model: string;
  mae: number;
  rmse: number;
  /** Days scored. */
  count: number;
}

/** Mean absolute and root-mean-square error of forecasts against the truth. */
export function forecastErrors(model: string, truth: ArrayLike<number>, forecast: ArrayLike<number>): ErrorRow {
  if (truth.length !== forecast.length) throw new Error(`${model}: ${forecast.length} forecasts for ${truth.length} days`);
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < truth.length; i++) {
    const e = forecast[i] - truth[i];
    abs += Math.abs(e);
    sq += e * e;
  }
  return {model, mae: abs / truth.length, rmse: Math.sqrt(sq / truth.length), count: truth.length};
}

/** The naive forecast: tomorrow = today, for the days [from, to). */
export function naiveForecasts(values: ArrayLike<number>, from: number, to: number): Float64Array {
  return Float64Array.from({length: to - from}, (_, k) => values[from + k - 1]);
}

/**
 * Training windows for a sequence-to-sequence model: inputs z[s..s+W−1], targets z[s+1..s+W]
 * (each step predicts the next day), with every target before testStart. Starts every `stride`.
 */
export function trainingWindows(
  z: ArrayLike<number>,
  from: number,
  testStart: number,
  length: number,
  stride = 1
): {inputs: Float32Array; targets: Float32Array; count: number} {
  const starts: number[] = [];
  for (let s = from; s + length < testStart; s += stride) starts.push(s);
  const inputs = new Float32Array(starts.length * length);
  const targets = new Float32Array(starts.length * length);
  starts.forEach((s, w) => {
    for (let k = 0; k < length; k++) {
      inputs[w * length + k] = z[s + k];
      targets[w * length + k] = z[s + k + 1];
    }
  });
  return {inputs, targets, count: starts.length};
}

/** The windows of N days before each target day in [from, to): z[i−N..i−1], flat, N per target. */
export function forecastWindows(z: ArrayLike<number>, from: number, to: number, n: number): Float32Array {
  const out = new Float32Array((to - from) * n);
  for (let i = from; i < to; i++) for (let k = 0; k < n; k++) out[(i - from) * n + k] = z[i - n + k];
  return out;
}
