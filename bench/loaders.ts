// The model loaders' cost: training throughput of the zoo's CNNs on the backend the loaders use
// (wasm with this project's kernels) against the pure-JS cpu backend on the same real batches;
// each model loader's wall time in quick mode; and the full-mode figures of the last full build,
// read from Framework's cache (or measured now with --full, which takes minutes).
//
//   npx tsx bench/loaders.ts [--full]
import {spawn} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {loadavg} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import JSZip from "jszip";
import {toUnitFloats} from "../src/lib/formats/dataset-files.js";
import {buildClassifier, type TrainableSpec} from "../src/lib/training/build-model.js";
import {disposeModel} from "../src/lib/training/dispose-model.js";
import type {ModelsSummary} from "../src/lib/formats/model-report.js";
import {MODEL_ZOO} from "../src/lib/models/zoo.js";
import {PIXELS, readMnist} from "../src/data/lib/datasets/datasets.js";
import {tf, useBackend} from "../src/data/lib/training/tf-node.js";
import {startTrainingBackend} from "../src/data/lib/training/training-backend.js";
import {ROOT} from "../tests/e2e/site.js";

const LOADERS = ["mnist-models.zip", "fashion-models.zip"] as const;

/** Median ms per training step of `spec` on the current backend, on real MNIST batches. */
async function stepTime(spec: TrainableSpec, batches: {x: Float32Array; y: Int32Array}[], warmup: number, timed: number): Promise<number> {
  const model = buildClassifier(tf, spec);
  const times: number[] = [];
  for (let i = 0; i < warmup + timed; i++) {
    const {x, y} = batches[i % batches.length];
    const xs = tf.tensor4d(x, [y.length, 28, 28, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(y, "int32"), 10));
    const start = performance.now();
    await model.trainOnBatch(xs, ys);
    if (i >= warmup) times.push(performance.now() - start);
    tf.dispose([xs, ys]);
  }
  disposeModel(model);
  return times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
}

async function throughput(log: (line: string) => void): Promise<void> {
  const mnist = readMnist();
  const batchSize = 64;
  const batches = Array.from({length: 12}, (_, b) => ({
    x: toUnitFloats(mnist.train.images.subarray(b * batchSize * PIXELS, (b + 1) * batchSize * PIXELS)),
    y: Int32Array.from(mnist.train.labels.subarray(b * batchSize, (b + 1) * batchSize))
  }));
  log(`CNN training throughput, batch ${batchSize} of real MNIST images (median step; load average ${loadavg()[0].toFixed(2)}):`);
  for (const dataset of ["mnist", "fashion"] as const) {
    const spec = MODEL_ZOO[dataset].find((s) => s.id === "cnn") as Extract<TrainableSpec, {id: "cnn"}>;
    const backend = await startTrainingBackend({prefer: "wasm"});
    const wasm = await stepTime(spec, batches, 3, 20);
    await useBackend("cpu");
    const cpu = await stepTime(spec, batches, 0, 2);
    log(`  ${dataset} CNN (${spec.description.name}):`);
    log(`    ${backend.note}: ${wasm.toFixed(1)} ms/step, ${Math.round((1000 * batchSize) / wasm).toLocaleString("en")} images/s`);
    log(
      `    tfjs cpu backend (pure JavaScript):   ${cpu.toFixed(0)} ms/step, ${((1000 * batchSize) / cpu).toFixed(1)} images/s (${(cpu / wasm).toFixed(0)}× slower)`
    );
  }
  await useBackend("wasm");
}

function runLoader(
  name: string,
  env: Record<string, string>
): Promise<{seconds: number; bytes: number; code: number | null; stderr: string}> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/data", `${name}.ts`)], {
      cwd: ROOT,
      env: {...process.env, ...env}
    });
    let bytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({seconds: (performance.now() - started) / 1000, bytes, code, stderr}));
  });
}

function printSummary(summary: ModelsSummary, log: (line: string) => void): void {
  log(`    ${summary.quick ? "QUICK MODE " : ""}${summary.seconds.toFixed(0)} s in all; ${summary.note}`);
  for (const m of summary.models) {
    log(
      `      ${m.name.padEnd(24)} ${(100 * m.testAccuracy).toFixed(2).padStart(6)}%  trained ${m.trainingSeconds.toFixed(1).padStart(6)} s${m.epochs.length ? ` (${m.epochs.length} epochs)` : ""}, tested ${m.testSeconds.toFixed(1)} s, ${m.parameters.toLocaleString("en")} parameters`
    );
  }
}

export async function benchLoaders({full = false, log = console.log}: {full?: boolean; log?: (line: string) => void} = {}): Promise<void> {
  await throughput(log);
  log(`\nModel loaders in quick mode (WORKBOOK_QUICK=1), wall time including tsx start-up:`);
  for (const name of LOADERS) {
    const run = await runLoader(name, {WORKBOOK_QUICK: "1"});
    log(
      `  ${name}: ${run.code === 0 ? `${run.seconds.toFixed(1)} s, ${(run.bytes / 2 ** 20).toFixed(1)} MiB` : `FAILED (${run.stderr.trim().split("\n").at(-1)})`}`
    );
  }
  log(
    full
      ? `\nModel loaders in full mode, measured now:`
      : `\nModel loaders in full mode, from the last full build (Framework's cache; \`--full\` measures them now):`
  );
  for (const name of LOADERS) {
    let zipBytes: Buffer | null = null;
    if (full) {
      const out: Buffer[] = [];
      const started = performance.now();
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/data", `${name}.ts`)], {
          cwd: ROOT,
          env: {...process.env, WORKBOOK_QUICK: ""},
          stdio: ["ignore", "pipe", "inherit"]
        });
        child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
        child.on("error", reject);
        child.on("close", resolve);
      });
      log(`  ${name}: ${code === 0 ? `${((performance.now() - started) / 1000).toFixed(0)} s wall time` : "FAILED"}`);
      if (code === 0) zipBytes = Buffer.concat(out);
    } else {
      const cached = join(ROOT, "src/.observablehq/cache/data", name);
      if (!existsSync(cached)) {
        log(`  ${name}: not in the cache (run \`npm run build\`, or use --full)`);
        continue;
      }
      zipBytes = readFileSync(cached);
      log(`  ${name} (cached):`);
    }
    if (!zipBytes) continue;
    const zip = await JSZip.loadAsync(zipBytes);
    const summary = JSON.parse(await zip.file("summary.json")!.async("string")) as ModelsSummary;
    printSummary(summary, log);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchLoaders({full: process.argv.includes("--full")}).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
