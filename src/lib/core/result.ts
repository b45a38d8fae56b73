// A value or a message. Explorable pages recompute on every keystroke; returning a message
// instead of throwing lets a page keep showing its last good output beside the complaint.

export type Result<T> = {ok: true; value: T} | {ok: false; message: string};

export function ok<T>(value: T): Result<T> {
  return {ok: true, value};
}

export function fail<T = never>(message: string): Result<T> {
  return {ok: false, message};
}

/** The value, or throw the message: for loaders and tests, where bad input is a bug. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/**
 * Null when `value` is an integer at least `min`, else a sentence naming the problem.
 * Why strings: callers collect the first problem and hand it to the reader verbatim.
 */
export function checkInteger(name: string, value: unknown, min: number): string | null {
  if (typeof value !== "number" || Number.isNaN(value)) return `${name} must be a number (got ${show(value)}).`;
  if (!Number.isFinite(value)) return `${name} must be finite (got ${show(value)}).`;
  if (!Number.isInteger(value)) return `${name} must be a whole number (got ${value}).`;
  if (value < min) {
    if (min === 1) return `${name} must be at least 1 (got ${value}).`;
    if (min === 0) return `${name} cannot be negative (got ${value}).`;
    return `${name} must be at least ${min} (got ${value}).`;
  }
  return null;
}

/** A short rendering of any input for messages ("" shows as empty, objects as their type). */
export function show(value: unknown): string {
  if (typeof value === "string") return value.trim() === "" ? "an empty cell" : JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  return typeof value;
}

/** A number as a reader types it ("3", " 1,000 ", "−2", "1e-3"), or why it is not one. */
export function readNumber(name: string, text: unknown): Result<number> {
  if (typeof text === "number") text = String(text);
  if (typeof text !== "string") return fail(`${name} is missing.`);
  const t = text.trim().replace(/\u2212/g, "-");
  if (t === "") return fail(`${name} is empty.`);
  // Thousands separators only where they are unambiguous: 1,000 and 10,000,000.
  const plain = /^[-+]?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, "") : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain)) return fail(`${name}: ${show(text)} is not a number.`);
  return ok(Number(plain));
}

/** A whole number as a reader types it ("3", " 1,000 ", "−2"), checked against [min, max]. */
export function parseWhole(name: string, text: unknown, {min = 0, max = Infinity} = {}): Result<number> {
  const read = readNumber(name, text);
  if (!read.ok) return read;
  const n = read.value;
  const problem = checkInteger(name, n, min);
  if (problem) return fail(problem);
  if (n > max) return fail(`${name} can be at most ${max.toLocaleString("en")} here (got ${n.toLocaleString("en")}).`);
  return ok(n);
}
