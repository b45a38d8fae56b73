// Keeping the last good output on screen while the reader's input is wrong: a page passes every
// new Result through a keeper made once, and shows the message beside the kept value (with
// statusMessage from typed-fields.ts).
import type {Result} from "./result.js";

export interface Kept<T> {
  /** The latest good value; undefined only if nothing valid has come yet. */
  readonly value: T | undefined;
  /** Why the latest input was refused, or null when it is the one shown. */
  readonly message: string | null;
}

/** Make the keeper in a cell of its own (one that never reruns), use it in the cells that do. */
export function keepLastGood<T>(): (result: Result<T>) => Kept<T> {
  let value: T | undefined;
  return (result) => {
    if (result.ok) value = result.value;
    return {value, message: result.ok ? null : result.message};
  };
}
