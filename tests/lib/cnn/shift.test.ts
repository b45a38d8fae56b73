// The shift test's image arithmetic on small hand-made images whose answers are written out by
// hand.
import {describe, expect, test} from "vitest";
import {recentre, recentringOffset, shiftImage, shiftSet} from "../../../src/lib/cnn/shift.js";
import {changedImages, clippedCount} from "../../../src/lib/cnn/shift-test.js";

// 4 × 4, ink values 1–4 so that every moved pixel can be told apart.
const grid = Float32Array.from([0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0]);

describe("shiftImage", () => {
  test("one pixel right: each row moves right, the left column becomes paper", () => {
    expect(Array.from(shiftImage(grid, 4, 0, 1))).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0]);
  });
  test("two pixels up: the top row falls off, the bottom rows are paper", () => {
    expect(Array.from(shiftImage(grid, 4, -2, 0))).toEqual([0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
  test("down and left at once; a shift of the whole width leaves a blank image", () => {
    expect(Array.from(shiftImage(grid, 4, 1, -1))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]);
    expect(Array.from(shiftImage(grid, 4, 0, 4))).toEqual(new Array(16).fill(0));
  });
  test("no shift is the image itself; bad input is refused", () => {
    expect(Array.from(shiftImage(grid, 4, 0, 0))).toEqual(Array.from(grid));
    expect(() => shiftImage(grid, 5, 0, 1)).toThrow("needs 25 values, got 16");
    expect(() => shiftImage(grid, 4, 0.5, 0)).toThrow("whole pixels");
  });
});

describe("recentre", () => {
  // A single pixel at row 0, column 1 of a 6 × 6 image: its centre of mass is (0, 1), the
  // centre is (3, 3), so it moves 3 down and 2 right.
  const dot = new Float32Array(36);
  dot[1] = 1;
  test("moves the centre of mass to (size / 2, size / 2)", () => {
    expect(recentringOffset(dot, 6)).toEqual([3, 2]);
    const back = recentre(dot, 6);
    expect(back[3 * 6 + 3]).toBe(1);
    expect(back.reduce((a, b) => a + b, 0)).toBe(1);
  });
  test("a 2 × 2 block at rows 0–1, columns 4–5 of 6 × 6: centre of mass (0.5, 4.5), moved by round(2.5) = 3 and round(−1.5) = −1", () => {
    const block = new Float32Array(36);
    for (const [y, x] of [
      [0, 4],
      [0, 5],
      [1, 4],
      [1, 5]
    ])
      block[y * 6 + x] = 1;
    // Math.round rounds halves up: 2.5 → 3, −1.5 → −1.
    expect(recentringOffset(block, 6)).toEqual([3, -1]);
  });
  test("an image already centred is left alone, and so is a blank one", () => {
    const centred = new Float32Array(36);
    centred[3 * 6 + 3] = 1;
    expect(recentringOffset(centred, 6)).toEqual([0, 0]);
    expect(recentringOffset(new Float32Array(36), 6)).toEqual([0, 0]);
  });
});

describe("shiftSet", () => {
  test("image i moves in direction i mod 4: right, down, left, up", () => {
    const four = new Float32Array(4 * 16);
    for (let i = 0; i < 4; i++) four.set(grid, i * 16);
    const moved = shiftSet(four, 4, 1, false);
    expect(Array.from(moved.subarray(0, 16))).toEqual(Array.from(shiftImage(grid, 4, 0, 1)));
    expect(Array.from(moved.subarray(16, 32))).toEqual(Array.from(shiftImage(grid, 4, 1, 0)));
    expect(Array.from(moved.subarray(32, 48))).toEqual(Array.from(shiftImage(grid, 4, 0, -1)));
    expect(Array.from(moved.subarray(48, 64))).toEqual(Array.from(shiftImage(grid, 4, -1, 0)));
  });
  test("re-centred, an unclipped shift comes back to the original exactly", () => {
    const dot = new Float32Array(2 * 36);
    dot[3 * 6 + 3] = 1;
    dot[36 + 3 * 6 + 3] = 1;
    expect(Array.from(shiftSet(dot, 6, 2, true))).toEqual(Array.from(dot));
    expect(changedImages(shiftSet(dot, 6, 2, false), dot, 36)).toEqual([0, 1]);
    expect(clippedCount(dot, shiftSet(dot, 6, 2, false), 36)).toBe(0);
    // 3 right pushes the dot off the 6-wide image; 3 down does too.
    expect(clippedCount(dot, shiftSet(dot, 6, 3, false), 36)).toBe(2);
  });
});
