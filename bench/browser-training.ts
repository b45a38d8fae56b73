// Training throughput of the "Train it yourself" page's default network in headless Chromium,
// on the wasm and cpu backends (the machine has no GPU; webgl would run on a software
// rasteriser), through the page itself: its fields, its Start button, its own timing of the
// training steps (validation checks and drawing are not counted). One short warm-up run, then a
// measured run, per backend; the page is closed before it tests on the 10,000 test images.
//
//   npx tsx bench/browser-training.ts            (builds the site in a scratch folder first)
//   npx tsx bench/browser-training.ts dist       (or measure an existing build)
import {pathToFileURL} from "node:url";
import type {Browser} from "playwright-core";
import {waitForSettled} from "../tests/e2e/site.js";
import {distArgument, loadNote, withBrowserSite} from "./browser-site.js";
import {DEFAULT_TEXT} from "../src/lib/training/train-settings.js";

/** Training images per measured run: a few batches of the default size (64) per backend. */
const IMAGES = {wasm: 1280, cpu: 256} as const;

type Backend = keyof typeof IMAGES;

async function measure(browser: Browser, origin: string, backend: Backend): Promise<{images: number; seconds: number}[]> {
  const page = await browser.newPage({viewport: {width: 1200, height: 900}});
  try {
    await page.goto(`${origin}/practical/train.html`);
    await waitForSettled(page);
    await page.getByLabel(backend, {exact: true}).check();
    await page.getByText(`TensorFlow.js runs on ${backend}`).waitFor();
    await page.getByRole("textbox", {name: "Epochs", exact: true}).fill("1");
    const runs: {images: number; seconds: number}[] = [];
    for (const [run, images] of [
      [1, 128],
      [2, IMAGES[backend]]
    ] as const) {
      await page.getByRole("textbox", {name: "Training images", exact: true}).fill(String(images));
      await page.getByRole("button", {name: "Start"}).click();
      // Training is over when the page moves on to testing (or ends); read its own step timing then.
      await page.waitForFunction(
        (n) => {
          const s = document.querySelector<HTMLElement>("#train-status")?.dataset;
          return s?.run === String(n) && ["testing", "done", "stopped", "failed"].includes(s.phase ?? "");
        },
        run,
        {timeout: 900_000}
      );
      const s = await page.evaluate(() => ({...document.querySelector<HTMLElement>("#train-status")!.dataset}));
      if (s.phase === "failed") throw new Error(`training failed on ${backend}: ${await page.textContent("#train-status")}`);
      runs.push({images: Number(s.seen), seconds: Number(s.seconds)});
      // Let the test pass finish before the next run (the Start button waits for it).
      await page.waitForFunction(
        (n) =>
          document.querySelector<HTMLElement>("#train-status")?.dataset.run === String(n) &&
          document.querySelector<HTMLElement>("#train-status")?.dataset.phase !== "testing",
        run,
        {timeout: 900_000}
      );
    }
    return runs;
  } finally {
    await page.close();
  }
}

export async function benchBrowserTraining(dist?: string): Promise<void> {
  const rows: [string, string, string][] = [];
  await withBrowserSite("browser training", dist, async (browser, origin) => {
    for (const backend of Object.keys(IMAGES) as Backend[]) {
      console.log(`browser training: ${backend}…`);
      const [warm, measured] = await measure(browser, origin, backend);
      rows.push([
        backend,
        `${(warm.images / warm.seconds).toFixed(0)}`,
        `${(measured.images / measured.seconds).toFixed(0)} (${measured.images} images in ${measured.seconds.toFixed(1)} s)`
      ]);
    }
  });
  if (rows.length === 0) return;
  console.log(
    `\nTrain it yourself, default network (conv ${DEFAULT_TEXT.filters} ${DEFAULT_TEXT.kernel}×${DEFAULT_TEXT.kernel}, max pool, dense ${DEFAULT_TEXT.dense}, dropout ${DEFAULT_TEXT.dropout}; Adam, batch ${DEFAULT_TEXT.batchSize}), headless Chromium`
  );
  console.log(loadNote("lowers these"));
  console.log(`${"backend".padEnd(10)}${"warm-up run, images/s".padEnd(24)}measured run, images/s`);
  for (const [backend, warm, measured] of rows) console.log(`${backend.padEnd(10)}${warm.padEnd(24)}${measured}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  await benchBrowserTraining(distArgument(arg));
}
