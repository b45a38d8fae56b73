// Shared harness for the browser suites: build the site in a scratch copy of the project
// (so tests never reuse or overwrite the developer's cache and dist/), serve it on
// 127.0.0.1, and open pages in headless Chromium, recording every kind of failure.
import {spawn, spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {tmpdir} from "node:os";
import {extname, join, relative, resolve} from "node:path";
import type {Browser, Page} from "playwright-core";
import {seedNpmVersionCache} from "../../scripts/offline-npm-cache.js";

export const ROOT = resolve(import.meta.dirname, "../..");

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The browser to drive: CHROME_PATH, else the usual install paths, else null. */
export function findBrowser(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Say loudly that the browser suite cannot run; under CI a missing browser is a failure. */
export function browserOrSkip(): string | null {
  const path = findBrowser();
  if (path) return path;
  const message = `No Chromium found (set CHROME_PATH or install Debian's chromium): the end-to-end suite cannot run.`;
  if (process.env.CI === "true") throw new Error(`${message} CI=true, so this is a failure.`);
  console.warn(`\n${"!".repeat(78)}\n!! ${message}\n!! SKIPPING the browser tests.\n${"!".repeat(78)}\n`);
  return null;
}

/**
 * A scratch copy of the project to build or preview in: src/ without Framework's cache, the config
 * files, and links to node_modules/ and the committed models/. Returns its folder.
 */
export function scratchProject(prefix: string): string {
  const work = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, "src"), join(work, "src"), {
    recursive: true,
    filter: (path) => !relative(ROOT, path).startsWith(join("src", ".observablehq"))
  });
  for (const file of ["observablehq.config.ts", "package.json", "tsconfig.json"]) cpSync(join(ROOT, file), join(work, file));
  symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"), "dir");
  symlinkSync(join(ROOT, "models"), join(work, "models"), "dir");
  seedNpmVersionCache(join(work, "src"));
  return work;
}

/**
 * Build the site into a scratch folder from the committed models (models/, what readers get);
 * returns the dist folder. `quick` trains quick-mode models in the loaders instead.
 */
export async function buildSite({quick = false} = {}): Promise<string> {
  const work = scratchProject("workbook-site-");
  const env = {...process.env, WORKBOOK_QUICK: quick ? "1" : "0", WORKBOOK_TRAIN: "0"};
  const observable = join(ROOT, "node_modules/.bin/observable");
  // As root, build in a network namespace of its own: proof that the build needs no network.
  if (canIsolateNetwork()) await run("unshare", ["--net", observable, "build"], work, env);
  else await run(observable, ["build"], work, env);
  return join(work, "dist");
}

/** Whether builds can run with no network at all (root, and util-linux's unshare works). */
export function canIsolateNetwork(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync("unshare", ["--net", "true"]).status === 0;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {cwd, env, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`))
    );
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".bin": "application/octet-stream"
};

/** A static file server for dist/ on 127.0.0.1, as a static host would serve it. */
export async function serve(dist: string): Promise<{origin: string; close: () => Promise<void>}> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    let file = join(dist, path);
    if (!file.startsWith(dist)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return void response.writeHead(404).end("not found");
    response.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
    response.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  return {origin: `http://127.0.0.1:${address.port}`, close: () => new Promise((ok) => server.close(() => ok()))};
}

/** Every page of the built site, as paths like "/practical/datasets.html". */
export function sitePages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(path);
      } else if (entry.name.endsWith(".html") && entry.name !== "404.html") pages.push(`/${relative(dist, path)}`);
    }
  };
  walk(dist);
  return pages.sort();
}

export async function launch(executablePath: string): Promise<Browser> {
  const {chromium} = await import("playwright-core");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  });
}

export interface PageReport {
  problems: string[];
  page: Page;
}

/**
 * Open a page and wait until its cells settle. Every page error, console error, failed or
 * non-OK request, request to another host and Framework cell error is a problem.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  path: string,
  {
    settleMs = 1500,
    timeoutMs = 120_000,
    width = 1200,
    colorScheme = "light"
  }: {settleMs?: number; timeoutMs?: number; width?: number; colorScheme?: "light" | "dark"} = {}
): Promise<PageReport> {
  const context = await browser.newContext({viewport: {width, height: 900}, colorScheme});
  // Count fetches in flight: a cell waiting on a file changes no DOM, so quiet alone is not settled.
  await context.addInitScript(() => {
    const w = window as unknown as {__pendingFetches: number};
    w.__pendingFetches = 0;
    const original = window.fetch.bind(window);
    window.fetch = (...args: Parameters<typeof fetch>) => {
      w.__pendingFetches++;
      return original(...args).finally(() => w.__pendingFetches--);
    };
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const host = new URL(origin).host;
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.host === host) return route.continue();
    problems.push(`request to another host: ${url.href}`);
    return route.abort();
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("requestfailed", (request) => {
    if (!problems.some((p) => p.includes(request.url())))
      problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(origin + path, {waitUntil: "load", timeout: timeoutMs});
  await waitForSettled(page, settleMs, timeoutMs);
  const cellErrors = await page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => n.textContent ?? ""));
  for (const text of cellErrors) problems.push(`cell error: ${text}`);
  return {problems, page};
}

/** Whether the page has fetched a file whose URL contains `name` (data fetched on demand is not, until asked for). */
export async function fetchedFile(page: Page, name: string): Promise<boolean> {
  return page.evaluate((n) => performance.getEntriesByType("resource").some((e) => e.name.includes(n)), name);
}

