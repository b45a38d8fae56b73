// 8-bit affine quantisation against hand-worked levels, and tfjs's reading of the same bytes.
import {describe, expect, test} from "vitest";
import {dequantiseUint8, quantiseUint8} from "../../../src/lib/formats/uint8-affine.js";

describe("quantiseUint8", () => {
  test("levels from min to max in 255 steps: −1, 0, 0.5, 1 with step 2/255", () => {
    const {bytes, min, scale} = quantiseUint8([-1, 0, 0.5, 1]);
    expect(min).toBe(-1);
    expect(scale).toBe(2 / 255);
    // 0 is 127.5 steps up: rounds to 128 (Math.round, half up); 0.5 is 191.25 steps: 191.
    expect(Array.from(bytes)).toEqual([0, 128, 191, 255]);
    const back = dequantiseUint8({bytes, min, scale});
    expect(back[0]).toBe(-1);
    expect(back[3]).toBeCloseTo(1, 6);
    for (const [i, x] of [-1, 0, 0.5, 1].entries()) expect(Math.abs(back[i] - x)).toBeLessThanOrEqual(scale / 2 + 1e-7);
  });

  test("a constant tensor comes back exactly; no values, no bytes; NaN is refused", () => {
    const constant = quantiseUint8([0.3, 0.3]);
    expect(Array.from(dequantiseUint8(constant))).toEqual([Math.fround(0.3), Math.fround(0.3)]);
    expect(quantiseUint8([]).bytes.length).toBe(0);
    expect(() => quantiseUint8([1, Number.NaN])).toThrow(/finite/);
  });
});
