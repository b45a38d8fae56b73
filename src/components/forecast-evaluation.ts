// Scoring forecasters on the held-out period: the RNN, the naive forecast (tomorrow = today) and
// a linear autoregression on the same N days, each turned back into the series' unit and
// compared with the truth on every test day. The loader runs it for its training window, the
// page for the N the reader picks.
import type {LayersModel} from "@tensorflow/tfjs";
import {fitAutoregression, predictAutoregression} from "./autoregression.js";
import {lastStepForecasts} from "./forecast-model.js";
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
import {ok, type Result} from "./result.js";
import type {TF} from "./tf-types.js";

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

export function testForecasts(tf: TF, model: LayersModel, series: ForecastSeries, scaling: Scaling, n: number, {maxWindow = Infinity} = {}): Result<TestForecasts> {
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
  const toLevels = (zHat: (k: number) => number) => Float64Array.from(truth, (_, k) => toLevel(kind, zHat(k), scaling, values[testStart + k - 1]));
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
