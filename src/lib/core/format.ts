// Numbers and subscripts written as the lecture writes them (a real minus sign, h₃), for every
// view that prints values: plain strings, no DOM.
import type {Vector} from "./matvec.js";

/** Unicode subscripts, so "h₃" and "x₋₁" read as in the lecture without markup. */
export function subscript(n: number | string): string {
  const map: Record<string, string> = {"-": "₋", "−": "₋", "+": "₊"};
  return String(n).replace(/[-−+\d]/g, (c) => map[c] ?? String.fromCharCode(0x2080 + Number(c)));
}

/** A number as the drawing shows it: three decimals, a real minus sign. */
export function formatValue(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  const s = Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toFixed(digits);
  return s.replace(/^-/, "−");
}

export function formatVector(v: Vector, digits = 3): string {
  return v.length === 1 ? formatValue(v[0], digits) : `[${Array.from(v, (x) => formatValue(x, digits)).join(", ")}]`;
}