/** Wait until no cell is loading, no fetch is in flight and the DOM has been quiet for `quietMs` since the call. */
export async function waitForSettled(page: Page, quietMs = 1500, timeoutMs = 120_000): Promise<void> {
  // Quiet is counted from this call at the earliest: a cell reacting to an input just changed
  // may not have touched the DOM yet.
  await page.evaluate(() => {
    (window as unknown as {__lastMutation?: number}).__lastMutation = performance.now();
  });
  await page.waitForFunction(
    (quiet) => {
      const w = window as unknown as {__lastMutation?: number; __observer?: MutationObserver; __pendingFetches?: number};
      if (!w.__observer) {
        w.__lastMutation = performance.now();
        w.__observer = new MutationObserver(() => (w.__lastMutation = performance.now()));
        w.__observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
      }
      const loading = document.querySelector("observablehq-loading");
      if (w.__pendingFetches) w.__lastMutation = performance.now();
      return !loading && performance.now() - (w.__lastMutation ?? 0) > quiet;
    },
    quietMs,
    {timeout: timeoutMs, polling: 250}
  );
}

/**
 * What would make a reader scroll sideways: the document wider than the window, and the elements
 * that stick out past its right edge (those inside a box that scrolls or clips on its own, like a
 * wide table in a scrolling card, are that box's business and not counted); and content drawn
 * over other content.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  // Plain JavaScript in a string, not a function: tsx (which runs the scripts) compiles with
  // keepNames, and its __name helper does not exist in the page.
  return page.evaluate(LAYOUT_SCRIPT) as Promise<string[]>;
}

const LAYOUT_SCRIPT = `(() => {
  const problems = [];
  const root = document.documentElement;
  const edge = root.clientWidth + 1;
  if (root.scrollWidth > edge) problems.push("the page scrolls sideways: " + root.scrollWidth + " px of content in a " + root.clientWidth + " px window");
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "") + (el.getAttribute("aria-label") ? " “" + el.getAttribute("aria-label").slice(0, 40) + "”" : "");
  const outside = [];
  for (const el of document.querySelectorAll("#observablehq-main *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= edge || clipped(el)) continue;
    // The outermost element that sticks out, not each of its children.
    const parent = el.parentElement;
    if (parent && parent.getBoundingClientRect().right > edge && !clipped(parent)) continue;
    outside.push(name(el) + " reaches " + Math.round(box.right) + " px");
  }
  if (outside.length) problems.push("past the right edge: " + outside.slice(0, 5).join("; ") + (outside.length > 5 ? " and " + (outside.length - 5) + " more" : ""));
  // Content drawn over other content: blocks of text, controls and pictures whose boxes cross by
  // more than 4 px both ways, neither inside the other (pop-ups, which float by design, left out).
  const floating = (el) => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const position = getComputedStyle(a).position;
      if (position === "absolute" || position === "fixed" || position === "sticky") return true;
    }
    return false;
  };
  const blocks = [...document.querySelectorAll("#observablehq-main :is(p, h1, h2, h3, h4, li, label, button, input, select, textarea, svg, canvas, table, img, pre)")]
    .filter((el) => !el.parentElement.closest("svg") && !floating(el))
    // A closed <details> keeps boxes for what it hides (Chromium), which nobody sees.
    .filter((el) => { const shut = el.closest("details:not([open])"); return !shut || el.closest("summary")?.parentElement === shut; })
    .map((el) => ({el, box: el.getBoundingClientRect()}))
    .filter(({box}) => box.width > 0 && box.height > 0);
  const crossings = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i], b = blocks[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const dx = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const dy = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (dx > 4 && dy > 4) crossings.push(name(a.el) + " and " + name(b.el) + " (" + Math.round(dx) + "×" + Math.round(dy) + " px)");
    }
  }
  if (crossings.length) problems.push("drawn over each other: " + crossings.slice(0, 5).join("; ") + (crossings.length > 5 ? " and " + (crossings.length - 5) + " more" : ""));
  return problems;
})()`;
