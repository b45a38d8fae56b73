// A layers model's files with light weights (float16, and uint8 where asked): tfjs's own loader
// (tf.io.decodeWeights, the independent reference) and weightsFromFiles read them back as the
// same float32 numbers, each within 2^-11 (relative; uint8: scale / 2) of the original, and the
// reloaded model predicts as the original does.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {
  lightModelFiles,
  layersModelFiles,
  loadLayersModelFromFiles,
  weightsFromFiles,
  type WeightSpec
} from "../../../src/lib/formats/model-files.js";
import {maxAbsDiff} from "../../helpers/tensor-helpers.js";

let model: LayersModel;
let files: {"model.json": string; "weights.bin": Uint8Array};
let half: {"model.json": string; "weights.bin": Uint8Array};
const specsOf = (json: string) => (JSON.parse(json) as {weightsManifest: {weights: WeightSpec[]}[]}).weightsManifest[0].weights;

beforeAll(async () => {
  await useBackend("wasm");
  // An embedding, an LSTM and a softmax read-out, like the sentiment network, made small.
  model = tf.sequential({
    layers: [
      tf.layers.embedding({
        name: "embedding",
        inputDim: 50,
        outputDim: 8,
        inputLength: 6,
        embeddingsInitializer: tf.initializers.randomUniform({minval: -1, maxval: 1, seed: 1})
      }),
      tf.layers.lstm({
        units: 5,
        kernelInitializer: tf.initializers.glorotUniform({seed: 2}),
        recurrentInitializer: tf.initializers.orthogonal({seed: 3})
      }),
      tf.layers.dense({units: 2, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({seed: 4})})
    ]
  });
  files = await layersModelFiles(tf, model);
  half = lightModelFiles(files["model.json"], files["weights.bin"]);
});

afterAll(() => model.dispose());

describe("lightModelFiles", () => {
  test("half the bytes; every entry marked as tfjs marks float16 weights; the topology untouched", () => {
    expect(half["weights.bin"].length * 2).toBe(files["weights.bin"].length);
    for (const spec of specsOf(half["model.json"])) {
      expect(spec.dtype).toBe("float32");
      expect(spec.quantization).toEqual({dtype: "float16", original_dtype: "float32"});
    }
    expect(JSON.parse(half["model.json"]).modelTopology).toEqual(JSON.parse(files["model.json"]).modelTopology);
  });

  test("tfjs's decodeWeights and weightsFromFiles read the same numbers, each within 2^-11 of the float32 one", () => {
    const original = weightsFromFiles(JSON.parse(files["model.json"]), files["weights.bin"]);
    const ours = weightsFromFiles(JSON.parse(half["model.json"]), half["weights.bin"]);
    const bytes = half["weights.bin"];
    const theirs = tf.io.decodeWeights(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      specsOf(half["model.json"]) as never
    );
    expect([...ours.keys()]).toEqual(Object.keys(theirs));
    let changed = 0;
    for (const [name, tensor] of ours) {
      const reference = theirs[name].dataSync();
      expect(Array.from(tensor.dataSync()), name).toEqual(Array.from(reference));
      const before = original.get(name)!.dataSync();
      for (let i = 0; i < before.length; i++) {
        const error = Math.abs(reference[i] - before[i]);
        expect(error).toBeLessThanOrEqual(Math.max(Math.abs(before[i]) * 2 ** -11, 2 ** -25));
        if (error > 0) changed++;
      }
      theirs[name].dispose();
    }
    // Not a no-op: most weights do move.
    expect(changed).toBeGreaterThan(100);
  });

  test("the reloaded model predicts as the original, within float16's rounding", async () => {
    const reloaded = await loadLayersModelFromFiles(tf, half["model.json"], half["weights.bin"]);
    try {
      const ids = tf.tensor2d(
        Int32Array.from({length: 24}, (_, i) => (i * 7) % 50),
        [4, 6],
        "int32"
      );
      const [a, b] = [model, reloaded].map((m) => tf.tidy(() => (m.predict(ids) as Tensor).dataSync()));
      ids.dispose();
      const diff = maxAbsDiff(a, b);
      expect(diff).toBeGreaterThan(0);
      expect(diff).toBeLessThan(1e-2);
    } finally {
      reloaded.dispose();
    }
  });

  test("a weight beyond float16's range, or a manifest of two files, is refused with a message", () => {
    const specs = [{name: "w", shape: [2], dtype: "float32"}];
    const json = (weightsManifest: unknown) => JSON.stringify({modelTopology: {}, weightsManifest});
    const big = new Uint8Array(Float32Array.of(1, 70000).buffer);
    expect(() => lightModelFiles(json([{paths: ["weights.bin"], weights: specs}]), big)).toThrow(
      /weight w reaches 70000, beyond float16's range/
    );
    expect(() =>
      lightModelFiles(
        json([
          {paths: ["a.bin"], weights: specs},
          {paths: ["b.bin"], weights: specs}
        ]),
        new Uint8Array(16)
      )
    ).toThrow(/one group/);
  });
});

