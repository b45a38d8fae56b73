// Build the site once for every browser test file and serve it on 127.0.0.1.
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {TestProject} from "vitest/node";
import {browserOrSkip, buildSite, canIsolateNetwork, serve} from "./site.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the served site, or "" when there is no browser to test with. */
    siteOrigin: string;
    sitePages: string[];
    browserPath: string;
  }
}

export default async function setup(project: TestProject) {
  const browserPath = browserOrSkip();
  if (!browserPath) {
    project.provide("siteOrigin", "");
    project.provide("sitePages", []);
    project.provide("browserPath", "");
    return;
  }
  const started = Date.now();
  // WORKBOOK_E2E_DIST=<a built dist/> runs the suite on that build instead of building one (for
  // re-running a file while editing; CI and `npm test` always build).
  const given = process.env.WORKBOOK_E2E_DIST;
  if (given && !existsSync(join(given, "index.html"))) throw new Error(`WORKBOOK_E2E_DIST=${given} has no index.html: build it first`);
  const dist = given || (await buildSite());
  console.log(
    given
      ? `browser tests on the given build ${dist}`
      : `built the site for the browser tests in ${((Date.now() - started) / 1000).toFixed(1)} s${canIsolateNetwork() ? ", with no network (unshare --net)" : ""}: ${dist}`
  );
  const {sitePages} = await import("./site.js");
  const site = await serve(dist);
  project.provide("siteOrigin", site.origin);
  project.provide("sitePages", sitePages(dist));
  project.provide("browserPath", browserPath);
  return () => site.close();
}
