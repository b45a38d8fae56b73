// A drawing made ready for a network trained on MNIST, the way MNIST's digits were made (LeCun,
// Cortes and Burges): "size normalized to fit in a 20×20 pixel box while preserving their aspect
// ratio", anti-aliased, then "centered in a 28×28 image by computing the center of mass of the
// pixels, and translating the image so as to position this point at the center". Of the 10,000
// test images, 9,997 have a bounding box whose longer side is exactly 20 pixels (3 have 19;
// framing() in shift-test.ts counts them at build time), and their centres of mass (pixel centres at 0, 1, …, 27) lie at 13.97 ± 0.29 rows and 14.00 ± 0.29
// columns: spread as rounding would spread them. So the translation is by whole pixels, to put
// the centre of mass at (14, 14). Pure functions of arrays; no DOM, no tfjs.
import {fail, ok, type Result} from "../core/result.js";

/** A grey image: ink from 0 (paper) to 1 (full ink), row-major. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/** Rows top…bottom and columns left…right of the inked pixels, ends exclusive. */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface Preprocessed {
  /** size × size ink values in 0…1, the network's input. */
  readonly pixels: Float32Array;
  readonly size: number;
  /** The drawing's bounding box, in its own pixels. */
  readonly box: Box;
  /** Output pixels per drawing pixel. */
  readonly scale: number;
  /** Width and height of the scaled drawing (the longer one is the box, 20). */
  readonly scaled: readonly [number, number];
  /** Where the scaled drawing's top-left corner went in the output: [row, column]. */
  readonly offset: readonly [number, number];
  /** Centre of mass of the output, [row, column], pixel centres at 0, 1, …. */
  readonly centreOfMass: readonly [number, number];
  /** Share of the ink that fell outside the output (a very lopsided drawing): usually 0. */
  readonly clipped: number;
}

export interface PreprocessOptions {
  /** The box the longer side is scaled to (MNIST: 20). */
  box?: number;
  /** Output side (MNIST: 28). */
  size?: number;
  /** Faint pixels at or below this much ink do not count for the bounding box (a canvas's anti-aliasing leaves such specks). */
  threshold?: number;
}

export const EMPTY_MESSAGE = "The pad is empty: draw a digit.";

/** The bounding box of the pixels with more than `threshold` ink, or null when there are none. */
export function boundingBox({width, height, data}: GreyImage, threshold = 0): Box | null {
  let top = height;
  let left = width;
  let bottom = -1;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] > threshold) {
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return bottom < 0 ? null : {top, left, bottom: bottom + 1, right: right + 1};
}

/** Ink-weighted mean [row, column] of the pixel centres, or null when there is no ink. */
export function centreOfMass({width, height, data}: GreyImage): [number, number] | null {
  let mass = 0;
  let rows = 0;
  let cols = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      mass += v;
      rows += v * y;
      cols += v * x;
    }
  }
  return mass > 0 ? [rows / mass, cols / mass] : null;
}

/**
 * For each output cell of an axis scaled by `scale`, the source pixels it overlaps and by how
 * much (in source pixels). Averaging by overlap is the area (box) filter: exact anti-aliasing
 * for a picture made of square pixels, and the identity when scale is 1.
 */
function overlaps(sourceLength: number, scale: number, outLength: number): {index: number; weight: number}[][] {
  const cells: {index: number; weight: number}[][] = [];
  for (let o = 0; o < outLength; o++) {
    const from = o / scale;
    const to = Math.min((o + 1) / scale, sourceLength);
    const cell: {index: number; weight: number}[] = [];
    for (let i = Math.floor(from); i < Math.ceil(to); i++) {
      const weight = Math.min(to, i + 1) - Math.max(from, i);
      if (weight > 1e-12) cell.push({index: i, weight});
    }
    cells.push(cell);
  }
  return cells;
}

/** The part of `image` inside `box`, scaled by `scale` with the area filter; returns [width, height, data]. */
export function scaleBox(image: GreyImage, box: Box, scale: number): {width: number; height: number; data: Float32Array} {
  const bw = box.right - box.left;
  const bh = box.bottom - box.top;
  // Rounded before ceil so that 20.000000001 is 20 pixels, not 21.
  const width = Math.ceil(Math.round(bw * scale * 1e6) / 1e6);
  const height = Math.ceil(Math.round(bh * scale * 1e6) / 1e6);
  const xs = overlaps(bw, scale, width);
  const ys = overlaps(bh, scale, height);
  // Rows first: each output column is a weighted sum of source columns, then the same down the rows.
  const across = new Float32Array(bh * width);
  for (let y = 0; y < bh; y++) {
    const row = (box.top + y) * image.width + box.left;
    for (let o = 0; o < width; o++) {
      let sum = 0;
      for (const {index, weight} of xs[o]) sum += weight * image.data[row + index];
      across[y * width + o] = sum * scale;
    }
  }
  const data = new Float32Array(width * height);
  for (let o = 0; o < height; o++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const {index, weight} of ys[o]) sum += weight * across[index * width + x];
      data[o * width + x] = Math.min(1, sum * scale);
    }
  }
  return {width, height, data};
}

/**
 * A drawing as MNIST would have it: crop to the inked bounding box, scale the longer side to
 * `box` pixels keeping the aspect ratio (area filter), and place it in a size × size image
 * shifted by whole pixels so that its centre of mass lands on (size / 2, size / 2). An empty
 * drawing is an error whose message asks for a digit.
 */
export function mnistPreprocess(
  image: GreyImage,
  {box: boxSide = 20, size = 28, threshold = 0.05}: PreprocessOptions = {}
): Result<Preprocessed> {
  const {width, height, data} = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    return fail(`The drawing must be at least 1×1 pixels (got ${width}×${height}).`);
  if (data.length !== width * height) return fail(`A ${width}×${height} drawing needs ${width * height} values, got ${data.length}.`);
  if (!(boxSide >= 1 && boxSide <= size)) return fail(`The box (${boxSide}) must fit in the ${size}×${size} image.`);
  const box = boundingBox(image, threshold);
  if (!box) return fail(EMPTY_MESSAGE);
  const scale = boxSide / Math.max(box.right - box.left, box.bottom - box.top);
  const scaled = scaleBox(image, box, scale);
  const com = centreOfMass(scaled);
  if (!com) return fail(EMPTY_MESSAGE);
  const centre = size / 2;
  const offset: [number, number] = [Math.round(centre - com[0]), Math.round(centre - com[1])];
  const pixels = new Float32Array(size * size);
  let total = 0;
  let kept = 0;
  for (let y = 0; y < scaled.height; y++) {
    for (let x = 0; x < scaled.width; x++) {
      const v = scaled.data[y * scaled.width + x];
      total += v;
      const r = y + offset[0];
      const c = x + offset[1];
      if (r >= 0 && r < size && c >= 0 && c < size) {
        pixels[r * size + c] = v;
        kept += v;
      }
    }
  }
  const out = centreOfMass({width: size, height: size, data: pixels});
  if (!out) return fail(EMPTY_MESSAGE);
  return ok({
    pixels,
    size,
    box,
    scale,
    scaled: [scaled.width, scaled.height],
    offset,
    centreOfMass: out,
    clipped: total > 0 ? 1 - kept / total : 0
  });
}
