// Shared by the conv, pool and receptive-field tests: seeded arrays and the comparison metric.
import type {Filters, Image} from "../../src/lib/cnn/conv.js";
import type {Result} from "../../src/lib/core/result.js";

export type Random = () => number;

/** Uniform in [−1, 1): keeps sums small, so float32 rounding stays far below the 1e-5 bar. */
export function randomArray(random: Random, n: number): Float32Array {
  return Float32Array.from({length: n}, () => 2 * random() - 1);
}

export function randomImage(random: Random, h: number, w: number, c: number): Image {
  return {shape: [h, w, c], data: randomArray(random, h * w * c)};
}

export function randomFilters(random: Random, kh: number, kw: number, cin: number, cout: number): Filters {
  return {shape: [kh, kw, cin, cout], data: randomArray(random, kh * kw * cin * cout)};
}

export function randomInt(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** The value of an ok Result, or fail the test with its message. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.value;
}

/** The message of a failed Result: a readable sentence, never a stray NaN or undefined. */
export function message<T>(result: Result<T>): string {
  if (result.ok) throw new Error(`expected a message, got a value: ${JSON.stringify(result.value)}`);
  if (typeof result.message !== "string" || result.message.length < 10) throw new Error(`weak message: ${result.message}`);
  if (/undefined|\[object/.test(result.message)) throw new Error(`garbled message: ${result.message}`);
  return result.message;
}
