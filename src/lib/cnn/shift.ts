// The shift test's image arithmetic: move a digit by whole pixels (ink pushed past the border is
// lost, the freed border is paper), and move it back so that its centre of mass sits at the
// image centre, as MNIST's own preprocessing placed it (see mnist-preprocess.ts). Pure functions
// of arrays; no DOM, no tfjs.
import {centreOfMass} from "./mnist-preprocess.js";

/** [rows down, columns right] of a one-pixel step: right, down, left, up. */
export const DIRECTIONS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 0],
  [0, -1],
  [-1, 0]
];
export const DIRECTION_NAMES = ["right", "down", "left", "up"] as const;

/** A size × size image moved `dy` rows down and `dx` columns right (negative: up, left). */
export function shiftImage(data: ArrayLike<number>, size: number, dy: number, dx: number): Float32Array {
  if (data.length !== size * size) throw new Error(`a ${size}×${size} image needs ${size * size} values, got ${data.length}`);
  if (!Number.isInteger(dy) || !Number.isInteger(dx)) throw new Error(`shifts must be whole pixels (got ${dy}, ${dx})`);
  const out = new Float32Array(size * size);
  for (let y = Math.max(0, dy); y < Math.min(size, size + dy); y++) {
    for (let x = Math.max(0, dx); x < Math.min(size, size + dx); x++) out[y * size + x] = data[(y - dy) * size + (x - dx)];
  }
  return out;
}

/** Whole pixels [down, right] that put the centre of mass at (size / 2, size / 2); [0, 0] for a blank image. */
export function recentringOffset(data: ArrayLike<number>, size: number): [number, number] {
  const com = centreOfMass({width: size, height: size, data});
  if (!com) return [0, 0];
  // Math.round(x) + 0 turns −0 into 0, so a centred image reports [0, 0].
  return [Math.round(size / 2 - com[0]) + 0, Math.round(size / 2 - com[1]) + 0];
}

/** The image moved so that its centre of mass is back at the centre (MNIST's convention). */
export function recentre(data: ArrayLike<number>, size: number): Float32Array {
  const [dy, dx] = recentringOffset(data, size);
  return shiftImage(data, size, dy, dx);
}

/**
 * Every image of a set (count × size², row-major) moved `distance` pixels, image i in
 * direction i mod 4 (right, down, left, up), so each direction gets a quarter of the set;
 * re-centred afterwards when asked.
 */
export function shiftSet(images: Float32Array, size: number, distance: number, recentred: boolean): Float32Array {
  const pixels = size * size;
  if (images.length % pixels) throw new Error(`${images.length} values do not make whole ${size}×${size} images`);
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length / pixels; i++) {
    const [dy, dx] = DIRECTIONS[i % DIRECTIONS.length];
    const moved = shiftImage(images.subarray(i * pixels, (i + 1) * pixels), size, dy * distance, dx * distance);
    out.set(recentred ? recentre(moved, size) : moved, i * pixels);
  }
  return out;
}
