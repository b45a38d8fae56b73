// Every page of the built site opens in headless Chromium with no error of any kind and no
// request to another host.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {launch, openPage} from "./site.js";

const origin = inject("siteOrigin");
const pages = inject("sitePages");

describe.runIf(origin)("every page in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("the site has the home page and the practical pages", () => {
    expect(pages).toContain("/index.html");
    expect(pages).toContain("/practical/datasets.html");
    expect(pages).toContain("/practical/first-model.html");
  });

  test.each(pages)("%s opens cleanly", async (path) => {
    const {problems, page} = await openPage(browser, origin, path);
    await page.context().close();
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
