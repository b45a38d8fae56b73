// `npm run train [id …] [--quick] [--force] [--list]`: train model recipes and commit-ready
// artifacts into models/<id>/ (see src/data/lib/artifacts/artifact.ts).
//   no id        every recipe, in RECIPES order
//   --list       every recipe: when it was last trained, how long it took, whether it is current
//   --quick      train the small variant into a scratch folder and print its fingerprint only
//   --force      retrain even a current artifact (otherwise a current one is skipped, so an
//                interrupted run resumes where it stopped)
// Each model first runs in quick mode (seconds to a minute) for its fingerprint, then in full.
import {cpus} from "node:os";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {
  fingerprint,
  MANIFEST,
  MODELS_DIR,
  packageVersion,
  readManifest,
  recipeDifference,
  recipeRecord,
  writeArtifact,
  type Manifest
} from "../src/data/lib/artifacts/artifact.js";
import {runRecipe} from "../src/data/lib/artifacts/train-runs.js";
import type {Recipe} from "../src/data/lib/artifacts/recipe.js";
import {RECIPES, recipeById} from "../src/data/lib/recipes/index.js";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const unknown = [...flags].filter((f) => !["--list", "--quick", "--force"].includes(f));
if (unknown.length) fail(`unknown option ${unknown.join(" ")}; options: --list, --quick, --force`);
let recipes: readonly Recipe[];
try {
  const ids = args.filter((a) => !a.startsWith("--"));
  recipes = ids.length ? ids.map(recipeById) : RECIPES;
} catch (error) {
  fail((error as Error).message);
}

const started = performance.now();
const clock = (from = started) => {
  const s = Math.round((performance.now() - from) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

if (flags.has("--list")) {
  for (const recipe of recipes) console.log(describe(recipe.id));
} else {
  for (const recipe of recipes) await train(recipe.id);
}

function describe(id: string): string {
  const recipe = recipeById(id);
  if (!existsSync(join(MODELS_DIR, id, MANIFEST))) return `${id.padEnd(16)} never trained here — ${recipe.description}`;
  try {
    const m = readManifest(id);
    const stale = recipeDifference(m, recipe);
    return `${id.padEnd(16)} trained ${m.training.date.slice(0, 10)} in ${formatSeconds(m.training.wallSeconds)} (${Math.round(m.training.cpuSeconds)} CPU s, ${m.training.threads} thread(s))${stale ? ` — STALE: ${stale}` : ""} — ${recipe.description}`;
  } catch (error) {
    return `${id.padEnd(16)} ${(error as Error).message}`;
  }
}

async function train(id: string): Promise<void> {
  const recipe = recipeById(id);
  // Remaining time: the last full run's duration, where there was one, less the time so far.
  const previous = lastWallSeconds(id);
  const left = (from: number) =>
    previous === null ? "" : `, ~${formatSeconds(Math.max(0, previous - (performance.now() - from) / 1000))} left`;
  const log =
    (from: number, full = false) =>
    (line: string) =>
      process.stderr.write(`[${clock()} total, ${clock(from)} ${id}${full ? left(from) : ""}] ${line}\n`);
  const quickStart = performance.now();
  process.stderr.write(`[${clock()}] ${id}: quick run for the fingerprint…\n`);
  const quick = await runRecipe(id, "quick", log(quickStart));
  const print = fingerprint(quick.members);
  process.stderr.write(`[${clock()}] ${id}: fingerprint ${print} (quick run ${quick.wallSeconds.toFixed(1)} s)\n`);
  if (flags.has("--quick")) return void console.log(`${id} ${print}`);
  if (!flags.has("--force") && existsSync(join(MODELS_DIR, id, MANIFEST))) {
    try {
      const old = readManifest(id);
      if (!recipeDifference(old, recipe) && old.fingerprint === print)
        return void process.stderr.write(`[${clock()}] ${id}: current (same recipe and fingerprint); skipped (--force retrains)\n`);
    } catch {
      // An unreadable manifest: retrain.
    }
  }
  const fullStart = performance.now();
  process.stderr.write(`[${clock()}] ${id}: full training…\n`);
  const full = await runRecipe(id, "full", log(fullStart, true));
  const manifest: Omit<Manifest, "files" | "format" | "version"> = {
    id,
    description: recipe.description,
    recipe: recipeRecord(recipe),
    fingerprint: print,
    training: {
      command: `npm run train ${id}`,
      date: new Date().toISOString(),
      wallSeconds: Math.round(full.wallSeconds * 10) / 10,
      cpuSeconds: Math.round(full.cpuSeconds),
      node: process.version,
      tfjs: packageVersion("@tensorflow/tfjs"),
      wasmBackend: packageVersion("@tensorflow/tfjs-backend-wasm"),
      threads: process.env.WORKBOOK_THREADS === "1" ? 1 : 2,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`
    }
  };
  const written = writeArtifact(full.members, manifest);
  const bytes = Object.values(written.files).reduce((sum, f) => sum + f.bytes, 0);
  process.stderr.write(
    `[${clock()}] ${id}: wrote models/${id}/ (${Object.keys(written.files).length} files, ${(bytes / 2 ** 20).toFixed(2)} MiB) after ${formatSeconds(full.wallSeconds)} of training\n`
  );
}

function lastWallSeconds(id: string): number | null {
  try {
    return readManifest(id).training.wallSeconds;
  } catch {
    return null;
  }
}

function formatSeconds(s: number): string {
  return s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`;
}

function fail(message: string): never {
  process.stderr.write(`npm run train: ${message}\n`);
  process.exit(2);
}
