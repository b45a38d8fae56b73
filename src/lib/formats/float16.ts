// IEEE 754 half precision (binary16): 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
// Weights shipped as float16 take half the bytes of float32; tfjs reads them back the same way
// (a weights-manifest entry with quantization {dtype: "float16"}), and so do the plain-JavaScript
// readers (model-files.ts). Every float16 is exactly a float32, so decoding loses nothing.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

/**
 * The float16 bit pattern nearest to a number (taken as float32 first), ties to even; beyond
 * ±65504 (after rounding) it is ±Infinity, NaN stays NaN.
 */
export function float16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e >= 1) return sign | roundShift((e << 23) | mantissa, 13);
  // Subnormal (or zero): the float16 mantissa counts units of 2^-24.
  const shift = 14 - e;
  if (shift > 24) return sign;
  return sign | roundShift(0x800000 | mantissa, shift);
}

// bits >> shift, rounded to nearest, ties to even; a carry runs into the exponent, as it should
// (1023.5 units become the smallest normal; the largest normal rounds up to Infinity).
function roundShift(bits: number, shift: number): number {
  const kept = bits >>> shift;
  const rest = bits & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && kept & 1) ? kept + 1 : kept;
}

/** The number a float16 bit pattern stands for. */
export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Numbers as float16, two little-endian bytes each (the byte order tfjs reads). */
export function encodeFloat16(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(2 * values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(2 * i, float16Bits(values[i]), true);
  return bytes;
}

/** Little-endian float16 bytes back to float32 (exact). */
export function decodeFloat16(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 2) throw new Error(`float16 data has an odd number of bytes (${bytes.byteLength})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = float16Value(view.getUint16(2 * i, true));
  return out;
}
