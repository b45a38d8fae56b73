// What the browser benchmarks share: a built site served on 127.0.0.1 with headless Chromium
// (built once in a scratch folder unless a dist folder is given), and the latency table.
import {cpus, loadavg} from "node:os";
import {isAbsolute, join} from "node:path";
import {gzipSync} from "node:zlib";
import type {Browser, Page, Response} from "playwright-core";
import {buildSite, findBrowser, launch, serve, ROOT} from "../tests/e2e/site.js";

/** A dist folder named on the command line (absolute, or relative to the project), if any. */
export function distArgument(arg = process.argv[2]): string | undefined {
  return arg ? (isAbsolute(arg) ? arg : join(ROOT, arg)) : undefined;
}

/**
 * Serve `dist` (or a fresh scratch build) and run `measure` with a browser on it. Says so and
 * returns without measuring when there is no Chromium.
 */
export async function withBrowserSite(
  name: string,
  dist: string | undefined,
  measure: (browser: Browser, origin: string) => Promise<void>
): Promise<void> {
  const executable = findBrowser();
  if (!executable) return void console.log(`${name}: no Chromium found (set CHROME_PATH); skipped`);
  if (!dist) console.log(`${name}: building the site in a scratch folder…`);
  const site = await serve(dist ?? (await buildSite()));
  const browser = await launch(executable);
  try {
    await measure(browser, site.origin);
  } finally {
    await browser.close();
    await site.close();
  }
}

export function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (i - lo);
}

/** The machine's load, printed beside figures that other work on it inflates. */
export function loadNote(effect = "inflates the tail"): string {
  return `(load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} cores: other work on the machine ${effect})`;
}

/** Median, 95th percentile and maximum of each row's samples, in milliseconds. */
export function printLatencies(rows: {what: string; samples: number[]}[], width = 72): void {
  console.log(`${"measurement".padEnd(width)}${"median ms".padStart(11)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}`);
  for (const {what, samples} of rows) {
    const sorted = [...samples].sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(1).padStart(9);
    console.log(`${what.padEnd(width)}${f(quantile(sorted, 0.5)).padStart(11)}${f(quantile(sorted, 0.95))}${f(sorted[sorted.length - 1])}`);
  }
}

/** What a page fetched: responses, bytes uncompressed and gzipped, of them data files, and the files. */
export interface ResponseCount {
  requests: number;
  raw: number;
  /** Gzipped at level 6, as a static host that compresses sends it (or raw, where gzip does not help). */
  gzip: number;
  /** Uncompressed bytes of data files (FileAttachments, under /_file/). */
  data: number;
  /** The files fetched, by path without the build's content hash. */
  files: string[];
}

/** Counts every response of `page` from now on, until the returned function is called. */
export function countResponses(page: Page): () => Promise<ResponseCount> {
  const count: ResponseCount = {requests: 0, raw: 0, gzip: 0, data: 0, files: []};
  const bodies: Promise<void>[] = [];
  const listener = (response: Response) => {
    bodies.push(
      response
        .body()
        .catch(() => Buffer.alloc(0))
        .then((body) => {
          count.requests++;
          count.raw += body.length;
          count.gzip += Math.min(body.length, gzipSync(body, {level: 6}).length);
          if (/\/_file\//.test(response.url())) count.data += body.length;
          count.files.push(new URL(response.url()).pathname.replace(/^\/_file\/data\//, "").replace(/\.[0-9a-f]{8}\./, "."));
        })
    );
  };
  page.on("response", listener);
  return async () => {
    page.off("response", listener);
    await Promise.all(bodies);
    count.files.sort();
    return count;
  };
}
