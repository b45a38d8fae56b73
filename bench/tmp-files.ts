import {gzipSync} from "node:zlib";
import {findBrowser, launch, serve, waitForSettled} from "../tests/e2e/site.js";
const site = await serve(process.argv[2]);
const browser = await launch(findBrowser()!);
for (const path of process.argv.slice(3)) {
  const page = await browser.newPage();
  const rows: [string, number, number][] = [];
  const bodies: Promise<void>[] = [];
  page.on("response", (r) => bodies.push(r.body().catch(() => Buffer.alloc(0)).then((b) => { rows.push([r.url().replace(site.origin, ""), b.length, gzipSync(b).length]); })));
  await page.goto(`${site.origin}${path}?backend=cpu`);
  await waitForSettled(page);
  await Promise.all(bodies);
  console.log(`== ${path}`);
  for (const [u, raw, gz] of rows.sort((a, b) => b[2] - a[2]).slice(0, 14)) console.log(`${(raw / 1024).toFixed(0).padStart(7)} ${(gz / 1024).toFixed(0).padStart(7)}  ${u}`);
  await page.close();
}
await browser.close(); await site.close();
