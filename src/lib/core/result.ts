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
