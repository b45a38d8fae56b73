// The architectures page: the ILSVRC chart draws every published result with its marks and
// sources, the depth chart its bars, and the residual experiment's gradient plot two networks'
// lines that follow the step slider; the heatmap and the loss chart are there; both networks
// train in the page without leaking tensors; no errors.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {launch, openPage, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

describe.runIf(origin)("from LeNet-5 to ResNet", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("the ImageNet chart, depth chart, sources and the residual experiment's charts", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/architectures.html");
    expect(problems).toEqual([]);

    const ilsvrc = page.locator('svg[aria-label^="ImageNet (ILSVRC) top-5 classification error by year"]');
    await ilsvrc.waitFor();
    const label = (await ilsvrc.getAttribute("aria-label")) ?? "";
    for (const text of [
      "2012 AlexNet 15.3%",
      "2014 GoogLeNet 6.7%",
      "2014 VGG 7.3% (runner-up)",
      "2015 ResNet 3.57%",
      "2017 SENet 2.25%",
      "human estimate 5.1%"
    ])
      expect(label).toContain(text);
    // Nine results, one dot each; one line through the eight winners; the human rule.
    expect(await ilsvrc.locator('g[aria-label="dot"] circle').count()).toBe(9);
    expect(await ilsvrc.locator('g[aria-label="line"] path').count()).toBe(1);
    expect(await ilsvrc.locator('g[aria-label="rule"] line').count()).toBe(1);

    const depth = page.locator('svg[aria-label^="Depth in weight layers"]');
    expect(await depth.getAttribute("aria-label")).toContain("2015 ResNet 152");
    expect(await depth.locator('g[aria-label="bar"] rect').count()).toBe(6);

    const sources = page.locator("table.ilsvrc-sources");
    expect(await sources.locator("tbody tr").count()).toBe(10);
    expect(await sources.textContent()).toContain("He, Zhang, Ren & Sun (2016), Deep Residual Learning for Image Recognition");

    expect(await page.locator('svg[aria-label^="A plain block"]').count()).toBe(1);

    const gradients = page.locator('svg[aria-label^="Gradient norm by layer"]');
    expect(await gradients.getAttribute("aria-label")).toContain("Plain after 0 steps");
    const lines = gradients.locator('g[aria-label="line"] path');
    expect(await lines.count()).toBe(2);
    const before = await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
    // Move the slider to the end of training: the title and both lines change.
    const field = page.getByRole("spinbutton", {name: "After training step"});
    const max = await field.getAttribute("max");
    await field.fill(String(max));
    await page.locator("h2", {hasText: `after ${Number(max).toLocaleString("en")} steps`}).waitFor();
    const after = await page
      .locator('svg[aria-label^="Gradient norm by layer"] g[aria-label="line"] path')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
    expect(after).toHaveLength(2);
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);

    // One heatmap panel per network, 20 layers × every measurement each; the loss chart's two lines.
    const heatmaps = page.locator('svg[aria-label^="Gradient norm of every layer during training"]');
    expect(await heatmaps.count()).toBe(2);
    const cells = await heatmaps.first().locator('g[aria-label="bar"] rect').count();
    expect(cells % 20).toBe(0);
    expect(cells).toBeGreaterThan(20 * 5);
    const loss = page.locator(".card", {hasText: "Training loss, averaged"}).locator('g[aria-label="line"] path');
    expect(await loss.count()).toBe(2);

    // Run it here: both networks train in the page; a second run disposes the first run's models.
    const tensors = async () => Number(/tensors in memory: (\d+)/.exec((await page.textContent("body")) ?? "")?.[1]);
    const counts: number[] = [];
    for (let run = 0; run < 2; run++) {
      await page.getByRole("button", {name: /Train both for \d+ steps/}).click();
      await page.getByText(/Training… step/).waitFor({timeout: 60_000});
      await page.getByText(/Trained \d+ steps in/).waitFor({timeout: 240_000});
      await waitForSettled(page);
      counts.push(await tensors());
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
    const liveCard = page.locator(".card", {hasText: /Trained \d+ steps in/});
    expect(await liveCard.locator('svg[aria-label^="Gradient norm by layer"] g[aria-label="line"] path').count()).toBe(2);
    expect(await liveCard.textContent()).toMatch(/Residual \(identity shortcuts\) after \d+ steps: loss [\d.]+/);

    await waitForSettled(page);
    expect(await page.textContent("body")).not.toContain("NaN");
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
