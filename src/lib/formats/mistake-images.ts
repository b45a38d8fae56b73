// The test images a gallery of mistakes can show: those at least one model got wrong. A loader
// ships only them (src/data/lib/datasets/mistake-archive.ts), so a page fetches far fewer bytes
// than the whole test set, and places them back at their test indices.
import {PIXELS} from "./dataset-files.js";

/** The test indices in any of the lists (each model's misclassified indices), ascending, once each. */
export function mistakenIndices(lists: readonly (readonly number[])[]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/**
 * The whole test set's image bytes (`count` × 784) with the shipped images at their indices and
 * zeros elsewhere, for galleries that draw by test index. Every index of `expected` (the page's
 * own union of the models' mistakes) must be shipped, so that no gallery can draw a blank.
 */
export function placeTestImages(indexBytes: ArrayBuffer, images: ArrayBuffer, count: number, expected: readonly number[]): Uint8Array {
  const indices = new Uint16Array(indexBytes);
  if (images.byteLength !== indices.length * PIXELS)
    throw new Error(`${images.byteLength} image bytes do not make ${indices.length} images of ${PIXELS} pixels`);
  const shipped = new Set(indices);
  const missing = expected.filter((index) => !shipped.has(index));
  if (missing.length)
    throw new Error(`${missing.length} of the ${expected.length} test images the models got wrong were not shipped: rebuild the site`);
  const out = new Uint8Array(count * PIXELS);
  const bytes = new Uint8Array(images);
  indices.forEach((index, i) => {
    if (index >= count) throw new Error(`test index ${index} is past the ${count} test images`);
    out.set(bytes.subarray(i * PIXELS, (i + 1) * PIXELS), index * PIXELS);
  });
  return out;
}
