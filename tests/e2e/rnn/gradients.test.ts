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
    // Before a prediction: the measured norm charts, the timing and curve charts, but no results.
    for (const label of [
      "Gradient norm of a SimpleRNN",
      "Gradient norm against t for SimpleRNN, LSTM and GRU",
      "Seconds per training epoch",
      "Training loss and test accuracy"
    ]) {
      expect(await page.locator(`svg[aria-label^="${label}"], figure svg[aria-label^="${label}"]`).count(), label).toBeGreaterThan(0);
    }
    expect(await page.locator("svg[aria-label^='Gradient norm of a SimpleRNN'] path").count()).toBeGreaterThan(5);
    expect(await page.locator(".long-lag-results").count()).toBe(0);

    // Jargon carries its definition: hidden until hovered, focused or tapped; a tap toggles it.
    const jacobian = page.locator(".glossary-term", {has: page.getByRole("button", {name: "Jacobian", exact: true})}).first();
    const definition = jacobian.locator('[role="tooltip"]');
    expect(await definition.isVisible()).toBe(false);
    await jacobian.getByRole("button").click();
    expect(await jacobian.getByRole("button").getAttribute("aria-expanded")).toBe("true");
    expect(await definition.isVisible()).toBe(true);
    expect(await definition.textContent()).toMatch(/^Jacobian: The matrix of all partial derivatives/);
    await jacobian.getByRole("button").press("Escape");
    expect(await jacobian.getByRole("button").getAttribute("aria-expanded")).toBe("false");

    // Predict, then check: no answer yet, a wrong one, then the right one the feedback names.
    const check = page.getByRole("button", {name: "Check my prediction"});
    await check.click();
    await page.getByText("Choose an answer above first").waitFor();
    expect(await page.locator(".long-lag-results").count()).toBe(0);
    await page.getByLabel("SimpleRNN only", {exact: true}).check();
    await page.locator(".long-lag-feedback .feedback.wrong").waitFor();
    const wrong = (await page.textContent(".long-lag-feedback")) ?? "";
    expect(wrong).toMatch(/the answer is “([^”]+)”/);
    expect(wrong).toMatch(/the standard recipe gave SimpleRNN [\d.]+%, LSTM [\d.]+%, GRU [\d.]+%/);
    const answer = /the answer is “([^”]+)”/.exec(wrong)![1];
    await page.getByLabel(answer, {exact: true}).check();
    await page.locator(".long-lag-feedback .feedback.right").waitFor();
    await page.locator(".long-lag-results").waitFor();
    await waitForSettled(page);
    expect(await page.locator("svg[aria-label^='Test accuracy by lag']").count()).toBe(2);
    expect(await page.locator("svg[aria-label^='Gradient norm before and after training']").count()).toBe(2);
    expect(await page.locator("table.long-lag-table tbody tr").count()).toBe(6);
    expect(await bodyText(page)).toMatch(/standard recipe: reaching 95% test accuracy, SimpleRNN/);
    expect(await bodyText(page)).toMatch(/The control, “standard recipe with forget-gate bias 1”, changes one thing/);
    expect(await bodyText(page)).toMatch(/chrono initialisation, Tallec & Ollivier 2018/);

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
