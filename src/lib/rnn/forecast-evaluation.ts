// Scoring forecasters on the held-out period: the RNN, the naive forecast (tomorrow = today) and
// a linear autoregression on the same N days, each turned back into the series' unit and
// compared with the truth on every test day. The loader runs it for its training window, the
// page for the N the reader picks.
import type {LayersModel} from "@tensorflow/tfjs";
import {fitAutoregression, predictAutoregression} from "../models/autoregression.js";
import {lastStepForecasts, sequenceForecasts} from "../models/forecast-model.js";
import {
  checkWindow,
  firstUsable,
  forecastErrors,
  forecastWindows,
  naiveForecasts,
  scaled,
  toLevel,
  transformed,
  type ErrorRow,
  type ForecastSeries,
  type Scaling
} from "./forecast-series.js";
import {ok, type Result} from "../core/result.js";
import type {TF} from "../core/tf-types.js";

export interface TestForecasts {
  n: number;
  dates: string[];
  truth: number[];
  /** One forecast per test day, per forecaster, in the series' unit. */
  forecasts: {RNN: Float64Array; naive: Float64Array; AR: Float64Array};
  errors: ErrorRow[];
  /** Milliseconds the RNN took for all test windows (inference latency). */
  rnnMilliseconds: number;
}

export function testForecasts(
  tf: TF,
  model: LayersModel,
  series: ForecastSeries,
  scaling: Scaling,
  n: number,
  {maxWindow = Infinity} = {}
): Result<TestForecasts> {
  const {testStart, values, kind, dates} = series;
  const window = checkWindow(series, n, testStart, {max: maxWindow});
  if (!window.ok) return window;
  const from = firstUsable(kind);
  const z = scaled(transformed(series), scaling);
  const end = values.length;
  const truth = values.slice(testStart);
  const ar = fitAutoregression(z, n, {from, to: testStart});
  if (!ar.ok) return ar;
  const started = performance.now();
  const rnnZ = lastStepForecasts(tf, model, forecastWindows(z, testStart, end, n), end - testStart, n);
  const rnnMilliseconds = performance.now() - started;
  const toLevels = (zHat: (k: number) => number) =>
    Float64Array.from(truth, (_, k) => toLevel(kind, zHat(k), scaling, values[testStart + k - 1]));
  const forecasts = {
    RNN: toLevels((k) => rnnZ[k]),
    naive: naiveForecasts(values, testStart, end),
    AR: toLevels((k) => predictAutoregression(ar.value, z, testStart + k))
  };
  return ok({
    n,
    dates: dates.slice(testStart),
    truth,
    forecasts,
    errors: (["RNN", "naive", "AR"] as const).map((name) => forecastErrors(name, truth, forecasts[name])),
    rnnMilliseconds
  });
}

export interface WindowPoint {
  date: Date;
  /** The true value that day (NaN past the end of the data). */
  truth: number;
  /** The RNN's forecast for that day from the days before it in the window, or NaN. */
  forecast: number;
  /** True for the day after the window: "tomorrow". */
  tomorrow: boolean;
}

/**
 * The lecture's sequence to sequence on one window: the N days ending at `end` go in, and after
 * every day the RNN forecasts the next one, the last forecast being for the day after `end`.
 */
export function windowForecast(
  tf: TF,
  model: LayersModel,
  series: ForecastSeries,
  scaling: Scaling,
  n: number,
  end: number,
  {maxWindow = Infinity} = {}
): Result<WindowPoint[]> {
  const {values, dates, kind} = series;
  const window = checkWindow(series, n, end + 1, {max: maxWindow});
  if (!window.ok) return window;
  const z = scaled(transformed(series), scaling);
  const start = end - n + 1;
  const outputs = sequenceForecasts(tf, model, z.subarray(start, end + 1));
  const points: WindowPoint[] = [];
  for (let i = start; i <= end + 1; i++) {
    // Output k (after input day start + k) forecasts day start + k + 1.
    const k = i - start - 1;
    const date = i < dates.length ? new Date(dates[i]) : nextWeekday(new Date(dates[end]), kind);
    points.push({
      date,
      truth: i < values.length ? values[i] : NaN,
      forecast: k >= 0 ? toLevel(kind, outputs[k], scaling, values[i - 1]) : NaN,
      tomorrow: i === end + 1
    });
  }
  return ok(points);
}

/** The day after the data end: the next weekday for a trading series, else the next day. */
function nextWeekday(date: Date, kind: ForecastSeries["kind"]): Date {
  const next = new Date(date.getTime() + 86_400_000);
  if (kind === "price") while (next.getUTCDay() === 0 || next.getUTCDay() === 6) next.setTime(next.getTime() + 86_400_000);
  return next;
}
