// Minutes per page for the home page, from each page's own Markdown (src/lib/reading-time.ts).
// Framework re-runs this only when its cached output is gone: `npm run clean` after editing pages.
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {readingOrder} from "../lib/lecture-map.js";
import {pageTime, READING} from "../lib/reading-time.js";
import {runLoader} from "./lib/loader.js";

const SRC = join(import.meta.dirname, "..");

await runLoader("page-minutes.json", async () => {
  const pages = Object.fromEntries(
    await Promise.all(readingOrder().map(async ({page}) => [page, pageTime(await readFile(join(SRC, `${page}.md`), "utf8"))] as const))
  );
  return JSON.stringify({...READING, pages});
});
