// Bytes each page of the built site downloads when opened (its default view), measured in
// headless Chromium: every response body from the site, summed. Needs `npm run build` first,
// or a built site's folder as argument: `npx tsx bench/page-bytes.ts path/to/dist`.
import {join} from "node:path";
import {findBrowser, launch, serve, sitePages, waitForSettled, ROOT} from "../tests/e2e/site.js";

export async function benchPageBytes(dist = join(ROOT, "dist")): Promise<void> {
  const executable = findBrowser();
  if (!executable) return void console.log("page bytes: no Chromium found (set CHROME_PATH); skipped");
  const site = await serve(dist);
  const browser = await launch(executable);
  const rows: {page: string; requests: number; code: number; data: number; total: number}[] = [];
  try {
    for (const path of sitePages(dist)) {
      const page = await browser.newPage();
      let requests = 0,
        code = 0,
        data = 0;
      page.on("response", async (response) => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        requests++;
        if (/\/_file\//.test(response.url())) data += body.length;
        else code += body.length;
      });
      await page.goto(site.origin + path);
      await waitForSettled(page);
      rows.push({page: path, requests, code, data, total: code + data});
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`.padStart(10);
  console.log("\nBytes downloaded on opening each page (uncompressed; code = HTML, JS, CSS, wasm; data = files)");
  console.log(`${"page".padEnd(34)}${"requests".padStart(9)}${"code".padStart(10)}${"data".padStart(10)}${"total".padStart(10)}`);
  for (const r of rows) console.log(`${r.page.padEnd(34)}${String(r.requests).padStart(9)}${kb(r.code)}${kb(r.data)}${kb(r.total)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPageBytes(process.argv[2]);
