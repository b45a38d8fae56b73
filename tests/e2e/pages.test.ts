// Every page of the built site opens in headless Chromium with no error of any kind and no
// request to another host.
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser} from "playwright-core";
import {browserOrSkip, buildSite, launch, openPage, serve, sitePages} from "./site.js";

const executable = browserOrSkip();

describe.runIf(executable)("every page in headless Chromium", () => {
  let browser: Browser;
  let site: {origin: string; close: () => Promise<void>};
  let pages: string[] = [];

  beforeAll(async () => {
    const dist = await buildSite();
    pages = sitePages(dist);
    site = await serve(dist);
    browser = await launch(executable!);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test("the site has the home page and the practical pages", () => {
    expect(pages).toContain("/index.html");
    expect(pages).toContain("/practical/datasets.html");
  });

  test("each page opens cleanly", async () => {
    const failures: string[] = [];
    for (const path of pages) {
      const {problems, page} = await openPage(browser, site.origin, path);
      await page.context().close();
      if (problems.length) failures.push(`${path}:\n  ${problems.join("\n  ")}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  }, 600_000);
});
