// What the heaviest actions of the practical pages fetch beyond the page's first view, counted
// like page-bytes.ts (every response body from the site, uncompressed and gzipped at level 6, or
// the raw size when gzip does not help), in headless Chromium: the galleries' images behind
// "Show the test images" on practical/models, and the data behind Start on practical/train (until
// its first batch has trained, with the default settings and with every training image), then
// behind Stop (the test run). Needs a built site:
// `npx tsx bench/action-bytes.ts [dist] [--markdown]`.
import {join} from "node:path";
import type {Page} from "playwright-core";
import {waitForSettled, ROOT} from "../tests/e2e/site.js";
import {countResponses, withBrowserSite, type ResponseCount} from "./browser-site.js";

export interface ActionCost {
  page: string;
  action: string;
  requests: number;
  raw: number;
  gzip: number;
  /** The files fetched, by name without their content hash. */
  files: string[];
}

const DATASETS = [
  ["MNIST", "MNIST (digits)"],
  ["Fashion-MNIST", "Fashion-MNIST (clothes)"]
] as const;

async function galleryActions(origin: string, browser: import("playwright-core").Browser): Promise<ActionCost[]> {
  const rows: ActionCost[] = [];
  for (const [name, label] of DATASETS) {
    const page = await browser.newPage();
    await page.goto(`${origin}/practical/models.html?backend=cpu`);
    await waitForSettled(page);
    await page.getByLabel(label, {exact: true}).check();
    await waitForSettled(page);
    const stop = countResponses(page);
    await page.getByRole("button", {name: "Show the test images"}).click();
    await page.getByText(new RegExp(`^${name} test images: [\\d.]+ MB loaded\\.$`)).waitFor({timeout: 300_000});
    await waitForSettled(page);
    rows.push({page: "/practical/models.html", action: `${name}: Show the test images`, ...(await stop())});
    await page.close();
  }
  return rows;
}

/** Opens practical/train on `label`'s dataset, with `trainCount` in its field when given (the default otherwise). */
async function openTrain(browser: import("playwright-core").Browser, origin: string, name: string, label: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/practical/train.html?backend=wasm`);
  await waitForSettled(page);
  await page.getByLabel(label, {exact: true}).check();
  await page.getByText(`${name}: the shipped models and yours`).waitFor();
  await waitForSettled(page);
  return page;
}

/** Presses Start and counts what arrives until the first batch has trained. */
async function start(page: Page): Promise<ResponseCount> {
  const stop = countResponses(page);
  await page.getByRole("button", {name: "Start"}).click();
  await page.waitForFunction(() => Number(document.querySelector<HTMLElement>("#train-status")?.dataset.batches) >= 1, null, {
    timeout: 300_000
  });
  return stop();
}

async function trainActions(origin: string, browser: import("playwright-core").Browser): Promise<ActionCost[]> {
  const rows: ActionCost[] = [];
  for (const [name, label] of DATASETS) {
    const page = await openTrain(browser, origin, name, label);
    // Start with the default settings: counted until the first batch has trained.
    const started = await start(page);
    rows.push({page: "/practical/train.html", action: `${name}: Start (default settings)`, ...started});
    // Stop: the network trained so far is tested, which fetches the test data.
    const stopTest = countResponses(page);
    await page.getByRole("button", {name: "Stop"}).click();
    await page.waitForFunction(
      () => ["stopped", "done", "failed"].includes(document.querySelector<HTMLElement>("#train-status")?.dataset.phase ?? ""),
      null,
      {timeout: 600_000}
    );
    await waitForSettled(page);
    const tested = await stopTest();
    rows.push({page: "/practical/train.html", action: `${name}: Stop, then the test`, ...tested});
    rows.push({
      page: "/practical/train.html",
      action: `${name}: both (one default run)`,
      requests: started.requests + tested.requests,
      raw: started.raw + tested.raw,
      gzip: started.gzip + tested.gzip,
      files: ["the two rows above"]
    });
    await page.close();
    // The most a Start can fetch: as many training images as the page offers.
    const all = await openTrain(browser, origin, name, label);
    // The most training images the page lets a Start use (its prose says how many).
    const most = ((await all.textContent(".most-training-images")) ?? "").replace(/,/g, "");
    await all.getByRole("textbox", {name: "Training images", exact: true}).fill(most);
    rows.push({
      page: "/practical/train.html",
      action: `${name}: Start with the most images (${Number(most).toLocaleString("en")})`,
      ...(await start(all))
    });
    await all.close();
  }
  return rows;
}

export async function benchActionBytes(dist = join(ROOT, "dist")): Promise<ActionCost[]> {
  let rows: ActionCost[] = [];
  await withBrowserSite("action bytes", dist, async (browser, origin) => {
    rows = [...(await galleryActions(origin, browser)), ...(await trainActions(origin, browser))];
  });
  if (!rows.length) return rows;
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`.padStart(11);
  console.log("\nBytes the heaviest actions fetch beyond the page's first view: uncompressed and gzipped");
  console.log(`${"page".padEnd(24)}${"action".padEnd(38)}${"requests".padStart(9)}${"raw".padStart(11)}${"gzip".padStart(11)}`);
  for (const r of rows)
    console.log(
      `${r.page.padEnd(24)}${r.action.padEnd(38)}${String(r.requests).padStart(9)}${mib(r.raw)}${mib(r.gzip)}   ${r.files.join(", ")}`
    );
  return rows;
}

/** README's table of the same figures (the files each action fetched are in the printed listing). */
export function markdownTable(rows: readonly ActionCost[]): string {
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  return [
    "| page | action | requests | uncompressed | gzip |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.page} | ${r.action} | ${r.requests} | ${mib(r.raw)} | ${mib(r.gzip)} |`)
  ].join("\n");
}

// `npx tsx bench/action-bytes.ts [dist] [--markdown]`: --markdown also prints the table in Markdown.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rows = await benchActionBytes(args.find((a) => !a.startsWith("--")));
  if (args.includes("--markdown")) console.log(`\n${markdownTable(rows)}`);
}
