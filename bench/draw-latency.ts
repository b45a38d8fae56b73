// How long the draw page takes to answer a drawing, measured in headless Chromium on a freshly
// built site with the page's own code, on the pure-JavaScript cpu backend (?backend=cpu) and on
// wasm:
//
//   npx tsx bench/draw-latency.ts          (builds the site in a scratch folder first)
//   npx tsx bench/draw-latency.ts dist     (or measure an existing build)
//
// Each sample is a stroke drawn with the real (Playwright) mouse. "Prediction" is the page's own
// figure: preprocessing (bounding box, 20×20 area-filtered scaling, centre-of-mass shift) plus the
// CNN's every layer read back to JavaScript (all the feature maps and the probabilities).
// "To updated page" runs from the pointerup event until the new timing line and the new feature
// maps are both in the DOM: the canvas read-back, the Observable runtime, the probability chart
// and the 98 feature-map canvases (layout and paint not included).
import {pathToFileURL} from "node:url";
import type {Page} from "playwright-core";
import {waitForSettled} from "../tests/e2e/site.js";
import {distArgument, loadNote, printLatencies, withBrowserSite} from "./browser-site.js";

const SAMPLES = 40;
const WARM_UP = 5;

/** One stroke; resolves with the page's prediction time and pointerup → new timing line in DOM. */
async function sample(page: Page, i: number): Promise<{prediction: number; page: number}> {
  const canvas = page.locator(".sketchpad canvas").first();
  const box = (await canvas.boundingBox())!;
  // Arm the watcher: the next timing line that replaces the current one, and when pointerup fired.
  await page.evaluate(() => {
    const w = window as unknown as {__drawBench: Promise<{ms: number; at: number}>; __pointerUp: number};
    const before = document.querySelector(".draw-latency");
    const beforeMaps = document.querySelector(".layer-maps");
    window.addEventListener("pointerup", () => (w.__pointerUp = performance.now()), {once: true, capture: true});
    w.__drawBench = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const now = document.querySelector<HTMLElement>(".draw-latency");
        const maps = document.querySelector(".layer-maps");
        if (now && now !== before && maps && maps !== beforeMaps && w.__pointerUp) {
          observer.disconnect();
          resolve({ms: Number(now.dataset.ms), at: performance.now()});
        }
      });
      observer.observe(document.body, {childList: true, subtree: true});
    });
  });
  const x = (f: number) => box.x + box.width * f;
  const y = (f: number) => box.y + box.height * f;
  await page.mouse.move(x(0.3 + (i % 5) * 0.05), y(0.25));
  await page.mouse.down();
  await page.mouse.move(x(0.7), y(0.3), {steps: 4});
  await page.mouse.move(x(0.45), y(0.8), {steps: 4});
  await page.mouse.up();
  return page.evaluate(async () => {
    const w = window as unknown as {__drawBench: Promise<{ms: number; at: number}>; __pointerUp: number};
    const {ms, at} = await w.__drawBench;
    const result = {prediction: ms, page: at - w.__pointerUp};
    w.__pointerUp = 0;
    return result;
  });
}

export async function benchDrawLatency(dist?: string): Promise<void> {
  const rows: {what: string; samples: number[]}[] = [];
  await withBrowserSite("draw latency", dist, async (browser, origin) => {
    for (const backend of ["cpu", "wasm"]) {
      const page = await browser.newPage({viewport: {width: 1200, height: 900}});
      await page.goto(`${origin}/practical/draw.html?backend=${backend}`);
      await waitForSettled(page);
      const shown = /tfjs backend: (\w+)/.exec((await page.locator(".tensor-count").textContent()) ?? "")?.[1];
      if (shown !== backend) throw new Error(`the page runs on ${shown}, not ${backend}`);
      await page.locator(".sketchpad canvas").first().scrollIntoViewIfNeeded();
      console.log(`draw latency: ${backend} backend, ${SAMPLES} strokes…`);
      const predictions: number[] = [];
      const updates: number[] = [];
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        if (i % 10 === 0) await page.getByRole("button", {name: "Clear the drawing"}).click();
        const s = await sample(page, i);
        if (i >= WARM_UP) {
          predictions.push(s.prediction);
          updates.push(s.page);
        }
      }
      rows.push({what: `${backend}: prediction (preprocessing + every layer's maps)`, samples: predictions});
      rows.push({what: `${backend}: pointerup to updated page (charts and 98 map canvases)`, samples: updates});
      await page.close();
    }
  });
  if (rows.length === 0) return;
  console.log(`\nDraw page: latency of a drawing, headless Chromium, ${SAMPLES} strokes each after ${WARM_UP} to warm up`);
  console.log(loadNote());
  printLatencies(rows, 70);
  console.log("Target: prediction under 20 ms on the cpu backend.");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  await benchDrawLatency(distArgument(arg));
}
