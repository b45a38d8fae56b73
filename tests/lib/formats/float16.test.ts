// float16 against bit patterns worked by hand (sign | 5 exponent bits, bias 15 | 10 mantissa bits),
// rounding to nearest even at every boundary, and the round trip's error bound.
import {describe, expect, test} from "vitest";
import {seededRandom} from "../../../src/lib/core/random.js";
import {decodeFloat16, encodeFloat16, FLOAT16_MAX, float16Bits, float16Value} from "../../../src/lib/formats/float16.js";

const hex = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;

describe("float16Bits: hand-worked patterns", () => {
  test.each([
    [1, 0x3c00], // exponent 15 = 0b01111, mantissa 0
    [-2, 0xc000], // sign, exponent 16
    [0.5, 0x3800],
    [1.5, 0x3e00], // mantissa 0b1000000000
    [0.1, 0x2e66], // 0.0999755859375, the nearest float16
    [FLOAT16_MAX, 0x7bff], // exponent 30, mantissa all ones: (2 − 2^-10) · 2^15
    [65519, 0x7bff], // below the halfway point 65520
    [65520, 0x7c00], // halfway to 2^16: ties to even, and 0x7bff is odd, so Infinity
    [1e6, 0x7c00],
    [-1e6, 0xfc00],
    [2 ** -14, 0x0400], // the smallest normal
    [2 ** -24, 0x0001], // the smallest subnormal
    [1023 * 2 ** -24, 0x03ff], // the largest subnormal
    [1023.5 * 2 ** -24, 0x0400], // halfway, 1023 odd: up, carrying into the exponent
    [2 ** -25, 0x0000], // halfway between 0 and 2^-24: to even (0)
    [1.5 * 2 ** -25, 0x0001],
    [3 * 2 ** -25, 0x0002], // 1.5 units, halfway, 1 odd: up to 2
    [5 * 2 ** -25, 0x0002], // 2.5 units, halfway, 2 even: stays
    [1e-10, 0x0000],
    [-1e-10, 0x8000],
    [1 + 2 ** -11, 0x3c00], // halfway between 1 and 1 + 2^-10: to even
    [1 + 3 * 2 ** -11, 0x3c02], // halfway between 0x3c01 (odd) and 0x3c02
    [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above halfway: up
    [4095 / 2048, 0x4000], // 1 + 1023.5/1024: halfway, 1023 odd: up to 2
    [Number.POSITIVE_INFINITY, 0x7c00],
    [Number.NEGATIVE_INFINITY, 0xfc00],
    [0, 0x0000],
    [-0, 0x8000]
  ])("%s → %s", (value, bits) => {
    expect(hex(float16Bits(value))).toBe(hex(bits));
  });

  test("NaN stays NaN (exponent all ones, mantissa not zero)", () => {
    const bits = float16Bits(Number.NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x3ff).not.toBe(0);
    expect(float16Value(bits)).toBeNaN();
  });
});

describe("float16Value", () => {
  test.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x0400, 2 ** -14],
    [0x3555, 0.333251953125],
    [0x7c00, Number.POSITIVE_INFINITY],
    [0xfc00, Number.NEGATIVE_INFINITY]
  ])("%s → %s", (bits, value) => {
    expect(float16Value(bits)).toBe(value);
  });

  test("0x8000 is −0 and 0x7c01 is NaN", () => {
    expect(Object.is(float16Value(0x8000), -0)).toBe(true);
    expect(float16Value(0x7c01)).toBeNaN();
  });

  test("every one of the 65,536 patterns but NaN survives value → bits", () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16Value(bits);
      if (Number.isNaN(value)) continue;
      if (float16Bits(value) !== bits) throw new Error(`${hex(bits)} → ${value} → ${hex(float16Bits(value))}`);
    }
  });
});

describe("round trip", () => {
  test("relative error ≤ 2^-11 for normal numbers, absolute ≤ 2^-25 below them, nearest of its neighbours", () => {
    const random = seededRandom(7);
    // Magnitudes from 2^-26 (below the subnormals' reach) to 2^13.
    const values = Float32Array.from({length: 20_000}, (_, i) => (2 * random() - 1) * 2 ** ((i % 40) - 26));
    const back = decodeFloat16(encodeFloat16(values));
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      const error = Math.abs(back[i] - x);
      if (Math.abs(x) >= 2 ** -14) expect(error).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11);
      else expect(error).toBeLessThanOrEqual(2 ** -25);
      // No float16 neighbour of the answer is nearer.
      const bits = float16Bits(x);
      for (const neighbour of [bits - 1, bits + 1]) {
        if ((neighbour & 0x7fff) > 0x7bff || neighbour < 0) continue;
        expect(Math.abs(float16Value(neighbour) - x)).toBeGreaterThanOrEqual(error);
      }
    }
  });

  test("two little-endian bytes a number; an odd byte count is refused", () => {
    expect(Array.from(encodeFloat16([1, -2]))).toEqual([0x00, 0x3c, 0x00, 0xc0]);
    expect(Array.from(decodeFloat16(Uint8Array.of(0x00, 0x3c, 0x00, 0xc0)))).toEqual([1, -2]);
    // A view into a larger buffer is read from its own offset.
    expect(Array.from(decodeFloat16(Uint8Array.of(9, 0x00, 0x38).subarray(1)))).toEqual([0.5]);
    expect(() => decodeFloat16(new Uint8Array(3))).toThrow(/odd number of bytes \(3\)/);
  });
});
