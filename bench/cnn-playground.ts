// How long the convolution page takes from an input change to the updated picture, measured in
// headless Chromium on a freshly built site (the page's real code, DOM, styles and Observable
// runtime; no Playwright round trip inside a measurement):
//
//   npx tsx bench/cnn-playground.ts            (builds the site in a scratch folder first)
//   npx tsx bench/cnn-playground.ts dist       (or measure an existing build)
//
// 1. The playground at its largest settings: the 16×16 real-digit preset, a 7×7 kernel, zero
//    padding 3 (22×22 drawn input cells, 16×16 output). One cell is retyped per sample; the
//    widget re-parses, convolves, redraws the output grid, shading and arithmetic synchronously.
//    "script + layout" is the input event's handler plus a forced layout; "to next frame" runs
//    until the first animation frame after it (a frame on this machine's headless Chromium, which
//    renders in software, is paced at ~16.7 ms, so this includes waiting for the frame).
//    An arrow-key step through the output cells is measured the same way.
// 2. A 28×28 test image with 8 filters (7 classic kernels and the playground's 7×7 one): the image
//    slider is moved; the Observable runtime recomputes the 8 feature maps and redraws the mosaic.
//    Measured until the new chart is in the DOM, and until the frame after that.
import {pathToFileURL} from "node:url";
import type {Page} from "playwright-core";
import {waitForSettled} from "../tests/e2e/site.js";
import {distArgument, loadNote, printLatencies, withBrowserSite} from "./browser-site.js";

const SAMPLES = 60;

interface Row {
  what: string;
  samples: number[];
}

async function largestSettings(page: Page): Promise<void> {
  await page.getByLabel("Image", {exact: true}).selectOption({index: 2});
  await page.getByLabel("Receptive field (kernel size)").fill("7");
  await page.getByLabel("Zero padding").fill("3");
  await page.getByLabel("Stride").fill("1");
  const shape = await page.locator('[aria-label^="Output feature map"]').getAttribute("aria-label");
  const cells = await page.locator('[aria-label^="Input image"] .cell').count();
  if (!shape?.includes("16×16") || cells !== 22 * 22) throw new Error(`largest settings not reached: ${shape}, ${cells} input cells`);
}

/** Retype one input cell per sample; time the handler plus layout, and until the next frame. */
function measureTyping(page: Page, samples: number): Promise<{sync: number[]; frame: number[]}> {
  return page.evaluate(async (n) => {
    const inputs = [...document.querySelectorAll<HTMLInputElement>('[aria-label^="Input image"] input')];
    const sync: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < n; i++) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // start between frames
      const input = inputs[(i * 37) % inputs.length];
      input.value = String((Number(input.value) + 17) % 256);
      const t0 = performance.now();
      input.dispatchEvent(new Event("input", {bubbles: true}));
      void document.body.offsetHeight; // force style and layout of the new grid
      sync.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
      frame.push(performance.now() - t0);
    }
    return {sync, frame};
  }, samples);
}

/** Step through output cells with the arrow keys. */
function measureStepping(page: Page, samples: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const grid = document.querySelector<HTMLElement>('[aria-label^="Output feature map"]')!;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const key = Math.floor(i / 8) % 2 ? "ArrowLeft" : "ArrowRight";
      const t0 = performance.now();
      grid.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
      void document.body.offsetHeight;
      out.push(performance.now() - t0);
    }
    return out;
  }, samples);
}

/** Move the image slider; wait for the new 8-map mosaic to replace the old one. */
function measureFeatureMaps(page: Page, samples: number): Promise<{dom: number[]; frame: number[]}> {
  return page.evaluate(async (n) => {
    const slider = [...document.querySelectorAll<HTMLInputElement>("input[type=range]")].find((i) =>
      i.closest("form")?.textContent?.includes("Which image of the class")
    )!;
    const card = [...document.querySelectorAll<HTMLElement>(".card")].find((c) => c.textContent?.includes("8 feature maps"))!;
    const dom: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < n; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const before = card.querySelector("svg");
      const replaced = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          const now = card.querySelector("svg");
          if (now && now !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(card, {childList: true, subtree: true});
      });
      slider.value = String((i % 99) + 2);
      const t0 = performance.now();
      slider.dispatchEvent(new Event("input", {bubbles: true}));
      const t1 = await replaced;
      dom.push(t1 - t0);
      await new Promise((r) => requestAnimationFrame(r));
      frame.push(performance.now() - t0);
    }
    return {dom, frame};
  }, samples);
}

export async function benchCnnPlayground(dist?: string): Promise<void> {
  const rows: Row[] = [];
  await withBrowserSite("cnn playground", dist, async (browser, origin) => {
    const page = await browser.newPage({viewport: {width: 1200, height: 900}});
    await page.goto(`${origin}/cnn/convolution.html`);
    await waitForSettled(page);
    await largestSettings(page);
    await waitForSettled(page);
    console.log("cnn playground: measuring the playground…");
    await measureTyping(page, 10); // warm up the JIT
    const typing = await measureTyping(page, SAMPLES);
    rows.push({what: "playground 16×16, 7×7 kernel, pad 3: retype a cell (script + layout)", samples: typing.sync});
    rows.push({what: "  same, until the next animation frame", samples: typing.frame});
    rows.push({what: "playground: arrow key to the next output cell (script + layout)", samples: await measureStepping(page, SAMPLES)});
    console.log("cnn playground: measuring the 28×28 image with 8 filters…");
    await measureFeatureMaps(page, 5);
    const maps = await measureFeatureMaps(page, SAMPLES);
    rows.push({what: "28×28 image, 8 filters: move the image slider, new chart in DOM", samples: maps.dom});
    rows.push({what: "  same, until the next animation frame", samples: maps.frame});
    await page.close();
  });
  if (rows.length === 0) return;
  console.log(`\nConvolution page: input change to updated picture, headless Chromium (software rendering), ${SAMPLES} samples each`);
  console.log(loadNote());
  printLatencies(rows);
  console.log("Budget for the playground: one animation frame, 16 ms, for script + layout.");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  await benchCnnPlayground(distArgument(arg));
}
