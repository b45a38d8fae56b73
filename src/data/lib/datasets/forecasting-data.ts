// The two real daily series of the forecasting page, read from the installed vega-datasets
// package and split by date: a fixed, chronological split (train on the past, test on the
// future), never a random one, so no day of the test period leaks into training.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {indexOfDate, type ForecastSeries} from "../../../lib/rnn/forecast-series.js";
import {readSeattleHighs, readSp500Closes, type DailySeries} from "./series-csv.js";

/** vega-datasets exports only its JavaScript entry, so its data folder is found beside it. */
export function vegaDataDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..", "data");
}

export const SPLITS = {
  /** S&P 500: train 2000–2015, test 2016 to the end of the file (April 2020, the Covid crash included). */
  sp500: "2016-01-01",
  /** Seattle: train 2012–2014, test 2015. */
  seattle: "2015-01-01"
} as const;

function withSplit(daily: DailySeries, testFrom: string, file: string): {dates: string[]; values: number[]; testStart: number} {
  const testStart = indexOfDate(daily.dates, testFrom);
  if (testStart <= 0) throw new Error(`${file}: no training days before ${testFrom} or no test days after it`);
  return {...daily, testStart};
}

export function readForecastSeries(dir = vegaDataDir()): ForecastSeries[] {
  const sp = withSplit(readSp500Closes(readFileSync(join(dir, "sp500-2000.csv"), "utf8")), SPLITS.sp500, "sp500-2000.csv");
  const seattle = withSplit(
    readSeattleHighs(readFileSync(join(dir, "seattle-weather.csv"), "utf8")),
    SPLITS.seattle,
    "seattle-weather.csv"
  );
  return [
    {id: "sp500", name: "S&P 500", unit: "index points", kind: "price", ...sp, source: "daily closes, vega-datasets data/sp500-2000.csv"},
    {
      id: "seattle",
      name: "Seattle daily high",
      unit: "°C",
      kind: "level",
      ...seattle,
      source: "daily maximum temperature, vega-datasets data/seattle-weather.csv"
    }
  ];
}
