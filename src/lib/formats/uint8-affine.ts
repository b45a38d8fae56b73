// 8-bit affine quantisation, as tfjs reads it (a weights-manifest entry with quantization
// {dtype: "uint8", min, scale}): value = min + q · scale, q in 0..255, one min and scale for the
// whole tensor. A quarter of float32's bytes; each value within scale / 2 of the original.

export interface Uint8Affine {
  bytes: Uint8Array;
  min: number;
  scale: number;
}

/** The 256 evenly spaced levels from the smallest value to the largest, each value at its nearest. */
export function quantiseUint8(values: ArrayLike<number>): Uint8Affine {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    if (values.length === 0) return {bytes: new Uint8Array(0), min: 0, scale: 1};
    throw new Error("uint8 quantisation needs finite values");
  }
  // A constant tensor: every q is 0 and stands for min exactly.
  const scale = max > min ? (max - min) / 255 : 1;
  const bytes = Uint8Array.from({length: values.length}, (_, i) => Math.min(255, Math.round((values[i] - min) / scale)));
  return {bytes, min, scale};
}

/** Back to float32, computed as tfjs's decodeWeights computes it. */
export function dequantiseUint8({bytes, min, scale}: Uint8Affine): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] * scale + min;
  return out;
}
