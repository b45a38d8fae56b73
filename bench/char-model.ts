// The character models' cost: build-time training seconds per model (from the metrics the loader
// wrote: Framework's cache after `npm run build`, or a quick-mode run now if there is none), and
// generation speed: the step-by-step cell in plain JavaScript that the pages run (target ≥ 500
// characters/s on the cpu backend, i.e. without any tfjs acceleration), beside the naive way, one
// tfjs call on the cpu backend per character over the last window of characters.
//
//   npx tsx bench/char-model.ts [char-models.zip]   (a zip written by the loader, instead of the cache's)
import {readFileSync} from "node:fs";
import {loadavg} from "node:os";
import JSZip from "jszip";
import {pathToFileURL} from "node:url";
import type {Tensor} from "@tensorflow/tfjs";
import type {CharMetrics, CharSummary} from "../src/lib/formats/char-metrics.js";
import {
  charIndex,
  charStepper,
  charWeightsFromModel,
  encodeChars,
  feedIds,
  sampleIds,
  sampleIndex,
  withTemperature
} from "../src/lib/models/char-model.js";
import {disposeModel} from "../src/lib/training/dispose-model.js";
import {loadLayersModelFromFiles} from "../src/lib/formats/model-files.js";
import {seededRandom} from "../src/lib/core/random.js";
import {tf, useBackend} from "../src/data/lib/training/tf-node.js";
import {archive} from "./sentiment.js";

type Log = (line: string) => void;

export async function benchCharModel({log = console.log as Log, chars = 3000, naiveChars = 60, file = ""} = {}): Promise<void> {
  const {zip, source} = file ? {zip: await JSZip.loadAsync(readFileSync(file)), source: file} : await archive("char-models.zip", log);
  const json = async <T>(name: string): Promise<T> => {
    const file = zip.file(name);
    if (!file) throw new Error(`char-models.zip has no ${name}`);
    return JSON.parse(await file.async("string")) as T;
  };
  const summary = await json<CharSummary>("summary.json");
  log(`Build-time training, from the loader's metrics (${source})${summary.quick ? " QUICK MODE" : ""}, ${summary.backend}:`);
  for (const row of summary.models) {
    const m = await json<CharMetrics>(`${row.id}/metrics.json`);
    const trained = m.plan.epochs * m.plan.windowsPerEpoch * m.plan.length;
    log(
      `  ${row.id}: ${m.cell.toUpperCase()} ${m.units} units, ${m.parameters.toLocaleString("en")} weights: ${m.seconds.toFixed(1)} s training for ${trained.toLocaleString("en")} characters (${Math.round(trained / m.seconds).toLocaleString("en")} characters/s); held-out ${m.bitsPerChar.at(-1)!.toFixed(3)} bits/char (unigram ${m.unigram.toFixed(3)}, bigram ${m.bigram.toFixed(3)})`
    );
  }
  log(
    `  whole loader: ${summary.seconds.toFixed(0)} s wall, ${summary.cpuSeconds.toFixed(0)} CPU s (wall times include any other load on the machine then)`
  );

  await useBackend("cpu");
  log(`\nGeneration (load average ${loadavg()[0].toFixed(2)}):`);
  for (const row of summary.models) {
    const m = await json<CharMetrics>(`${row.id}/metrics.json`);
    const model = await loadLayersModelFromFiles(
      tf,
      await zip.file(`${row.id}/model.json`)!.async("string"),
      await zip.file(`${row.id}/weights.bin`)!.async("uint8array")
    );
    try {
      const seed = encodeChars(m.sample.seedText, charIndex(m.vocab));
      // The pages' way: the cell's state kept between characters, one step per character.
      const stepper = charStepper(charWeightsFromModel(model, m.cell));
      sampleIds(stepper, feedIds(stepper, seed), 200, {temperature: 0.7, random: seededRandom(1)});
      stepper.reset();
      const started = performance.now();
      sampleIds(stepper, feedIds(stepper, seed), chars, {temperature: 0.7, random: seededRandom(1)});
      const perSecond = (seed.length + chars) / ((performance.now() - started) / 1000);
      // The naive way: the whole tfjs model on the last `window` characters for every new one.
      const window = m.plan.length;
      const random = seededRandom(1);
      const ids = Array.from(seed);
      const tensorsBefore = tf.memory().numTensors;
      const naiveStart = performance.now();
      for (let k = 0; k < naiveChars; k++) {
        const context = Int32Array.from(ids.slice(-window));
        const p = tf.tidy(() => {
          const out = model.predict(tf.oneHot(tf.tensor2d(context, [1, context.length], "int32"), m.vocab.length).toFloat()) as Tensor;
          return out.slice([0, context.length - 1, 0], [1, 1, m.vocab.length]).dataSync() as Float32Array;
        });
        ids.push(
          sampleIndex(
            withTemperature(
              Float32Array.from(p, (v, i) => (i === 0 ? 0 : v)),
              0.7
            ),
            random
          )
        );
      }
      const naive = naiveChars / ((performance.now() - naiveStart) / 1000);
      const leak = tf.memory().numTensors !== tensorsBefore ? ` TENSOR LEAK ${tensorsBefore} → ${tf.memory().numTensors}` : "";
      log(
        `  ${row.id}: step-by-step cell in plain JavaScript ${Math.round(perSecond).toLocaleString("en")} characters/s (target ≥ 500); tfjs cpu backend, one call per character over the last ${window}: ${naive.toFixed(1)} characters/s${leak}`
      );
    } finally {
      disposeModel(model);
    }
  }
  await useBackend("wasm");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCharModel({file: process.argv[2] ?? ""}).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
