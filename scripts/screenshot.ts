// Screenshot a page of the built site (dist/, from `npm run build`), or with --build of a fresh
// quick-mode build in a scratch folder (leaves dist/ and the cache alone):
//   npx tsx scripts/screenshot.ts /practical/datasets.html [out.png] [--dark] [--width=390] [--build]
import {buildSite, findBrowser, launch, serve, waitForSettled, ROOT} from "../tests/e2e/site.js";
import {join} from "node:path";

const args = process.argv.slice(2);
const [path = "/index.html", out = "screenshot.png"] = args.filter((a) => !a.startsWith("--"));
const dark = args.includes("--dark");
const width = Number(args.find((a) => a.startsWith("--width="))?.slice(8) ?? 1200);
const executable = findBrowser();
if (!executable) throw new Error("no Chromium found; set CHROME_PATH");
const site = await serve(args.includes("--build") ? await buildSite() : join(ROOT, "dist"));
const browser = await launch(executable);
const page = await browser.newPage({viewport: {width, height: 900}, colorScheme: dark ? "dark" : "light"});
page.on("console", (m) => m.type() === "error" && console.error("console:", m.text()));
await page.goto(site.origin + path);
await waitForSettled(page);
await page.screenshot({path: out, fullPage: true});
await browser.close();
await site.close();
console.log(`wrote ${out}`);
