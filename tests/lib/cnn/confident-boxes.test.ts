// Boxes from a row of class distributions, worked by hand.
import {describe, expect, test} from "vitest";
import {confidentBoxes} from "../../../src/lib/cnn/confident-boxes.js";

/** Windows of 3 classes: each row is one window's probabilities. */
const rows = (...r: number[][]) => Float32Array.from(r.flat());

describe("confidentBoxes", () => {
  const map = rows([0.95, 0.05, 0], [0.97, 0.03, 0], [0.2, 0.8, 0], [0.1, 0.1, 0.8], [0.04, 0.04, 0.92], [0.91, 0.09, 0]);
  test("neighbouring windows of one class merge; a box spans its first window's left to its last one's right", () => {
    expect(confidentBoxes(map, 6, 3, {threshold: 0.9, window: 28, stride: 4})).toEqual([
      {label: 0, first: 0, last: 1, x: 0, width: 32, peak: expect.closeTo(0.97, 6), peakWindow: 1},
      {label: 2, first: 4, last: 4, x: 16, width: 28, peak: expect.closeTo(0.92, 6), peakWindow: 4},
      {label: 0, first: 5, last: 5, x: 20, width: 28, peak: expect.closeTo(0.91, 6), peakWindow: 5}
    ]);
  });
  test("a lower threshold gives more boxes; the threshold itself counts", () => {
    const boxes = confidentBoxes(map, 6, 3, {threshold: 0.8, window: 28, stride: 4});
    expect(boxes.map((b) => [b.label, b.first, b.last])).toEqual([
      [0, 0, 1],
      [1, 2, 2],
      [2, 3, 4],
      [0, 5, 5]
    ]);
  });
  test("with an overlap limit, the less confident of two overlapping boxes goes", () => {
    // Boxes 0–32 (peak 0.97), 8–36 (0.8), 12–44 (0.92), 20–48 (0.91). Sharing more than half of the
    // narrower: 8–36 shares 24/28 with 0–32 (dropped); 12–44 shares 20/32 with 0–32 (dropped);
    // 20–48 shares 12/28 with 0–32 (kept).
    const boxes = confidentBoxes(map, 6, 3, {threshold: 0.8, window: 28, stride: 4, overlap: 0.5});
    expect(boxes.map((b) => [b.label, b.x, b.width])).toEqual([
      [0, 0, 32],
      [0, 20, 28]
    ]);
  });
  test("a map of the wrong size is refused", () => {
    expect(() => confidentBoxes(map, 5, 3, {threshold: 0.5, window: 28, stride: 4})).toThrow(
      /5 windows of 3 classes need 15 values, got 18/
    );
  });
});
