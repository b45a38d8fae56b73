// What packaging ships for the models listed in light-weights.ts: their weights as float16
// (half the bytes, each weight the float16 nearest its committed float32), everything else
// byte for byte as committed; models/ itself is not touched.
import JSZip from "jszip";
import {describe, expect, test} from "vitest";
import {readArtifact} from "../../../../src/data/lib/artifacts/artifact.js";
import {LIGHT_MODELS, shippedMembers, withLightWeights} from "../../../../src/data/lib/artifacts/light-weights.js";
import {packageArtifact} from "../../../../src/data/lib/artifacts/package-artifact.js";
import {recipeById} from "../../../../src/data/lib/recipes/index.js";
import {float16Bits, float16Value} from "../../../../src/lib/formats/float16.js";
import {weightsFromFiles, type WeightSpec} from "../../../../src/lib/formats/model-files.js";

const text = (content: Uint8Array | string) => (typeof content === "string" ? content : new TextDecoder().decode(content));
const specs = (json: Uint8Array | string) =>
  (JSON.parse(text(json)) as {weightsManifest: {weights: WeightSpec[]}[]}).weightsManifest.flatMap((g) => g.weights);

describe("float16 packaging", () => {
  test("the sentiment LSTM ships as float16, each weight the nearest float16 to the committed one; the rest is as committed", async () => {
    expect(LIGHT_MODELS.sentiment).toEqual(["lstm"]);
    expect(LIGHT_MODELS["deep-sentiment"]).toEqual(["depth-1", "depth-2", "depth-3"]);
    const {members} = readArtifact(recipeById("sentiment"));
    const shipped = shippedMembers("sentiment", members);
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(members).sort());
    for (const name of Object.keys(members).filter((n) => !n.startsWith("lstm/")))
      expect(Buffer.from(shipped[name] as Uint8Array).equals(Buffer.from(members[name])), name).toBe(true);
    expect((shipped["lstm/weights.bin"] as Uint8Array).length * 2).toBe(members["lstm/weights.bin"].length);
    for (const spec of specs(shipped["lstm/model.json"]))
      expect(spec.quantization, spec.name).toEqual({dtype: "float16", original_dtype: "float32"});
    const before = weightsFromFiles(JSON.parse(text(members["lstm/model.json"])), members["lstm/weights.bin"]);
    const after = weightsFromFiles(JSON.parse(text(shipped["lstm/model.json"])), shipped["lstm/weights.bin"] as Uint8Array);
    for (const [name, tensor] of before) {
      const a = tensor.dataSync();
      const b = after.get(name)!.dataSync();
      for (let i = 0; i < a.length; i++)
        if (b[i] !== float16Value(float16Bits(a[i]))) throw new Error(`${name}[${i}]: ${a[i]} shipped as ${b[i]}`);
    }
    // The committed artifact still reads as float32.
    expect(specs(readArtifact(recipeById("sentiment")).members["lstm/model.json"]).every((s) => !s.quantization)).toBe(true);
  });

  test("the loader's zip holds the float16 LSTM", async () => {
    const zip = await JSZip.loadAsync(
      await packageArtifact(recipeById("sentiment"), {...process.env, WORKBOOK_TRAIN: "0", WORKBOOK_QUICK: "0"})
    );
    const json = await zip.file("lstm/model.json")!.async("string");
    expect(specs(json).every((s) => s.quantization?.dtype === "float16")).toBe(true);
    expect((await zip.file("lstm/weights.bin")!.async("uint8array")).length).toBe(
      readArtifact(recipeById("sentiment")).members["lstm/weights.bin"].length / 2
    );
  });

  test("a recipe not listed ships unchanged; a listed folder that is not a model is an error", () => {
    const members = {"a/model.json": "{}", "b.txt": "x"};
    expect(shippedMembers("no-such-recipe", members)).toEqual(members);
    expect(() => withLightWeights(members, ["a"])).toThrow(/a\/model.json and a\/weights.bin are not both members/);
  });
});
