// What each page of the built site costs a reader on opening (its first view), measured in
// headless Chromium on the cpu backend (?backend=cpu): every response body from the site,
// uncompressed and gzipped (what a static host serves; level 6, or the raw size when gzip does
// not help), the time from navigation to the first enabled, visible control in the page's
// main content, and the longest the page then stayed frozen (a 10 ms timer that did not run)
// until it settled: a control that appears early but cannot answer is not yet usable. Needs `npm run build` first, or a built site's folder as argument:
// `npx tsx bench/page-bytes.ts path/to/dist`; `--only=rnn/gru,rnn/vanishing` measures only the
// pages whose path contains one of those.
import {join} from "node:path";
import {sitePages, waitForSettled, ROOT} from "../tests/e2e/site.js";
import {countResponses, withBrowserSite} from "./browser-site.js";

export interface PageCost {
  page: string;
  requests: number;
  raw: number;
  gzip: number;
  /** Bytes of files (FileAttachment data) among them, uncompressed. */
  data: number;
  /** Milliseconds from navigation to the first usable control, or null when the page has none. */
  firstControl: number | null;
  /** The longest freeze of the main thread after the first control appeared, until the page settled (ms). */
  longestStall: number | null;
}

// A heartbeat every 10 ms from the page's start: every gap over 50 ms, as [start, length].
const HEARTBEAT = `(() => {
  const stalls = (window.__stalls = []);
  let last = performance.now();
  const beat = () => {
    const now = performance.now();
    if (now - last > 50) stalls.push([last, now - last]);
    last = now;
    setTimeout(beat, 10);
  };
  setTimeout(beat, 10);
})();`;

/** The longest part of a stall that falls after `from` (ms). */
export function longestStallAfter(stalls: readonly (readonly [number, number])[], from: number): number {
  return stalls.reduce((longest, [start, length]) => Math.max(longest, Math.min(length, start + length - from)), 0);
}

export async function benchPageBytes(dist = join(ROOT, "dist"), {only = []}: {only?: readonly string[]} = {}): Promise<PageCost[]> {
  const rows: PageCost[] = [];
  await withBrowserSite("page bytes", dist, async (browser, origin) => {
    for (const path of sitePages(dist).filter((p) => only.length === 0 || only.some((part) => p.includes(part)))) {
      const page = await browser.newPage();
      const row: PageCost = {page: path, requests: 0, raw: 0, gzip: 0, data: 0, firstControl: null, longestStall: null};
      await page.addInitScript(HEARTBEAT);
      const counted = countResponses(page);
      await page.goto(`${origin}${path}?backend=cpu`);
      row.firstControl = await page
        .waitForFunction(
          () => {
            const controls = document.querySelectorAll<HTMLElement>(
              "main input, main button, main select, main textarea, main canvas[tabindex]"
            );
            return [...controls].some((c) => !(c as HTMLInputElement).disabled && c.offsetParent !== null) ? performance.now() : false;
          },
          null,
          {timeout: 30_000, polling: 20}
        )
        .then((handle) => handle.jsonValue() as Promise<number>)
        .catch(() => null);
      await waitForSettled(page);
      if (row.firstControl !== null) {
        const stalls = await page.evaluate(() => (window as unknown as {__stalls: [number, number][]}).__stalls);
        row.longestStall = longestStallAfter(stalls, row.firstControl);
      }
      const {requests, raw, gzip, data} = await counted();
      rows.push({...row, requests, raw, gzip, data});
      await page.close();
    }
  });
  if (!rows.length) return rows;
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`.padStart(11);
  console.log(
    "\nEach page's first view (cpu backend): bytes over the wire uncompressed and gzipped, time to the first control, and the longest freeze after it"
  );
  console.log(
    `${"page".padEnd(34)}${"requests".padStart(9)}${"raw".padStart(11)}${"gzip".padStart(11)}${"of it data".padStart(11)}${"control".padStart(10)}${"stall".padStart(9)}`
  );
  for (const r of rows) {
    const [control, stall] = timings(r);
    console.log(
      `${r.page.padEnd(34)}${String(r.requests).padStart(9)}${kib(r.raw)}${kib(r.gzip)}${kib(r.data)}${control.padStart(10)}${stall.padStart(9)}`
    );
  }
  const heaviest = rows.reduce((a, b) => (b.gzip > a.gzip ? b : a), rows[0]);
  if (heaviest) console.log(`heaviest first view: ${heaviest.page}, ${(heaviest.gzip / 2 ** 20).toFixed(2)} MiB gzipped`);
  return rows;
}

/** First control and longest stall after it, as printed ("none" for a page without controls). */
function timings(r: PageCost): [string, string] {
  if (r.firstControl === null) return ["none", ""];
  return [`${(r.firstControl / 1000).toFixed(2)} s`, `${((r.longestStall ?? 0) / 1000).toFixed(2)} s`];
}

/** README's "Bytes per page" table, from the same figures. */
export function markdownTable(rows: readonly PageCost[]): string {
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const lines = [
    "| page | requests | uncompressed | gzip | of it data (uncompressed) | first control (cpu) | longest freeze after it |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => {
      const [control, stall] = timings(r);
      return `| ${r.page} | ${r.requests} | ${kib(r.raw)} | ${kib(r.gzip)} | ${kib(r.data)} | ${control} | ${stall || "none"} |`;
    })
  ];
  return lines.join("\n");
}

// `npx tsx bench/page-bytes.ts [dist] [--markdown] [--only=part,part]`: --markdown also prints README's table.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const only =
    args
      .find((a) => a.startsWith("--only="))
      ?.slice("--only=".length)
      .split(",")
      .filter(Boolean) ?? [];
  const rows = await benchPageBytes(
    args.find((a) => !a.startsWith("--")),
    {only}
  );
  if (args.includes("--markdown")) console.log(`\n${markdownTable(rows)}`);
}
