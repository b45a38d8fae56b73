// Screenshot pages of the built site (dist/, from `npm run build`), or with --build of a fresh
// build in a scratch folder (leaves dist/ and the cache alone):
//   npx tsx scripts/screenshot.ts /practical/datasets.html [out.png] [--dark] [--width=390] [--build]
//   npx tsx scripts/screenshot.ts --all [out-folder] [--build] [--dist=folder]
// --all shoots every page at 390 and 1280 px, light and dark, and prints what would make a reader
// scroll sideways (tests/e2e/site.ts layoutProblems); it exits 1 if any page has such a problem.
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {buildSite, findBrowser, launch, layoutProblems, openPage, ROOT, serve, sitePages} from "../tests/e2e/site.js";

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith("--"));
const all = args.includes("--all");
const executable = findBrowser();
if (!executable) throw new Error("no Chromium found; set CHROME_PATH");
const dist = args.includes("--build") ? await buildSite() : (args.find((a) => a.startsWith("--dist="))?.slice(7) ?? join(ROOT, "dist"));
const site = await serve(dist);
const browser = await launch(executable);

const shots = all
  ? sitePages(dist).flatMap((path) => [390, 1280].flatMap((width) => (["light", "dark"] as const).map((scheme) => ({path, width, scheme}))))
  : [
      {
        path: positional[0] ?? "/index.html",
        width: Number(args.find((a) => a.startsWith("--width="))?.slice(8) ?? 1200),
        scheme: args.includes("--dark") ? ("dark" as const) : ("light" as const)
      }
    ];
const folder = all ? (positional[0] ?? "screenshots") : null;
if (folder) mkdirSync(folder, {recursive: true});

let failures = 0;
for (const {path, width, scheme} of shots) {
  const {page, problems} = await openPage(browser, site.origin, path, {width, colorScheme: scheme});
  const layout = await layoutProblems(page);
  const out = folder
    ? join(
        folder,
        `${path
          .slice(1)
          .replaceAll("/", "_")
          .replace(/\.html$/, "")}-${width}-${scheme}.png`
      )
    : (positional[1] ?? "screenshot.png");
  await page.screenshot({path: out, fullPage: true});
  await page.context().close();
  const found = [...problems, ...layout];
  if (found.length) failures++;
  console.log(`${found.length ? "PROBLEM" : "ok     "} ${path} ${width}px ${scheme}: ${out}${found.map((p) => `\n    ${p}`).join("")}`);
}
await browser.close();
await site.close();
if (all) console.log(`${shots.length} screenshots, ${failures} with problems`);
process.exitCode = failures ? 1 : 0;
