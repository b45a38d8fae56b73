// The reader's own model on the assignment page (practical/assignment): the row they type into
// the results table, read from the text of its fields, and kept in the browser's localStorage so
// it is still there next time. Every value is checked when typed and again when read back.
import {fail, ok, parseWhole, readNumber, type Result} from "../core/result.js";

export interface StudentResult {
  name: string;
  /** Test accuracy in percent (0–100], as the reader typed it. */
  accuracy: number;
  parameters: number;
  /** Training time in seconds. */
  seconds: number;
}

/** The fields as typed. */
export type StudentFields = Record<keyof StudentResult, string>;

export const STORAGE_KEY = "workbook:practical/assignment:my-model";
export const LIMITS = {name: 60, parameters: 1e10, seconds: 1e6};

/** The row, or the first thing wrong with it, in words. */
export function readStudentResult(fields: Partial<StudentFields>): Result<StudentResult> {
  const name = String(fields.name ?? "").trim();
  if (name === "") return fail("Give your model a name.");
  if (name.length > LIMITS.name) return fail(`The name has ${name.length} characters; keep it to ${LIMITS.name}.`);
  const accuracy = readNumber("Test accuracy", String(fields.accuracy ?? "").replace(/%\s*$/, ""));
  if (!accuracy.ok) return accuracy;
  const a = accuracy.value;
  if (a < 0) return fail(`Test accuracy cannot be negative (got ${a}).`);
  if (a > 100) return fail(`Test accuracy is a percentage, at most 100 (got ${a}).`);
  // A fraction (0.99) typed for a percentage (99) would land at the bottom of the chart.
  if (a <= 1) return fail(`Test accuracy is a percentage: type 99.1 for 0.991 (got ${a}).`);
  const parameters = parseWhole("Parameters", fields.parameters, {min: 1, max: LIMITS.parameters});
  if (!parameters.ok) return parameters;
  const seconds = readNumber("Training time", fields.seconds);
  if (!seconds.ok) return seconds;
  if (!(seconds.value > 0)) return fail(`Training time must be above 0 seconds (got ${seconds.value}).`);
  if (seconds.value > LIMITS.seconds)
    return fail(
      `Training time can be at most ${LIMITS.seconds.toLocaleString("en")} seconds here (got ${seconds.value.toLocaleString("en")}).`
    );
  return ok({name, accuracy: a, parameters: parameters.value, seconds: seconds.value});
}

/** The saved row (null when none), or why it cannot be read. A browser that blocks storage has none. */
export function loadStudentResult(storage: Pick<Storage, "getItem"> | null): Result<StudentResult | null> {
  let text: string | null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return ok(null);
  }
  if (text === null) return ok(null);
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return fail("The row saved in this browser is not readable; reset it and type it again.");
  }
  const fields = saved && typeof saved === "object" ? (saved as Record<string, unknown>) : {};
  const read = readStudentResult(
    Object.fromEntries(["name", "accuracy", "parameters", "seconds"].map((k) => [k, String(fields[k] ?? "")]))
  );
  return read.ok ? read : fail(`The row saved in this browser is not valid (${read.message}); reset it and type it again.`);
}

/** Keep the row; false when the browser refuses (private mode, storage full or disabled). */
export function saveStudentResult(storage: Pick<Storage, "setItem"> | null, result: StudentResult): boolean {
  try {
    if (!storage) return false;
    storage.setItem(STORAGE_KEY, JSON.stringify(result));
    return true;
  } catch {
    return false;
  }
}

export function clearStudentResult(storage: Pick<Storage, "removeItem"> | null): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept, so nothing is left to clear.
  }
}
