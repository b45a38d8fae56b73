// `npm run dev` as a new contributor meets it: a scratch copy of the project with an empty loader
// cache, Framework's preview server, and headless Chromium opening the heaviest page
// (practical/models); prints the seconds from the first request to the trained models' table.
//
//   npx tsx bench/dev-first-view.ts
import {spawn} from "node:child_process";
import {rmSync} from "node:fs";
import {loadavg} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {findBrowser, launch, ROOT, scratchProject} from "../tests/e2e/site.js";

const PORT = 3917;

export async function benchDevFirstView(): Promise<void> {
  const browserPath = findBrowser();
  if (!browserPath) return void console.log("dev first view: no Chromium; skipped");
  const work = scratchProject("workbook-dev-");
  const server = spawn(join(ROOT, "node_modules/.bin/observable"), ["preview", "--port", String(PORT), "--no-open"], {
    cwd: work,
    stdio: "ignore",
    env: {...process.env, WORKBOOK_QUICK: "", WORKBOOK_TRAIN: ""}
  });
  const browser = await launch(browserPath);
  try {
    const page = await browser.newPage();
    const load = loadavg()[0].toFixed(1);
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`http://127.0.0.1:${PORT}/`).then(
        (r) => r.ok,
        () => false
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${PORT}/practical/models`);
    await page.locator("table:not(.disagreement-table) tbody tr").first().waitFor({timeout: 300_000});
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `dev first view (empty cache, preview server, load average ${load}): practical/models showed its trained models ${seconds.toFixed(1)} s after the first request`
    );
  } finally {
    await browser.close();
    server.kill();
    rmSync(work, {recursive: true, force: true});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchDevFirstView();
