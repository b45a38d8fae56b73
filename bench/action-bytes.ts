// What the heaviest actions of the practical pages fetch beyond the page's first view, counted
// like page-bytes.ts (every response body from the site, uncompressed and gzipped at level 6, or
// the raw size when gzip does not help), in headless Chromium: the galleries' images behind
// "Show the test images" on practical/models, and the data behind Start on practical/train (until
// the training images have arrived), then behind Stop (the test run). Needs a built site:
// `npx tsx bench/action-bytes.ts [dist] [--markdown]`.
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import type {Page} from "playwright-core";
import {findBrowser, launch, serve, waitForSettled, ROOT} from "../tests/e2e/site.js";

export interface ActionCost {
  page: string;
  action: string;
  requests: number;
  raw: number;
  gzip: number;
  /** The files fetched, by name without their content hash. */
  files: string[];
}

interface Counter {
  requests: number;
  raw: number;
  gzip: number;
  files: string[];
}

/** Counts every response from now on, until the returned function is called. */
function countResponses(page: Page): () => Promise<Counter> {
  const counter: Counter = {requests: 0, raw: 0, gzip: 0, files: []};
  const bodies: Promise<void>[] = [];
  const listener = (response: import("playwright-core").Response) => {
    bodies.push(
      response
        .body()
        .catch(() => Buffer.alloc(0))
        .then((body) => {
          counter.requests++;
          counter.raw += body.length;
          counter.gzip += Math.min(body.length, gzipSync(body, {level: 6}).length);
          counter.files.push(new URL(response.url()).pathname.replace(/^\/_file\/data\//, "").replace(/\.[0-9a-f]{8}\./, "."));
        })
    );
  };
  page.on("response", listener);
  return async () => {
    page.off("response", listener);
    await Promise.all(bodies);
    return counter;
  };
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

async function trainActions(origin: string, browser: import("playwright-core").Browser): Promise<ActionCost[]> {
  const rows: ActionCost[] = [];
  for (const [name, label] of DATASETS) {
    const page = await browser.newPage();
    await page.goto(`${origin}/practical/train.html?backend=wasm`);
    await waitForSettled(page);
    await page.getByLabel(label, {exact: true}).check();
    await page.getByText(`${name}: the shipped models and yours`).waitFor();
    await waitForSettled(page);
    // Start with the default settings: counted until the training data has arrived.
    const stopStart = countResponses(page);
    await page.getByRole("button", {name: "Start"}).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>("#train-status")?.dataset.phase === "training", null, {
      timeout: 300_000
    });
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>("#train-status")?.dataset.batches) >= 1, null, {
      timeout: 300_000
    });
    rows.push({page: "/practical/train.html", action: `${name}: Start (default settings)`, ...(await stopStart())});
    // Stop: the network trained so far is tested, which fetches the test data.
    const stopTest = countResponses(page);
    await page.getByRole("button", {name: "Stop"}).click();
    await page.waitForFunction(
      () => ["stopped", "done", "failed"].includes(document.querySelector<HTMLElement>("#train-status")?.dataset.phase ?? ""),
      null,
      {timeout: 600_000}
    );
    await waitForSettled(page);
    rows.push({page: "/practical/train.html", action: `${name}: Stop, then the test`, ...(await stopTest())});
    await page.close();
  }
  return rows;
}

export async function benchActionBytes(dist = join(ROOT, "dist")): Promise<ActionCost[]> {
  const executable = findBrowser();
  if (!executable) {
    console.log("action bytes: no Chromium found (set CHROME_PATH); skipped");
    return [];
  }
  const site = await serve(dist);
  const browser = await launch(executable);
  let rows: ActionCost[] = [];
  try {
    rows = [...(await galleryActions(site.origin, browser)), ...(await trainActions(site.origin, browser))];
  } finally {
    await browser.close();
    await site.close();
  }
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`.padStart(11);
  console.log("\nBytes the heaviest actions fetch beyond the page's first view: uncompressed and gzipped");
  console.log(`${"page".padEnd(24)}${"action".padEnd(38)}${"requests".padStart(9)}${"raw".padStart(11)}${"gzip".padStart(11)}`);
  for (const r of rows)
    console.log(
      `${r.page.padEnd(24)}${r.action.padEnd(38)}${String(r.requests).padStart(9)}${mib(r.raw)}${mib(r.gzip)}   ${r.files.join(", ")}`
    );
  return rows;
}

/** The same figures as a Markdown table. */
export function markdownTable(rows: readonly ActionCost[]): string {
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  return [
    "| page | action | requests | uncompressed | gzip | files |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.page} | ${r.action} | ${r.requests} | ${mib(r.raw)} | ${mib(r.gzip)} | ${r.files.join(", ")} |`)
  ].join("\n");
}

// `npx tsx bench/action-bytes.ts [dist] [--markdown]`: --markdown also prints the table in Markdown.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rows = await benchActionBytes(args.find((a) => !a.startsWith("--")));
  if (args.includes("--markdown")) console.log(`\n${markdownTable(rows)}`);
}
