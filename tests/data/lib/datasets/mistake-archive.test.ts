// The archive of test images the practical's models got wrong, against the committed metrics.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {PIXELS} from "../../../../src/lib/formats/dataset-files.js";
import {mistakeMembers} from "../../../../src/data/lib/datasets/mistake-archive.js";
import {MODELS_DIR} from "../../../../src/data/lib/artifacts/artifact.js";

describe("mistakeMembers", () => {
  test("ships each test image some model got wrong once, in index order, with its index", () => {
    const images = Uint8Array.from({length: 6 * PIXELS}, (_, p) => Math.floor(p / PIXELS));
    const members = mistakeMembers(images, [{misclassified: {index: [4, 1]}}, {misclassified: {index: [1, 5]}}]);
    expect([...new Uint16Array((members["indices.bin"] as Uint8Array).slice().buffer)]).toEqual([1, 4, 5]);
    const shipped = members["images.bin"] as Uint8Array;
    expect(shipped.length).toBe(3 * PIXELS);
    expect([0, 1, 2].map((i) => shipped[i * PIXELS])).toEqual([1, 4, 5]);
  });

  test.each(["mnist-models", "fashion-models"])(
    "the committed %s: fewer images than the test set, every model's mistakes among them",
    (id) => {
      const metrics = ["softmax", "mlp", "knn", "cnn"].map(
        (m) => JSON.parse(readFileSync(join(MODELS_DIR, id, m, "metrics.json"), "utf8")) as {misclassified: {index: number[]}}
      );
      const members = mistakeMembers(new Uint8Array(10_000 * PIXELS), metrics);
      const indices = new Set(new Uint16Array((members["indices.bin"] as Uint8Array).slice().buffer));
      expect(indices.size).toBeLessThan(10_000);
      for (const m of metrics) expect(m.misclassified.index.every((i) => indices.has(i))).toBe(true);
      expect((members["images.bin"] as Uint8Array).length).toBe(indices.size * PIXELS);
    }
  );
});