describe("weightsFromFiles", () => {
  test("float32 and float16 entries side by side, each at its own offset", () => {
    const json = {
      modelTopology: {},
      weightsManifest: [
        {
          paths: ["weights.bin"],
          weights: [
            {name: "a", shape: [2], dtype: "float32"},
            {name: "b", shape: [3], dtype: "float32", quantization: {dtype: "float16", original_dtype: "float32"}},
            {name: "c", shape: [1], dtype: "float32"}
          ]
        }
      ]
    };
    const bytes = new Uint8Array(8 + 6 + 4);
    new DataView(bytes.buffer).setFloat32(0, 0.25, true);
    new DataView(bytes.buffer).setFloat32(4, -3, true);
    // 1, −2, 65504 as float16: 0x3c00, 0xc000, 0x7bff.
    bytes.set([0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b], 8);
    new DataView(bytes.buffer).setFloat32(14, 7.5, true);
    const byName = weightsFromFiles(json, bytes);
    expect(Array.from(byName.get("a")!.dataSync())).toEqual([0.25, -3]);
    expect(Array.from(byName.get("b")!.dataSync())).toEqual([1, -2, 65504]);
    expect(Array.from(byName.get("c")!.dataSync())).toEqual([7.5]);
    expect(() => weightsFromFiles(json, bytes.subarray(2))).toThrow(/weights.bin has 16 bytes, but model.json describes 18/);
  });

  test("other types (int32, uint8 without min and scale, uint16) are refused by name", () => {
    const manifest = (spec: object) => ({
      modelTopology: {},
      weightsManifest: [{paths: ["weights.bin"], weights: [{name: "q", shape: [1], ...spec}]}]
    });
    const refused = /not float32, float16 or uint8 with min and scale \(q\)/;
    expect(() => weightsFromFiles(manifest({dtype: "int32"}), new Uint8Array(4))).toThrow(refused);
    expect(() => weightsFromFiles(manifest({dtype: "float32", quantization: {dtype: "uint8"}}), new Uint8Array(1))).toThrow(refused);
    expect(() =>
      weightsFromFiles(manifest({dtype: "float32", quantization: {dtype: "uint16", min: 0, scale: 1}}), new Uint8Array(2))
    ).toThrow(refused);
  });
});

describe("uint8 weights", () => {
  test("the embedding as uint8, the rest float16: tfjs and weightsFromFiles agree, each weight within scale / 2", async () => {
    const light = lightModelFiles(files["model.json"], files["weights.bin"], {uint8: ["embedding/embeddings"]});
    const specs = specsOf(light["model.json"]);
    const embedding = specs.find((s) => s.name === "embedding/embeddings")!;
    expect(embedding.quantization).toMatchObject({dtype: "uint8", original_dtype: "float32"});
    expect(specs.filter((s) => s !== embedding).every((s) => s.quantization?.dtype === "float16")).toBe(true);
    // 400 embedding weights at one byte, the rest at two.
    expect(light["weights.bin"].length).toBe(400 + (half["weights.bin"].length - 800));
    const bytes = light["weights.bin"];
    const theirs = tf.io.decodeWeights(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      specs as never
    );
    const ours = weightsFromFiles(JSON.parse(light["model.json"]), bytes);
    const original = weightsFromFiles(JSON.parse(files["model.json"]), files["weights.bin"]);
    for (const [name, tensor] of ours) {
      expect(Array.from(tensor.dataSync()), name).toEqual(Array.from(theirs[name].dataSync()));
      theirs[name].dispose();
    }
    const {scale} = embedding.quantization as {scale: number};
    expect(maxAbsDiff(ours.get(embedding.name)!.dataSync(), original.get(embedding.name)!.dataSync())).toBeLessThanOrEqual(
      scale / 2 + 1e-7
    );
    const reloaded = await loadLayersModelFromFiles(tf, light["model.json"], light["weights.bin"]);
    reloaded.dispose();
  });
});
