// What a dataset loader ships to the pages: small members of one zip, so a page downloads
// only the members it names. All binaries are little-endian typed arrays.
import {gzipSync} from "node:zlib";
import JSZip from "jszip";
import type {DatasetMeta} from "../../../lib/formats/dataset-files.js";
import {PIXELS, stratifiedSample, type Dataset} from "./datasets.js";

export const SAMPLE_PER_CLASS = 100;
export const TRAIN_SUBSET_PER_CLASS = 600;
export const SAMPLE_SEED = 7;
/** The training subset again, in shards of this many images per class (practical/train fetches the ones a run needs). */
export const TRAIN_SHARD_PER_CLASS = 100;

export type {DatasetMeta};

export type ArchiveMembers = Record<string, Uint8Array | string>;

/** A member's text (members are strings when written, bytes when read back from an artifact). */
export function memberText(content: Uint8Array | string): string {
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}

/** Every member of a dataset's archive, computed from the full dataset. */
export function datasetMembers(dataset: Dataset): {meta: DatasetMeta; members: ArchiveMembers} {
  const {train, test} = dataset;
  const sample = stratifiedSample(test.labels, SAMPLE_PER_CLASS, SAMPLE_SEED);
  const subset = stratifiedSample(train.labels, TRAIN_SUBSET_PER_CLASS, SAMPLE_SEED);
  const shards = trainShards(train, subset);
  const shardCount = TRAIN_SUBSET_PER_CLASS / TRAIN_SHARD_PER_CLASS;
  const meta: DatasetMeta = {
    id: dataset.id,
    name: dataset.name,
    classes: dataset.classes,
    imageSize: 28,
    splitNote: dataset.splitNote,
    train: {count: train.count},
    test: {count: test.count},
    sample: {perClass: SAMPLE_PER_CLASS, count: sample.length, seed: SAMPLE_SEED},
    trainSubset: {perClass: TRAIN_SUBSET_PER_CLASS, count: subset.length, seed: SAMPLE_SEED},
    trainShards: {
      count: shardCount,
      perClass: TRAIN_SHARD_PER_CLASS,
      // What a static host that gzips sends for each shard (level 6), so a page can keep a Start within its budget.
      gzipBytes: Array.from({length: shardCount}, (_, k) => gzipSync(shards[`train-shard-${k}.bin`], {level: 6}).length)
    },
    histogram: histograms(train.images, train.labels)
  };
  return {
    meta,
    members: {
      "meta.json": JSON.stringify(meta),
      "train-labels.bin": train.labels,
      "test-labels.bin": test.labels,
      "test-images.bin": test.images,
      "sample-indices.bin": bytesOf(Uint16Array.from(sample)),
      "sample-images.bin": gatherImages(test.images, sample),
      "sample-labels.bin": Uint8Array.from(sample, (i) => test.labels[i]),
      "train-subset-images.bin": gatherImages(train.images, subset),
      "train-subset-labels.bin": Uint8Array.from(subset, (i) => train.labels[i]),
      "class-means.bin": bytesOf(classMeans(train.images, train.labels)),
      ...shards
    }
  };
}

/**
 * The training subset (in label order, TRAIN_SUBSET_PER_CLASS of each class) cut into shards of
 * TRAIN_SHARD_PER_CLASS images of every class, the classes taking turns within a shard, so any
 * prefix of a shard is balanced: `train-shard-K.bin` (images) and `train-shard-labels.bin`
 * (every shard's labels, in shard order).
 */
export function trainShards(train: {images: Uint8Array; labels: Uint8Array}, subset: readonly number[], classes = 10): ArchiveMembers {
  const shards = TRAIN_SUBSET_PER_CLASS / TRAIN_SHARD_PER_CLASS;
  const members: ArchiveMembers = {};
  const labels: number[] = [];
  for (let k = 0; k < shards; k++) {
    const indices: number[] = [];
    for (let j = 0; j < TRAIN_SHARD_PER_CLASS; j++)
      for (let c = 0; c < classes; c++) indices.push(subset[c * TRAIN_SUBSET_PER_CLASS + k * TRAIN_SHARD_PER_CLASS + j]);
    members[`train-shard-${k}.bin`] = gatherImages(train.images, indices);
    labels.push(...indices.map((i) => train.labels[i]));
  }
  members["train-shard-labels.bin"] = Uint8Array.from(labels);
  return members;
}

export async function zipMembers(members: ArchiveMembers): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the archive's bytes the same from build to build; so does not creating
  // folder entries for members like "cnn/model.json" (JSZip would stamp them with today's date).
  const date = new Date(Date.UTC(2000, 0, 1));
  for (const [name, content] of Object.entries(members)) zip.file(name, content, {date, createFolders: false});
  return zip.generateAsync({type: "nodebuffer", compression: "DEFLATE", compressionOptions: {level: 6}});
}

/** Mean image of every class: 10 × 784 float32, values 0–255. */
export function classMeans(images: Uint8Array, labels: Uint8Array, classes = 10): Float32Array {
  const sums = new Float64Array(classes * PIXELS);
  const counts = new Float64Array(classes);
  labels.forEach((label, i) => {
    counts[label]++;
    const offset = label * PIXELS;
    for (let p = 0; p < PIXELS; p++) sums[offset + p] += images[i * PIXELS + p];
  });
  return Float32Array.from(sums, (sum, j) => sum / Math.max(1, counts[Math.floor(j / PIXELS)]));
}

export function histograms(images: Uint8Array, labels: Uint8Array, classes = 10): DatasetMeta["histogram"] {
  const byClass = Array.from({length: classes}, () => new Array<number>(256).fill(0));
  labels.forEach((label, i) => {
    const bins = byClass[label];
    for (let p = i * PIXELS, end = p + PIXELS; p < end; p++) bins[images[p]]++;
  });
  const all = byClass.reduce((acc, bins) => acc.map((n, v) => n + bins[v]), new Array<number>(256).fill(0));
  return {all, byClass};
}

/** The images at `indices`, in that order (784 bytes each). */
export function gatherImages(images: Uint8Array, indices: readonly number[]): Uint8Array {
  const out = new Uint8Array(indices.length * PIXELS);
  indices.forEach((index, i) => out.set(images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
  return out;
}

function bytesOf(array: Uint16Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
