// A small typed CSV reader for the daily series the forecasting loader ships (vega-datasets'
// sp500-2000.csv and seattle-weather.csv). It reads exactly what those files are, a header and
// unquoted comma-separated fields, and refuses anything else with a message naming the file and
// the line, so a changed or damaged file stops the build instead of training on garbage.

export type ColumnType = "date" | "number" | "text";
export type Schema = Record<string, ColumnType>;
export type RowOf<S extends Schema> = {[K in keyof S]: S[K] extends "number" ? number : string};

/** A failure to read a CSV: the message starts with "file line n:". */
export class CsvError extends Error {
  override name = "CsvError";
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 2015-02-30). */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Rows of `text` typed by `schema` (column name → type). The header must name every column of
 * the schema (others are ignored); every row needs as many fields as the header. Line numbers
 * count from 1 at the header, as an editor shows them.
 */
export function parseCsv<S extends Schema>(text: string, file: string, schema: S): RowOf<S>[] {
  const fail = (line: number, problem: string): never => {
    throw new CsvError(`${file} line ${line}: ${problem}`);
  };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0 || lines[0].trim() === "") fail(1, "the file is empty (expected a header line)");
  const header = lines[0].split(",").map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) fail(1, `the header names column "${name}" twice`);
    seen.add(name);
  }
  const columns = Object.entries(schema).map(([name, type]) => {
    const index = header.indexOf(name);
    if (index < 0) fail(1, `the header has no column "${name}" (it has ${header.join(", ")})`);
    return {name, type, index};
  });
  if (lines.length === 1) fail(2, "no data rows after the header");

  const rows: RowOf<S>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const text = lines[i];
    if (text.trim() === "") fail(line, "empty line");
    if (text.includes('"')) fail(line, "quoted fields are not supported in this file");
    const fields = text.split(",");
    if (fields.length !== header.length) fail(line, `expected ${header.length} fields, found ${fields.length}`);
    const row: Record<string, string | number> = {};
    for (const {name, type, index} of columns) {
      const raw = fields[index].trim();
      if (raw === "") fail(line, `column "${name}" is empty`);
      if (type === "number") {
        if (!NUMBER.test(raw)) fail(line, `column "${name}": "${raw}" is not a number`);
        row[name] = Number(raw);
      } else if (type === "date") {
        if (!isIsoDate(raw)) fail(line, `column "${name}": "${raw}" is not a date written YYYY-MM-DD`);
        row[name] = raw;
      } else {
        row[name] = raw;
      }
    }
    rows.push(row as RowOf<S>);
  }
  return rows;
}

/** A daily series: dates strictly increasing, one value per date. */
export interface DailySeries {
  dates: string[];
  values: number[];
}

/**
 * The `value` column of rows dated by `date`, checked in order: every date after the one before
 * it (trading days skip weekends, so gaps are allowed, repeats and reversals are not).
 */
export function dailySeries<S extends Schema>(
  rows: RowOf<S>[],
  file: string,
  {date, value, positive = false}: {date: keyof S & string; value: keyof S & string; positive?: boolean}
): DailySeries {
  const dates: string[] = [];
  const values: number[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const d = row[date] as string;
    const v = row[value] as number;
    if (dates.length && d <= dates[dates.length - 1]) {
      throw new CsvError(`${file} line ${line}: date ${d} is not after ${dates[dates.length - 1]} on line ${line - 1}`);
    }
    if (positive && !(v > 0)) throw new CsvError(`${file} line ${line}: column "${value}" must be positive for log returns (got ${v})`);
    dates.push(d);
    values.push(v);
  });
  return {dates, values};
}

export const SP500_SCHEMA = {date: "date", close: "number"} as const satisfies Schema;
export const SEATTLE_SCHEMA = {date: "date", temp_max: "number"} as const satisfies Schema;

/** Daily S&P 500 closes from vega-datasets' data/sp500-2000.csv. */
export function readSp500Closes(text: string, file = "sp500-2000.csv"): DailySeries {
  return dailySeries(parseCsv(text, file, SP500_SCHEMA), file, {date: "date", value: "close", positive: true});
}

/** Seattle's daily maximum temperature (°C) from vega-datasets' data/seattle-weather.csv. */
export function readSeattleHighs(text: string, file = "seattle-weather.csv"): DailySeries {
  return dailySeries(parseCsv(text, file, SEATTLE_SCHEMA), file, {date: "date", value: "temp_max"});
}
