import {describe, expect, test} from "vitest";
import {digitRow} from "../../../src/lib/cnn/digit-row.js";

describe("digitRow", () => {
  test("images side by side with gaps, each unchanged", () => {
    const a = Float32Array.from({length: 4}, (_, i) => i + 1);
    const b = Float32Array.from({length: 4}, (_, i) => 10 * (i + 1));
    const row = digitRow([a, b], {gap: 1, size: 2});
    expect([row.width, row.height, row.lefts]).toEqual([5, 2, [0, 3]]);
    expect(Array.from(row.data)).toEqual([1, 2, 0, 10, 20, 3, 4, 0, 30, 40]);
  });
  test("a wrong-sized image or gap is refused", () => {
    expect(() => digitRow([new Float32Array(3)], {size: 2})).toThrow(/digit 1 has 3 values, not 2×2/);
    expect(() => digitRow([], {gap: -1})).toThrow(/gap must be a whole number/);
  });
});
