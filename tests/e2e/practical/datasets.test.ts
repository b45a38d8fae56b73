// The practical pages do real work in the browser: real data drawn, a real model trained.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {launch, openPage, waitForSettled, fetchedFile} from "../site.js";

const origin = inject("siteOrigin");

describe.runIf(origin)("practical pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("the dataset explorer switches to Fashion-MNIST and one class", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/datasets.html");
    expect(problems).toEqual([]);
    await expect.poll(() => page.textContent("body")).toContain("60,000 training and 10,000 test images");
    await page.getByLabel("Fashion-MNIST (clothes)").check();
    await waitForSettled(page);
    await page.getByLabel("Class", {exact: true}).selectOption({label: "9: Ankle boot"});
    await waitForSettled(page);
    const text = (await page.textContent("body")) ?? "";
    expect(text).toContain("seed 20240607");
    expect(text).toContain("Sixty test images of class Ankle boot");
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("the first model trains to well above chance, and retraining leaks no tensors", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/first-model.html");
    expect(problems).toEqual([]);
    const accuracy = async () => {
      await page.getByText("Trained", {exact: true}).waitFor({timeout: 120_000});
      const text = (await page.textContent("body")) ?? "";
      return Number(/Test accuracy ([\d.]+)%/.exec(text)?.[1]);
    };
    const tensors = async () => Number(/tensors in memory: (\d+)/.exec((await page.textContent("body")) ?? "")?.[1]);
    // The images are fetched, and training starts, only when asked for.
    expect(await fetchedFile(page, "train-subset-images")).toBe(false);
    await page.getByRole("button", {name: "Fetch the images and train"}).click();
    expect(await accuracy()).toBeGreaterThan(80);
    const before = await tensors();
    // Every change of a setting trains a new model and must dispose the old one.
    for (const rate of ["0.3", "0.4", "0.5"]) {
      await page.getByRole("spinbutton", {name: "Learning rate"}).fill(rate);
      // Wait for the new run to start, so the old run's "Trained" is not read.
      await page.getByText("Training…", {exact: true}).waitFor({timeout: 60_000});
      expect(await accuracy()).toBeGreaterThan(60);
    }
    expect(await tensors()).toBe(before);
    await page.context().close();
  });
});
