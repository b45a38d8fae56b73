// The forecasting page's pictures: the error table, forecasts against the truth over the
// held-out period, and one window as the lecture draws sequence to sequence (a forecast after
// every day of the window, the last one for tomorrow).
import * as Plot from "@observablehq/plot";
import type {WindowPoint} from "../../lib/rnn/forecast-evaluation.js";
import type {ErrorRow} from "../../lib/rnn/forecast-series.js";
import {numberTable} from "../../ui/tables.js";

export const FORECASTERS = ["RNN", "naive", "AR"] as const;
const LABELS: Record<string, string> = {RNN: "RNN", naive: "naive (tomorrow = today)", AR: "autoregression"};
const COLOURS = ["currentColor", "#e45756", "#4c78a8", "#f58518"];

/** The forecaster with the lowest MAE. */
export function bestByMae(rows: readonly ErrorRow[]): ErrorRow {
  return rows.reduce((best, row) => (row.mae < best.mae ? row : best));
}

/** MAE and RMSE per forecaster, with each MAE relative to the naive one; the best row marked. */
export function errorTable(rows: readonly ErrorRow[], {unit, digits = 2}: {unit: string; digits?: number}): HTMLElement {
  const naive = rows.find((r) => r.model === "naive");
  const best = bestByMae(rows);
  const f = (v: number) => v.toFixed(digits);
  return numberTable(
    rows.map((r) => [
      LABELS[r.model] ?? r.model,
      f(r.mae),
      f(r.rmse),
      !naive || r === naive ? "—" : `${r.mae <= naive.mae ? "−" : "+"}${Math.abs(100 * (r.mae / naive.mae - 1)).toFixed(1)}%`,
      r === best ? "best" : ""
    ]),
    {
      columns: ["forecaster", `MAE (${unit})`, `RMSE (${unit})`, "MAE vs naive", ""],
      highlight: rows.indexOf(best),
      className: "error-table"
    }
  );
}

export interface ForecastPoint {
  date: Date;
  value: number;
  series: string;
}

/** Long-format rows for days [from, to) of the test period: the truth and each forecaster. */
export function forecastPoints(
  {dates, truth, forecasts}: {dates: readonly string[]; truth: readonly number[]; forecasts: Record<string, ArrayLike<number>>},
  from: number,
  to: number,
  shown: readonly string[] = FORECASTERS
): ForecastPoint[] {
  const points: ForecastPoint[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, dates.length); i++) {
    const date = new Date(dates[i]);
    points.push({date, value: truth[i], series: "truth"});
    for (const name of shown) points.push({date, value: forecasts[name][i], series: name});
  }
  return points;
}

export function forecastChart(points: readonly ForecastPoint[], {width = 640, unit = "", ariaLabel = "Forecasts against the truth"} = {}) {
  return Plot.plot({
    width,
    height: 300,
    ariaLabel,
    x: {type: "utc", label: null},
    y: {label: unit, grid: true, nice: true},
    color: {legend: true, domain: ["truth", ...FORECASTERS], range: COLOURS},
    marks: [
      Plot.lineY(points, {x: "date", y: "value", stroke: "series", strokeWidth: (d: ForecastPoint) => (d.series === "truth" ? 2 : 1.2)}),
      Plot.tip(points, Plot.pointerX({x: "date", y: "value", stroke: "series", format: {x: (d: Date) => d.toISOString().slice(0, 10)}}))
    ]
  });
}

/** One window: the truth over the input days, and a forecast after every input day. */
export function windowChart(
  points: readonly WindowPoint[],
  {width = 640, unit = "", ariaLabel = "One window: forecasts after every day"} = {}
) {
  const inside = points.filter((p) => !p.tomorrow);
  const forecasts = points.filter((p) => Number.isFinite(p.forecast));
  const tomorrow = points.filter((p) => p.tomorrow);
  return Plot.plot({
    width,
    height: 260,
    ariaLabel,
    x: {type: "utc", label: null},
    y: {label: unit, grid: true, nice: true},
    color: {
      legend: true,
      domain: ["truth (input days)", "RNN forecast of that day", "tomorrow"],
      range: ["currentColor", COLOURS[1], "var(--theme-foreground-focus)"]
    },
    marks: [
      Plot.lineY(inside, {x: "date", y: "truth", stroke: () => "truth (input days)", strokeWidth: 1.5}),
      Plot.dot(
        forecasts.filter((p) => !p.tomorrow),
        {x: "date", y: "forecast", fill: () => "RNN forecast of that day", r: 2.5}
      ),
      Plot.dot(tomorrow, {x: "date", y: "forecast", stroke: () => "tomorrow", r: 6, strokeWidth: 2}),
      Plot.text(tomorrow, {x: "date", y: "forecast", text: () => "tomorrow", dy: -14, textAnchor: "end", fill: "currentColor"}),
      Plot.dot(
        tomorrow.filter((p) => Number.isFinite(p.truth)),
        {x: "date", y: "truth", fill: () => "truth (input days)", symbol: "diamond", r: 4}
      ),
      Plot.tip(
        forecasts,
        Plot.pointerX({
          x: "date",
          y: "forecast",
          title: (d: WindowPoint) =>
            `${d.date.toISOString().slice(0, 10)}${d.tomorrow ? " (tomorrow)" : ""}\nforecast ${d.forecast.toFixed(2)}\ntruth ${Number.isFinite(d.truth) ? d.truth.toFixed(2) : "not in the data"}`
        })
      )
    ]
  });
}
