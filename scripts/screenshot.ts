// Screenshot pages of the built site (run `npm run build` first):
//   npx tsx scripts/screenshot.ts /practical/datasets.html [out.png] [--dark] [--width=390]
import {findBrowser, launch, serve, waitForSettled, ROOT} from "../tests/e2e/site.js";
import {join} from "node:path";

const args = process.argv.slice(2);
const [path = "/index.html", out = "screenshot.png"] = args.filter((a) => !a.startsWith("--"));
const dark = args.includes("--dark");
const width = Number(args.find((a) => a.startsWith("--width="))?.slice(8) ?? 1200);
const executable = findBrowser();
if (!executable) throw new Error("no Chromium found; set CHROME_PATH");
const site = await serve(join(ROOT, "dist"));
const browser = await launch(executable);
const page = await browser.newPage({viewport: {width, height: 900}, colorScheme: dark ? "dark" : "light"});
page.on("console", (m) => m.type() === "error" && console.error("console:", m.text()));
await page.goto(site.origin + path);
await waitForSettled(page);
await page.screenshot({path: out, fullPage: true});
await browser.close();
await site.close();
console.log(`wrote ${out}`);
