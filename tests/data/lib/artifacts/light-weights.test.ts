// What packaging ships for the models listed in light-weights.ts: the sentiment LSTM's embedding
// as uint8 (each weight at the nearest of 256 levels) and its other weights as float16 (each the
// float16 nearest its committed float32), deep-sentiment's networks as float16; every other member
// byte for byte as committed, but the character models' metrics, which leave out what no page reads
// of epochs[] (sample, a repeat of samples[].text; bitsPerChar, a repeat of bitsPerChar[];
// trainBitsPerChar and seconds) and ship samples[] as a member of its own; models/ itself is not touched.
import JSZip from "jszip";
import {describe, expect, test} from "vitest";
import {readArtifact} from "../../../../src/data/lib/artifacts/artifact.js";
import {
  LIGHT_MODELS,
  shippedMembers,
  withFieldsMoved,
  withLightWeights,
  withoutFields
} from "../../../../src/data/lib/artifacts/light-weights.js";
import {packageArtifact} from "../../../../src/data/lib/artifacts/package-artifact.js";
import {recipeById} from "../../../../src/data/lib/recipes/index.js";
import {float16Bits, float16Value} from "../../../../src/lib/formats/float16.js";
import {weightsFromFiles, type WeightSpec} from "../../../../src/lib/formats/model-files.js";
import {memberText} from "../../../../src/data/lib/datasets/dataset-archive.js";

const specs = (json: Uint8Array | string) =>
  (JSON.parse(memberText(json)) as {weightsManifest: {weights: WeightSpec[]}[]}).weightsManifest.flatMap((g) => g.weights);
const EMBEDDING = "embedding/embeddings";

