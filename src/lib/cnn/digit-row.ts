// Real 28×28 digits side by side, for a page to paint on its canvas: each digit as MNIST framed
// it (centre of mass in the middle of its 28×28 image), `gap` blank columns between images. With
// a gap that is a whole number of strides, every digit sits exactly under one window of a
// network slid at that stride. Pure function of arrays.
import type {GreyImage} from "./mnist-preprocess.js";

export interface DigitRow extends GreyImage {
  readonly data: Float32Array;
  /** Left column of each digit's 28×28 image in the row. */
  readonly lefts: number[];
}

/** `digits`: size × size ink values in 0…1 each. */
export function digitRow(digits: readonly ArrayLike<number>[], {gap = 0, size = 28} = {}): DigitRow {
  if (!(Number.isInteger(gap) && gap >= 0)) throw new Error(`the gap must be a whole number of pixels, at least 0 (got ${gap})`);
  const pitch = size + gap;
  const width = Math.max(0, pitch * digits.length - gap);
  const data = new Float32Array(width * size);
  const lefts = digits.map((digit, k) => {
    if (digit.length !== size * size) throw new Error(`digit ${k + 1} has ${digit.length} values, not ${size}×${size}`);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[y * width + k * pitch + x] = digit[y * size + x];
    return k * pitch;
  });
  return {width, height: size, data, lefts};
}
