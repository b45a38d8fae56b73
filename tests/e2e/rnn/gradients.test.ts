// The vanishing-gradients and peephole pages in a browser: the plots render, the scale slider
// changes the measured curve (and smaller weights give a smaller gradient), the peephole layer
// reloads from model.json and agrees with the step-by-step cell, and no tensors leak.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

const bodyText = async (page: Page) => (await page.textContent("body")) ?? "";
const tensors = async (page: Page) => Number(/tensors in memory: (\d+)/.exec(await bodyText(page))?.[1]);
const norm = async (page: Page) => parseFloat(((await page.textContent(".norm-100")) ?? "").trim());

describe.runIf(origin)("gradient and peephole pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("vanishing gradients: the plots render and the slider changes the measured curve", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/vanishing-gradients.html");
    expect(problems).toEqual([]);
    // Every chart is there: two norm charts, accuracy by lag, seconds per epoch, training curves.
    for (const label of [
      "Gradient norm of a SimpleRNN",
      "Gradient norm against t for SimpleRNN, LSTM and GRU",
      "Test accuracy by lag",
      "Seconds per training epoch",
      "Training loss and test accuracy"
    ]) {
      expect(await page.locator(`svg[aria-label^="${label}"], figure svg[aria-label^="${label}"]`).count(), label).toBeGreaterThan(0);
    }
    expect(await page.locator("svg[aria-label^='Gradient norm of a SimpleRNN'] path").count()).toBeGreaterThan(5);
    expect(await page.locator("table.long-lag-table tbody tr").count()).toBe(3);
    expect(await bodyText(page)).toMatch(/Reaching 95% test accuracy: SimpleRNN/);

    const slider = page.getByRole("spinbutton", {name: "Recurrent weight scale ρ"});
    const initial = await norm(page);
    expect(initial).toBeGreaterThan(0);
    const before = await tensors(page);
    await slider.fill("0.5");
    await slider.press("Enter");
    await page.locator(".scale-value", {hasText: "0.50"}).waitFor();
    await waitForSettled(page);
    const small = await norm(page);
    // ρ = 0.5 bounds the norm by 0.5^100 ≈ 8e-31; ρ = 1.2 does not vanish like that.
    expect(small).toBeLessThan(1e-25);
    expect(small).not.toBe(initial);
    const label = await page.locator("svg[aria-label^='Gradient norm of a SimpleRNN']").getAttribute("aria-label");
    expect(label).toContain("0.50");
    for (const value of ["1.5", "0.9", "1.2"]) {
      await slider.fill(value);
      await slider.press("Enter");
      await page.locator(".scale-value", {hasText: Number(value).toFixed(2)}).waitFor();
    }
    await waitForSettled(page);
    expect(await norm(page)).toBeCloseTo(initial, 10);
    expect(await tensors(page)).toBe(before);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("peepholes: saved models reload, match the step-by-step cell, and switching k leaks nothing", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/peepholes.html");
    expect(problems).toEqual([]);
    expect(await page.locator("svg[aria-label^='Outputs of LSTM and Peephole LSTM']").count()).toBe(1);
    expect(await page.locator("svg[aria-label^='Cell state of each of the']").count()).toBe(1);
    expect(await page.locator("table.pulse-table tbody tr").count()).toBeGreaterThanOrEqual(8);
    expect(await bodyText(page)).toMatch(/Highest output on time, standard LSTM against peephole LSTM: k = 5/);
    expect(await page.locator("svg[aria-label^='Highest output on time']").count()).toBe(1);
    const difference = async () => Number(((await page.textContent(".largest-difference")) ?? "").trim());
    expect(await difference()).toBeLessThan(1e-5);
    await page.getByLabel("20", {exact: true}).check();
    await page.getByText("the pulse is due at step 23").waitFor();
    await waitForSettled(page);
    expect(await difference()).toBeLessThan(1e-5);
    const before = await tensors(page);
    for (const k of ["40", "5", "20"]) {
      await page.getByLabel(k, {exact: true}).check();
      await page.getByText(`k = ${k}, cue at step 3: the pulse is due at step ${3 + Number(k)}`).waitFor();
    }
    await waitForSettled(page);
    expect(await tensors(page)).toBe(before);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
