// The typed CSV reader against hand-made files: good ones, and each way a file can be corrupt
// (every message names the file and the line); then the real vega-datasets files.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {CsvError, isIsoDate, parseCsv, readSeattleHighs, readSp500Closes} from "../../../../src/data/lib/datasets/series-csv.js";
import {readForecastSeries, vegaDataDir} from "../../../../src/data/lib/datasets/forecasting-data.js";

const SP500_GOOD = `date,open,high,low,close,adjclose,volume
2000-01-03,1469.250000,1478.000000,1438.359985,1455.219971,1455.219971,931800000
2000-01-04,1455.219971,1455.219971,1397.430054,1399.420044,1399.420044,1009000000
2000-01-05,1399.420044,1413.270020,1377.680054,1402.109985,1402.109985,1085500000
`;

const SEATTLE_GOOD =
  "date,precipitation,temp_max,temp_min,wind,weather\r\n2012-01-01,0.0,12.8,5.0,4.7,drizzle\r\n2012-01-02,10.9,10.6,2.8,4.5,rain\r\n2012-01-03,0.8,-1.5,7.2,2.3,rain";

/** The good S&P file with line `line` (1 = header) replaced. */
function corruptSp500(line: number, text: string): string {
  const lines = SP500_GOOD.split("\n");
  lines[line - 1] = text;
  return lines.join("\n");
}

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return (error as Error).message;
  }
  throw new Error("expected the reader to refuse the file");
}

describe("parseCsv and the two series readers", () => {
  test("reads the hand-made S&P file: dates and closes", () => {
    expect(readSp500Closes(SP500_GOOD, "fixture.csv")).toEqual({
      dates: ["2000-01-03", "2000-01-04", "2000-01-05"],
      values: [1455.219971, 1399.420044, 1402.109985]
    });
  });

  test("reads the hand-made Seattle file: CRLF, no final newline, a negative temperature", () => {
    expect(readSeattleHighs(SEATTLE_GOOD, "fixture.csv")).toEqual({
      dates: ["2012-01-01", "2012-01-02", "2012-01-03"],
      values: [12.8, 10.6, -1.5]
    });
  });

  test("types every column of a schema, text included", () => {
    const rows = parseCsv(SEATTLE_GOOD, "fixture.csv", {date: "date", wind: "number", weather: "text"});
    expect(rows[1]).toEqual({date: "2012-01-02", wind: 4.5, weather: "rain"});
  });

  test.each([
    ["a missing field", 3, "2000-01-04,1455.2,1455.2,1397.4,1399.4,1399.4", /^bad\.csv line 3: expected 7 fields, found 6$/],
    ["an extra field", 2, "2000-01-03,1,1,1,1455.2,1,1,9", /^bad\.csv line 2: expected 7 fields, found 8$/],
    ["a non-numeric close", 4, "2000-01-05,1,1,1,n/a,1,1", /^bad\.csv line 4: column "close": "n\/a" is not a number$/],
    ["an empty close", 3, "2000-01-04,1,1,1,,1,1", /^bad\.csv line 3: column "close" is empty$/],
    ["an impossible date", 3, "2000-02-30,1,1,1,1400,1,1", /^bad\.csv line 3: column "date": "2000-02-30" is not a date/],
    ["a date in another format", 2, "01/03/2000,1,1,1,1400,1,1", /^bad\.csv line 2: column "date": "01\/03\/2000" is not a date/],
    ["a repeated date", 4, "2000-01-04,1,1,1,1400,1,1", /^bad\.csv line 4: date 2000-01-04 is not after 2000-01-04 on line 3$/],
    ["dates out of order", 4, "2000-01-01,1,1,1,1400,1,1", /^bad\.csv line 4: date 2000-01-01 is not after 2000-01-04/],
    ["a zero close (no log return)", 3, "2000-01-04,1,1,1,0,1,1", /^bad\.csv line 3: column "close" must be positive/],
    ["a quoted field", 3, '2000-01-04,1,1,1,"1,399.4",1,1', /^bad\.csv line 3: quoted fields are not supported/],
    ["an empty line in the middle", 3, "", /^bad\.csv line 3: empty line$/],
    ["a header without close", 1, "date,open,high,low,price,adjclose,volume", /^bad\.csv line 1: the header has no column "close"/],
    ["a repeated header name", 1, "date,close,high,low,close,adjclose,volume", /^bad\.csv line 1: the header names column "close" twice$/]
  ])("refuses %s with the file and line", (_, line, text, expected) => {
    expect(errorOf(() => readSp500Closes(corruptSp500(line, text), "bad.csv"))).toMatch(expected);
  });

  test("refuses an empty file and a header alone", () => {
    expect(errorOf(() => readSp500Closes("", "empty.csv"))).toBe("empty.csv line 1: the file is empty (expected a header line)");
    expect(errorOf(() => readSeattleHighs("date,temp_max\n", "header.csv"))).toBe("header.csv line 2: no data rows after the header");
  });

  test("isIsoDate knows the calendar", () => {
    expect(["2012-02-29", "2000-02-29", "2015-12-31"].every(isIsoDate)).toBe(true);
    expect(["2013-02-29", "1900-02-29", "2015-13-01", "2015-1-01", " 2015-01-01"].some(isIsoDate)).toBe(false);
  });
});

describe("the real vega-datasets files", () => {
  const data = vegaDataDir();

  test("sp500-2000.csv: 5,105 trading days from 2000-01-03 to 2020-04-17", () => {
    const sp = readSp500Closes(readFileSync(join(data, "sp500-2000.csv"), "utf8"));
    expect(sp.dates.length).toBe(5105);
    expect([sp.dates[0], sp.dates.at(-1)]).toEqual(["2000-01-03", "2020-04-17"]);
    expect(sp.values.at(-1)).toBeCloseTo(2874.560059, 6);
  });

  test("seattle-weather.csv: every day of 2012–2015", () => {
    const seattle = readSeattleHighs(readFileSync(join(data, "seattle-weather.csv"), "utf8"));
    expect(seattle.dates.length).toBe(1461);
    expect([seattle.dates[0], seattle.dates.at(-1)]).toEqual(["2012-01-01", "2015-12-31"]);
  });

  test("the split is chronological: every training day before every test day", () => {
    for (const series of readForecastSeries()) {
      expect(series.dates[series.testStart - 1] < series.dates[series.testStart]).toBe(true);
      expect(series.dates[series.testStart]).toBe(series.id === "sp500" ? "2016-01-04" : "2015-01-01");
    }
  });
});
