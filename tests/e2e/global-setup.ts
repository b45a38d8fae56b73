// Build the site once for every browser test file and serve it on 127.0.0.1.
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
  const dist = await buildSite();
  console.log(
    `built the site for the browser tests in ${((Date.now() - started) / 1000).toFixed(1)} s${canIsolateNetwork() ? ", with no network (unshare --net)" : ""}: ${dist}`
  );
  const {sitePages} = await import("./site.js");
  const site = await serve(dist);
  project.provide("siteOrigin", site.origin);
  project.provide("sitePages", sitePages(dist));
  project.provide("browserPath", browserPath);
  return () => site.close();
}
