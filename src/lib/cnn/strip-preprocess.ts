// A drawing of several digits in a row, made into the strip a network trained on MNIST can slide
// over, with MNIST's framing rules applied to the row: scale the whole drawing so the ink is 20
// pixels high (MNIST boxes each digit in 20 of its 28 pixels), then cut a 28-pixel-high strip
// whose middle row is the ink's centre of mass, shifted by whole pixels. "The ink's height" is
// that of the tallest digit: the tallest run of inked columns (digits are told apart by blank
// columns between them), so digits drawn at different heights are not shrunk to fit together.
// The drawing keeps its width (blank sides included), padded on the right to a whole number of
// strides past the first window. Pure functions of arrays; no DOM, no tfjs.
import {fail, ok, type Result} from "../core/result.js";
import {boundingBox, type Box, centreOfMass, type GreyImage, scaleBox} from "./mnist-preprocess.js";

export interface Strip {
  /** height × width ink values in 0…1, row-major. */
  readonly pixels: Float32Array;
  readonly width: number;
  readonly height: number;
  /** The ink's bounding box in the drawing's own pixels. */
  readonly box: Box;
  /** Columns [from, to) of each run of inked columns, in the drawing's pixels, and its height. */
  readonly runs: readonly {from: number; to: number; height: number}[];
  /** Strip pixels per drawing pixel. */
  readonly scale: number;
  /** Width of the scaled ink, from its leftmost to its rightmost inked column. */
  readonly inkWidth: number;
  /** Strip row = scaled drawing row + shift. */
  readonly shift: number;
  /** Share of the ink that fell above or below the strip (digits drawn far apart in height). */
  readonly clipped: number;
}

export interface StripOptions {
  /** Height the tallest digit is scaled to (MNIST: 20). */
  inkHeight?: number;
  /** Strip height: the network's window (MNIST: 28). */
  height?: number;
  /** Window width and the stride between windows: the strip is window + k · stride wide. */
  window?: number;
  stride?: number;
  /** Ink at or below this does not count (anti-aliasing specks). */
  threshold?: number;
}

export const EMPTY_STRIP_MESSAGE = "The canvas is empty: draw a few digits side by side, or fill it with real ones.";

/** Runs of columns holding ink, left to right, each with the height of its ink. */
export function inkRuns({width, height, data}: GreyImage, threshold = 0): {from: number; to: number; height: number}[] {
  const runs: {from: number; to: number; height: number}[] = [];
  let run: {from: number; to: number; top: number; bottom: number} | null = null;
  for (let x = 0; x <= width; x++) {
    let top = height;
    let bottom = -1;
    for (let y = 0; x < width && y < height; y++) {
      if (data[y * width + x] > threshold) {
        if (y < top) top = y;
        bottom = y;
      }
    }
    if (bottom >= 0) {
      if (!run) run = {from: x, to: x + 1, top, bottom};
      run.to = x + 1;
      run.top = Math.min(run.top, top);
      run.bottom = Math.max(run.bottom, bottom);
    } else if (run) {
      runs.push({from: run.from, to: run.to, height: run.bottom - run.top + 1});
      run = null;
    }
  }
  return runs;
}

export function stripPreprocess(
  image: GreyImage,
  {inkHeight = 20, height = 28, window = 28, stride = 4, threshold = 0.05}: StripOptions = {}
): Result<Strip> {
  const {width: w, height: h, data} = image;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1)
    return fail(`The drawing must be at least 1×1 pixels (got ${w}×${h}).`);
  if (data.length !== w * h) return fail(`A ${w}×${h} drawing needs ${w * h} values, got ${data.length}.`);
  if (!(inkHeight >= 1 && inkHeight <= height)) return fail(`The ink height (${inkHeight}) must fit in the ${height}-pixel strip.`);
  const box = boundingBox(image, threshold);
  if (!box) return fail(EMPTY_STRIP_MESSAGE);
  const runs = inkRuns(image, threshold);
  const scale = inkHeight / Math.max(...runs.map((r) => r.height));
  const inkWidth = Math.round((box.right - box.left) * scale);
  // Ink that one window covers with room to spare is one digit at most: nothing to localise.
  if (inkWidth <= inkHeight)
    return fail(
      `Too narrow for a row of digits: scaled so the digits are ${inkHeight} pixels high, the ink is ${inkWidth} pixels wide, and one ${window}-pixel window covers it. Draw several digits side by side (for one digit, see the draw page).`
    );
  const scaled = scaleBox(image, {top: 0, left: 0, bottom: h, right: w}, scale);
  if (scaled.width < window)
    return fail(`The drawing is too narrow: scaled, it is ${scaled.width} pixels wide, less than one ${window}-pixel window.`);
  const com = centreOfMass(scaled);
  if (!com) return fail(EMPTY_STRIP_MESSAGE);
  const shift = Math.round(height / 2 - com[0]) + 0; // + 0: no -0
  const width = window + Math.ceil((scaled.width - window) / stride) * stride;
  const pixels = new Float32Array(height * width);
  let total = 0;
  let kept = 0;
  for (let y = 0; y < scaled.height; y++) {
    const row = scaled.data.subarray(y * scaled.width, (y + 1) * scaled.width);
    const mass = row.reduce((a, b) => a + b, 0);
    total += mass;
    const r = y + shift;
    if (r >= 0 && r < height) {
      pixels.set(row, r * width);
      kept += mass;
    }
  }
  return ok({pixels, width, height, box, runs, scale, inkWidth, shift, clipped: total > 0 ? 1 - kept / total : 0});
}
