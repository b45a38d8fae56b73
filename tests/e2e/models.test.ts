// The model comparison page reads the build-time models (quick mode in the test build) and
// shows them per dataset, labelled as quick.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {launch, openPage, waitForSettled} from "./site.js";

const origin = inject("siteOrigin");

describe.runIf(origin)("practical/models", () => {
  let browser: Browser;
  beforeAll(async () => void (browser = await launch(inject("browserPath"))));
  afterAll(async () => browser?.close());

  test("shows four models per dataset with their curves, labelled as quick-mode results", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/models.html");
    expect(problems).toEqual([]);
    const rows = () => page.$$eval("table tbody tr", (trs) => trs.map((tr) => tr.querySelector("th")?.textContent));
    expect(await rows()).toEqual(["Softmax regression", "Multilayer perceptron", "k-nearest neighbours", "Convolutional network"]);
    const text = async () => (await page.textContent("body")) ?? "";
    expect(await text()).toContain("This site was built with WORKBOOK_QUICK=1");
    expect(await page.locator("caption").textContent()).toBe("Quick mode MNIST: 4 models, 10,000 test images");
    expect(await text()).toContain("How: QUICK MODE (WORKBOOK_QUICK=1): trained on a stratified sample of 2,000 training images");
    // Accuracy cells are percentages well above chance.
    const accuracies = await page.$$eval("table tbody tr td:first-of-type", (tds) => tds.map((td) => Number.parseFloat(td.textContent ?? "")));
    for (const a of accuracies) expect(a).toBeGreaterThan(50);
    expect(await page.locator('svg[aria-label^="MNIST: accuracy per epoch"]').count()).toBe(1);

    await page.getByLabel("Fashion-MNIST (clothes)").check();
    // The caption changes once the Fashion-MNIST files have been fetched and parsed.
    await page.locator("caption", {hasText: "Fashion-MNIST"}).waitFor({timeout: 60_000});
    await waitForSettled(page);
    await page.getByLabel("Loss").check();
    await waitForSettled(page);
    expect(await page.locator('svg[aria-label^="Fashion-MNIST: loss per epoch"]').count()).toBe(1);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