describe("light packaging", () => {
  test("char-models: metrics ship without the epochs[] fields no page reads, samples[] in a member of its own; nothing else changes", () => {
    const {members} = readArtifact(recipeById("char-models"));
    const shipped = shippedMembers("char-models", members);
    const ids = ["moby-lstm", "sotu-lstm", "moby-gru"];
    expect(Object.keys(shipped).sort()).toEqual([...Object.keys(members), ...ids.map((id) => `${id}/samples.json`)].sort());
    for (const id of ids) {
      const before = JSON.parse(memberText(members[`${id}/metrics.json`]));
      const after = JSON.parse(memberText(shipped[`${id}/metrics.json`]));
      // What is left out repeats what ships, or no page reads it.
      expect(before.epochs.map((e: {sample: string}) => e.sample)).toEqual(before.samples.map((s: {text: string}) => s.text));
      expect(before.epochs.map((e: {bitsPerChar: number}) => e.bitsPerChar)).toEqual(before.bitsPerChar);
      expect(after.epochs).toEqual(
        before.epochs.map(({epoch, learningRate}: {epoch: number; learningRate: number}) => ({epoch, learningRate}))
      );
      const {epochs: _e1, samples, ...rest1} = before;
      const {epochs: _e2, ...rest2} = after;
      expect(rest2).toEqual(rest1);
      expect(JSON.parse(memberText(shipped[`${id}/samples.json`]))).toEqual(samples);
    }
    for (const name of ["passages.json", "summary.json", "moby-text.json"])
      expect(Buffer.from(memberText(shipped[name])).equals(Buffer.from(members[name])), name).toBe(true);
    // The generation page's first view: the Moby Dick LSTM's metrics, under a seventh of the committed file.
    expect(memberText(shipped["moby-lstm/metrics.json"]).length).toBeLessThan(memberText(members["moby-lstm/metrics.json"]).length / 7);
  });

  test("a moved field must exist, and its new member must not", () => {
    expect(() => withFieldsMoved({"a-lstm/metrics.json": "{}"}, [{members: /metrics/, field: "samples", to: "samples.json"}])).toThrow(
      /no field samples/
    );
    expect(() =>
      withFieldsMoved({"a/metrics.json": '{"samples": []}', "a/samples.json": "[]"}, [
        {members: /metrics/, field: "samples", to: "samples.json"}
      ])
    ).toThrow(/already a member/);
    expect(
      withFieldsMoved({"a/metrics.json": '{"samples": [1], "b": 2}'}, [{members: /metrics/, field: "samples", to: "samples.json"}])
    ).toEqual({
      "a/metrics.json": '{"b":2}',
      "a/samples.json": "[1]"
    });
  });

  test("a dropped field's array must exist", () => {
    expect(() => withoutFields({"a-lstm/metrics.json": "{}"}, [{members: /metrics/, array: "epochs", field: "sample"}])).toThrow(
      /no array epochs/
    );
  });

  test("the table", () => {
    expect(LIGHT_MODELS.sentiment).toEqual([{folder: "lstm", uint8: [EMBEDDING]}]);
    expect(LIGHT_MODELS["deep-sentiment"].map((m) => m.folder)).toEqual(["depth-1", "depth-2", "depth-3"]);
  });

  test("the sentiment LSTM: the embedding at the nearest uint8 level, the rest the nearest float16; other members as committed", () => {
    const {members} = readArtifact(recipeById("sentiment"));
    const shipped = shippedMembers("sentiment", members);
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(members).sort());
    for (const name of Object.keys(members).filter((n) => !n.startsWith("lstm/")))
      expect(Buffer.from(shipped[name] as Uint8Array).equals(Buffer.from(members[name])), name).toBe(true);
    const before = weightsFromFiles(JSON.parse(memberText(members["lstm/model.json"])), members["lstm/weights.bin"]);
    const after = weightsFromFiles(JSON.parse(memberText(shipped["lstm/model.json"])), shipped["lstm/weights.bin"] as Uint8Array);
    const shippedSpecs = specs(shipped["lstm/model.json"]);
    let expectedBytes = 0;
    for (const spec of shippedSpecs) {
      const a = before.get(spec.name)!.dataSync();
      const b = after.get(spec.name)!.dataSync();
      if (spec.name === EMBEDDING) {
        const {min, scale} = spec.quantization as {min: number; scale: number};
        expect(spec.quantization).toMatchObject({dtype: "uint8", original_dtype: "float32"});
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < a.length; i++) [lo, hi] = [Math.min(lo, a[i]), Math.max(hi, a[i])];
        // 256 levels from the smallest committed weight to the largest.
        expect(min).toBe(lo);
        expect(scale).toBeCloseTo((hi - lo) / 255, 12);
        for (let i = 0; i < a.length; i++)
          if (!(Math.abs(b[i] - a[i]) <= scale / 2 + 1e-7)) throw new Error(`${spec.name}[${i}]: ${a[i]} shipped as ${b[i]}`);
        expectedBytes += a.length;
      } else {
        expect(spec.quantization, spec.name).toEqual({dtype: "float16", original_dtype: "float32"});
        for (let i = 0; i < a.length; i++)
          if (b[i] !== float16Value(float16Bits(a[i]))) throw new Error(`${spec.name}[${i}]: ${a[i]} shipped as ${b[i]}`);
        expectedBytes += 2 * a.length;
      }
    }
    expect((shipped["lstm/weights.bin"] as Uint8Array).length).toBe(expectedBytes);
    // The committed artifact still reads as float32.
    expect(specs(readArtifact(recipeById("sentiment")).members["lstm/model.json"]).every((s) => !s.quantization)).toBe(true);
  });

  test("deep-sentiment: every weight of the three networks the nearest float16", () => {
    const {members} = readArtifact(recipeById("deep-sentiment"));
    const shipped = shippedMembers("deep-sentiment", members);
    for (const folder of ["depth-1", "depth-2", "depth-3"]) {
      expect((shipped[`${folder}/weights.bin`] as Uint8Array).length * 2).toBe(members[`${folder}/weights.bin`].length);
      const before = weightsFromFiles(JSON.parse(memberText(members[`${folder}/model.json`])), members[`${folder}/weights.bin`]);
      const after = weightsFromFiles(
        JSON.parse(memberText(shipped[`${folder}/model.json`])),
        shipped[`${folder}/weights.bin`] as Uint8Array
      );
      for (const [name, tensor] of before) {
        const a = tensor.dataSync();
        const b = after.get(name)!.dataSync();
        for (let i = 0; i < a.length; i++)
          if (b[i] !== float16Value(float16Bits(a[i]))) throw new Error(`${folder} ${name}[${i}]: ${a[i]} shipped as ${b[i]}`);
      }
    }
  });

  test("the loader's zip holds the light LSTM", async () => {
    const zip = await JSZip.loadAsync(
      await packageArtifact(recipeById("sentiment"), {...process.env, WORKBOOK_TRAIN: "0", WORKBOOK_QUICK: "0"})
    );
    const json = await zip.file("lstm/model.json")!.async("string");
    expect(specs(json).map((s) => s.quantization?.dtype)).toEqual(["uint8", "float16", "float16", "float16", "float16", "float16"]);
  });

  test("a recipe not listed ships unchanged; a listed folder that is not a model, or a weight it lacks, is an error", () => {
    const members = {"a/model.json": "{}", "b.txt": "x"};
    expect(shippedMembers("no-such-recipe", members)).toEqual(members);
    expect(() => withLightWeights(members, [{folder: "a"}])).toThrow(/a\/model.json and a\/weights.bin are not both members/);
    const {members: sentiment} = readArtifact(recipeById("sentiment"));
    expect(() => withLightWeights(sentiment, [{folder: "lstm", uint8: ["nope/kernel"]}])).toThrow(
      /no weight nope\/kernel to store as uint8/
    );
  });
});
