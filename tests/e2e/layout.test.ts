// Issue 12's layout bar: no page makes a reader scroll sideways on a phone (390 px, light theme)
// or on a desktop (1280 px, dark theme). scripts/screenshot.ts --all shoots every page at both
// widths in both themes, for a person to look at.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {launch, layoutProblems, openPage} from "./site.js";

const origin = inject("siteOrigin");
const pages = inject("sitePages");

describe.runIf(origin)("layout on a phone and a desktop", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test.each(pages.flatMap((path) => [[path, 390, "light"] as const, [path, 1280, "dark"] as const]))(
    "%s at %i px (%s): nothing past the right edge",
    async (path, width, colorScheme) => {
      const {problems, page} = await openPage(browser, origin, path, {width, colorScheme, settleMs: 800});
      const layout = await layoutProblems(page);
      await page.context().close();
      expect([...problems, ...layout]).toEqual([]);
    }
  );
});
