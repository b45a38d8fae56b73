// The shift test: a classifier's accuracy on a test set moved 0, 1, … pixels (shift.ts), with
// and without re-centring. The classifier is passed in (any model, any backend); this module
// only shifts, counts and skips repeated work.
import {boundingBox} from "./mnist-preprocess.js";
import {recentringOffset, shiftSet} from "./shift.js";

/** Predicted classes for count images (count × size² values, 0–1). */
export type Classify = (pixels: Float32Array, count: number) => Promise<Uint8Array>;

export interface ShiftPoint {
  shift: number;
  recentred: boolean;
  correct: number;
  count: number;
  accuracy: number;
}

export const SHIFT_FORMAT = "workbook-shift-test";

/** The file the loader writes and the page reads. */
export interface ShiftReport {
  format: typeof SHIFT_FORMAT;
  version: 1;
  dataset: string;
  count: number;
  directions: string;
  shifts: number[];
  models: {id: string; name: string; points: ShiftPoint[]}[];
  /** How the test images were framed: see framing(). */
  framing: Framing;
  /** Test images whose ink partly fell off the border, per shift. */
  clipped: {shift: number; count: number}[];
  seconds: number;
  backend: string;
}

/** Indices of the images that differ from the originals (a re-centred image is often the original again). */
export function changedImages(images: Float32Array, originals: Float32Array, pixels: number): number[] {
  const changed: number[] = [];
  for (let i = 0; i < images.length / pixels; i++) {
    for (let p = i * pixels; p < (i + 1) * pixels; p++) {
      if (images[p] !== originals[p]) {
        changed.push(i);
        break;
      }
    }
  }
  return changed;
}

/** Images whose ink does not all survive the move: some fell off the border. */
export function clippedCount(images: Float32Array, moved: Float32Array, pixels: number): number {
  let count = 0;
  for (let i = 0; i < images.length / pixels; i++) {
    let before = 0;
    let after = 0;
    for (let p = i * pixels; p < (i + 1) * pixels; p++) {
      before += images[p];
      after += moved[p];
    }
    if (after < before - 1e-6) count++;
  }
  return count;
}

/**
 * Accuracy at every shift, plain and re-centred. The model sees only the images that differ
 * from the unshifted ones; the others keep the unshifted prediction (the same input gives the
 * same answer), which spares most of the re-centred work.
 */
export async function shiftAccuracy(
  classify: Classify,
  images: Float32Array,
  labels: Uint8Array,
  {size, shifts}: {size: number; shifts: readonly number[]}
): Promise<ShiftPoint[]> {
  const pixels = size * size;
  const count = labels.length;
  if (images.length !== count * pixels) throw new Error(`${images.length} values do not make ${count} images of ${size}×${size}`);
  const base = await classify(images, count);
  const score = (predicted: ArrayLike<number>) => labels.reduce((n, label, i) => n + (predicted[i] === label ? 1 : 0), 0);
  const points: ShiftPoint[] = [];
  for (const shift of shifts) {
    for (const recentred of [false, true]) {
      const moved = shift === 0 && !recentred ? images : shiftSet(images, size, shift, recentred);
      const changed = changedImages(moved, images, pixels);
      const predicted = Uint8Array.from(base);
      if (changed.length) {
        const batch = new Float32Array(changed.length * pixels);
        changed.forEach((i, j) => batch.set(moved.subarray(i * pixels, (i + 1) * pixels), j * pixels));
        const answers = await classify(batch, changed.length);
        changed.forEach((i, j) => (predicted[i] = answers[j]));
      }
      const correct = score(predicted);
      points.push({shift, recentred, correct, count, accuracy: correct / count});
    }
  }
  return points;
}

export interface Framing {
  /** How many images have each longer side of their inked bounding box, in pixels. */
  boxSides: {side: number; count: number}[];
  /** Images whose centre of mass is within half a pixel of the centre on both axes (re-centring leaves them alone). */
  centred: number;
}

/** MNIST's framing measured: the longer side of each image's ink box, and how many are centred. */
export function framing(images: Float32Array, size: number): Framing {
  const pixels = size * size;
  const sides = new Map<number, number>();
  let centred = 0;
  for (let i = 0; i < images.length / pixels; i++) {
    const data = images.subarray(i * pixels, (i + 1) * pixels);
    const box = boundingBox({width: size, height: size, data});
    const side = box ? Math.max(box.bottom - box.top, box.right - box.left) : 0;
    sides.set(side, (sides.get(side) ?? 0) + 1);
    const [dy, dx] = recentringOffset(data, size);
    if (dy === 0 && dx === 0) centred++;
  }
  return {boxSides: [...sides].sort((a, b) => a[0] - b[0]).map(([side, count]) => ({side, count})), centred};
}
