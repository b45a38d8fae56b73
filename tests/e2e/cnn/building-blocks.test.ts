// The convolutional building blocks pages behave as the lecture says: the playground's preset
// gives rows of 0 15 15 0 and survives bad input, the calculator counts 10 million connections,
// and pooling gives 6 8 / 3 4 and a 75% drop.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

/** The rows of a grid of cells (cell-grid.ts), as space-separated text. */
async function gridRows(page: Page, label: string): Promise<string[]> {
  return page
    .locator(`[aria-label^="${label}"]`)
    .first()
    .evaluate((grid) => {
      const cols = Number((grid as HTMLElement).style.getPropertyValue("--cols"));
      const cells = [...grid.children].map((c) => c.textContent ?? "");
      return Array.from({length: cells.length / cols}, (_, r) => cells.slice(r * cols, (r + 1) * cols).join(" "));
    });
}

describe.runIf(origin)("convolutional building blocks", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("the playground shows the lecture's output, its arithmetic, and keeps it on bad input", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/convolution.html");
    expect(problems).toEqual([]);
    expect(await gridRows(page, "Output feature map")).toEqual(["0 15 15 0", "0 15 15 0", "0 15 15 0", "0 15 15 0"]);
    await expect.poll(() => page.locator(".playground-arithmetic").textContent()).toContain("5·1 + 5·1 + 5·1 + 5·0");
    // Arrow keys step through the output cells.
    await page.locator('[aria-label^="Output feature map"]').focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.locator(".playground-arithmetic").textContent()).toContain("Output row 1, column 3");
    // A bad cell: a message, the previous output kept, no NaN anywhere.
    await page.getByLabel("Input row 2, column 2").fill("abc");
    await expect.poll(() => page.locator(".playground-message").textContent()).toContain('row 2, column 2: "abc" is not a number');
    expect(await gridRows(page, "Output feature map")).toEqual(["0 15 15 0", "0 15 15 0", "0 15 15 0", "0 15 15 0"]);
    await page.getByLabel("Stride").fill("0");
    await expect.poll(() => page.locator(".playground-message").textContent()).toContain("Stride must be at least 1");
    expect(await page.textContent("body")).not.toContain("NaN");
    // Fixing the cell brings the output back; padding 1 draws the lecture's 8×8 grid.
    await page.getByLabel("Input row 2, column 2").fill("5");
    await page.getByLabel("Stride").fill("1");
    await page.getByLabel("Zero padding").fill("1");
    expect(await gridRows(page, "Input image")).toHaveLength(8);
    expect((await gridRows(page, "Output feature map"))[2]).toBe("−15 0 15 15 0 0");
    await waitForSettled(page);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("the calculator counts the lecture's 10 million connections and keeps them on bad input", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/receptive-fields.html");
    expect(problems).toEqual([]);
    const card = page.locator(".card", {hasText: "into one layer"});
    expect(await card.textContent()).toContain("10,000,000");
    await page.getByLabel("Fully connected neurons").fill("2,000");
    await expect.poll(() => card.textContent()).toContain("20,000,000");
    await page.getByLabel("Image height").fill("-1");
    await expect.poll(() => page.locator(".caution").first().textContent()).toContain("Image height must be at least 1 (got -1).");
    expect(await card.textContent()).toContain("20,000,000");
    // The receptive-field drawing: three 3×3 layers see 7 pixels.
    expect(await page.textContent("body")).toContain("sees 7 of the 28 input pixels");
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("pooling gives the lecture's 6 8 / 3 4 and 75%, and measures shifts on real images", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/pooling.html");
    expect(problems).toEqual([]);
    expect(await gridRows(page, "Pooled output")).toEqual(["6 8", "3 4"]);
    const text = (await page.textContent("body")) ?? "";
    expect(text).toContain("4×4 = 16 values → 2×2 = 4 values: 75% fewer");
    expect(text).toContain("75% fewer here (16 → 4)");
    // A bad cell keeps 6 8 / 3 4; average pooling gives the hand-computed means.
    await page.getByLabel("Pooling input row 2, column 2").fill("");
    await expect.poll(() => page.locator(".playground-message").textContent()).toContain("row 2, column 2 is empty");
    expect(await gridRows(page, "Pooled output")).toEqual(["6 8", "3 4"]);
    await page.getByLabel("Pooling input row 2, column 2").fill("6");
    await page.getByLabel("Pooling", {exact: true}).selectOption("avg");
    expect(await gridRows(page, "Pooled output")).toEqual(["3.25 5.25", "2 2"]);
    // The invariance study runs over all 1,000 sample images and draws its plot.
    await expect.poll(() => page.textContent("body"), {timeout: 60_000}).toContain("averaged over 1,000 MNIST test images");
    await waitForSettled(page);
    expect(await page.locator('[aria-label^="1 − cosine similarity after shifting"]').count()).toBe(1);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
