// `npm run bench`: every benchmark, one after another, printing figures (never asserting).
import {existsSync} from "node:fs";
import {join} from "node:path";
import {buildSite, findBrowser, ROOT} from "../tests/e2e/site.js";
import {benchBrowserTraining} from "./browser-training.js";
import {benchCnnPlayground} from "./cnn-playground.js";
import {benchColdBuild} from "./cold-build.js";
import {benchDevFirstView} from "./dev-first-view.js";
import {benchConvTraining} from "./conv-training.js";
import {benchDrawLatency} from "./draw-latency.js";
import {benchLoaders} from "./loaders.js";
import {benchActionBytes} from "./action-bytes.js";
import {benchPageBytes} from "./page-bytes.js";
import {benchSentiment} from "./sentiment.js";
import {benchCharModel} from "./char-model.js";

// The browser benchmarks measure one site: dist/ when `npm run build` has made it, otherwise
// one quick-mode build in a scratch folder, made the first time a benchmark needs it.
let site: Promise<string> | undefined;
const builtSite = (): Promise<string | undefined> => {
  if (!findBrowser()) return Promise.resolve(undefined); // each benchmark says it skipped
  if (existsSync(join(ROOT, "dist", "index.html"))) return Promise.resolve(join(ROOT, "dist"));
  if (!site) console.log("building the site once in quick mode, in a scratch folder, for the browser benchmarks…");
  site ??= buildSite();
  return site;
};

const benches: [string, () => Promise<void>][] = [
  ["cold build (scratch clone, npm ci, npm run build)", () => benchColdBuild()],
  ["npm run dev: first view of the heaviest page with an empty cache", () => benchDevFirstView()],
  ["conv training throughput (Node, wasm vs cpu)", () => benchConvTraining()],
  ["convolution page: input change to updated picture (headless Chromium)", async () => benchCnnPlayground(await builtSite())],
  [
    "training throughput in the browser (Train it yourself page, default network, wasm and cpu)",
    async () => benchBrowserTraining(await builtSite())
  ],
  [
    "draw page: prediction latency of a drawing with every feature map (headless Chromium, cpu and wasm backends)",
    async () => benchDrawLatency(await builtSite())
  ],
  ["model loaders (zoo CNN throughput, quick-mode wall time, full-mode figures of the last build)", () => benchLoaders()],
  ["sentiment models (build-time training seconds from the metrics, inference latency per typed review)", () => benchSentiment()],
  ["character models (build-time training seconds from the metrics, generation characters/s on the cpu backend)", () => benchCharModel()],
  [
    "page bytes",
    async () => {
      if (!existsSync(join(ROOT, "dist"))) return void console.log("page bytes: no dist/ (run `npm run build` first); skipped");
      await benchPageBytes();
    }
  ],
  [
    "action bytes (the practical's gallery and training data, fetched beyond the first view)",
    async () => {
      if (!existsSync(join(ROOT, "dist"))) return void console.log("action bytes: no dist/ (run `npm run build` first); skipped");
      await benchActionBytes();
    }
  ]
];

for (const [name, run] of benches) {
  const started = performance.now();
  await run();
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
