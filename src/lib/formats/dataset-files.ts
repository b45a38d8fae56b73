// Decoding the members of a dataset archive (see src/data/lib/datasets/dataset-archive.ts) in a page.

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/** meta.json of a dataset archive, as src/data/lib/datasets/dataset-archive.ts writes it. */
export interface DatasetMeta {
  id: string;
  name: string;
  classes: string[];
  imageSize: number;
  splitNote: string;
  train: {count: number};
  test: {count: number};
  /** Test images shipped as the light sample: indices into the test split. */
  sample: {perClass: number; count: number; seed: number};
  trainSubset: {perClass: number; count: number; seed: number};
  /** The training subset in `count` shards of `perClass` images of every class (train-shard-K.bin). */
  trainShards: {count: number; perClass: number; gzipBytes: number[]};
  /** Pixel-intensity histograms of the training images, 256 bins: all classes, then each class. */
  histogram: {all: number[]; byClass: number[][]};
}

export interface ImageSet {
  /** count × 784 bytes. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Pair image bytes with their labels, checking that the sizes agree. */
export function imageSet(images: ArrayBuffer, labels: ArrayBuffer, what = "images"): ImageSet {
  const count = labels.byteLength;
  if (images.byteLength !== count * PIXELS) {
    throw new Error(`${what}: ${images.byteLength} image bytes do not make ${count} images of ${PIXELS} pixels`);
  }
  return {images: new Uint8Array(images), labels: new Uint8Array(labels), count};
}

/** The images of one class (or all when `label` is null), at most `limit`. */
export function selectClass(set: ImageSet, label: number | null, limit = Infinity): ImageSet {
  const picked: number[] = [];
  for (let i = 0; i < set.count && picked.length < limit; i++) if (label === null || set.labels[i] === label) picked.push(i);
  const images = new Uint8Array(picked.length * PIXELS);
  picked.forEach((index, i) => images.set(set.images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
  return {images, labels: Uint8Array.from(picked, (i) => set.labels[i]), count: picked.length};
}

/** Pixels scaled to [0, 1] as float32, the input every model here takes. */
export function toUnitFloats(images: Uint8Array): Float32Array {
  return Float32Array.from(images, (v) => v / 255);
}

/** "3" for a digit, "3: Dress" where the class has a name. */
export function classLabel(classes: string[], label: number): string {
  const name = classes[label];
  return name === String(label) ? name : `${label}: ${name}`;
}
