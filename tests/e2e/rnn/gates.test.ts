// The gated-cell pages in a browser: the LSTM and GRU drawings follow their sliders and obey the
// cell's equations with the numbers they show; the gate heatmaps render for a held-out passage
// and for typed text; typed markup stays text; no page or cell errors.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

const number = (text: string | null) => Number((text ?? "").replace("−", "-"));

/** The numbers written on a cell drawing, by data-name. */
async function drawn(page: Page, selector: string): Promise<Record<string, number>> {
  const texts: [string, string][] = await page.$eval(selector, (svg) =>
    Array.from(svg.querySelectorAll("text[data-name]"), (t) => [t.getAttribute("data-name") ?? "", t.textContent ?? ""] as [string, string])
  );
  // "f·cₜ₋₁ = 0.440" → 0.440
  return Object.fromEntries(texts.map(([k, v]) => [k, number(v.replace(/^.*= /, ""))]));
}

async function heatmapCells(page: Page): Promise<number> {
  return page.$$eval('svg[aria-label^="Heatmap of the"] g[aria-label="cell"] rect', (rects) => rects.length);
}

/** The characters written above the heatmap's bands, joined (· stands for a space). */
async function heatmapText(page: Page): Promise<string> {
  return page.$$eval('svg[aria-label^="Heatmap of the"] g[aria-label="text"] text', (nodes) =>
    nodes.map((n) => n.textContent ?? "").join("")
  );
}

describe.runIf(origin)("gated-cell pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("LSTM cell: a slider changes the drawn values, which obey c_t = f·c_{t−1} + i·C̃ and h_t = o·tanh(c_t)", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/lstm-cell.html");
    expect(problems).toEqual([]);
    const before = await drawn(page, "svg.lstm-diagram");
    const check = (v: Record<string, number>) => {
      expect(Math.abs(v.c - (v.f * v.cPrev + v.i * v.g))).toBeLessThan(3e-3);
      expect(Math.abs(v.h - v.o * Math.tanh(v.c))).toBeLessThan(3e-3);
      expect(Math.abs(v.f - 1 / (1 + Math.exp(-2)))).toBeLessThan(1e-3); // default forget weights: σ(b_f = 2)
    };
    check(before);
    // Close the forget gate: the belt is wiped.
    const oldF = (await page.textContent('svg.lstm-diagram text[data-name="f"]')) ?? "";
    await page.getByRole("spinbutton", {name: "b_f (bias)"}).fill("-4");
    await page.waitForFunction((old) => document.querySelector('svg.lstm-diagram text[data-name="f"]')?.textContent !== old, oldF);
    const after = await drawn(page, "svg.lstm-diagram");
    expect(after.f).toBeCloseTo(1 / (1 + Math.exp(4)), 3);
    expect(after.c).not.toBeCloseTo(before.c, 2);
    expect(Math.abs(after.c - (after.f * after.cPrev + after.i * after.g))).toBeLessThan(3e-3);
    // The equations beside the drawing carry the same c_t.
    expect(await page.textContent("dl.cell-equations")).toContain(
      `= ${(await page.textContent('svg.lstm-diagram text[data-name="c"]'))!.trim()}`
    );
    // Hard sigmoid: σ(−4) = clip(0.2·(−4) + 0.5, 0, 1) = 0 exactly.
    await page.getByLabel(/hard sigmoid/).check();
    await page.waitForFunction(() => document.querySelector('svg.lstm-diagram text[data-name="f"]')?.textContent === "0.000");
    // A bad sequence keeps the last good table, with a message.
    const rows = await page.$$eval("table.lstm-steps tbody tr", (r) => r.length);
    await page.getByLabel(/Inputs x₁/).fill("1, x");
    await page.locator('[role="status"]', {hasText: "not a number"}).waitFor();
    expect(await page.$$eval("table.lstm-steps tbody tr", (r) => r.length)).toBe(rows);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("gates page: heatmaps render for a held-out passage and for typed text; markup stays text", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/lstm-gates.html");
    expect(problems).toEqual([]);
    await page.locator('svg[aria-label^="Heatmap of the"]').waitFor();
    expect(await heatmapCells(page)).toBeGreaterThan(100);
    // A shipped passage: at least 1,000 characters, read after the text before it.
    await page.locator("p", {hasText: /^Read after warming up on the \d+ characters before the passage/}).waitFor();
    const heading =
      (await page
        .locator("h2", {hasText: /over \d+ characters$/})
        .first()
        .textContent()) ?? "";
    expect(Number(heading.match(/over (\d+) characters$/)?.[1])).toBeGreaterThanOrEqual(1000);
    expect(await page.$$eval("table.ranking-table tbody tr", (r) => r.length)).toBe(9);
    // Another signal, another block of units.
    await page.getByLabel("cell state cₜ", {exact: true}).check();
    await page.getByLabel("Units", {exact: true}).selectOption({label: "units 1–16"});
    await page.locator("h2", {hasText: "cell state cₜ, 16 of"}).waitFor();
    const typed = 'Call me Ishmael. "Yes," said he.';
    await page.getByLabel("Text the model reads").fill(typed);
    await page.locator("h2", {hasText: `over ${typed.length} characters`}).waitFor();
    expect(await heatmapText(page)).toBe(typed.replaceAll(" ", "·"));
    expect(await heatmapCells(page)).toBe(16 * typed.length);
    // The shaded passage holds the same characters, as text.
    expect(await page.textContent(".shaded-text")).toBe(typed);
    expect(await page.locator("p", {hasText: "Read from the zero state."}).count()).toBe(1);

    // Markup typed into the box is never parsed: no element appears, the characters are shown.
    const markup = '<img src="x" onerror="window.__pwned = 1"><b>bold</b>';
    await page.getByLabel("Text the model reads").fill(markup);
    await waitForSettled(page);
    expect(await page.$$eval('img[src="x"]', (n) => n.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined();
    const status = (await page.textContent('[role="status"]')) ?? "";
    const shown = status.includes("“<”") || (await heatmapText(page)).includes("<img");
    expect(shown).toBe(true);
    // Empty text: a message, and the last good heatmap stays.
    await page.getByLabel("Text the model reads").fill("   ");
    await page.locator('[role="status"]', {hasText: "The passage is empty"}).waitFor();
    expect(await heatmapCells(page)).toBeGreaterThan(0);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("GRU: a slider changes the drawn values, which obey h_t = z·h_{t−1} + (1 − z)·h̃; heatmap and comparison table render", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/gru.html");
    expect(problems).toEqual([]);
    const check = (v: Record<string, number>) => {
      expect(Math.abs(v.h - (v.z * v.hPrev + (1 - v.z) * v.hCandidate))).toBeLessThan(3e-3);
      expect(Math.abs(v.rh - v.r * v.hPrev)).toBeLessThan(3e-3);
    };
    const before = await drawn(page, "svg.gru-diagram");
    check(before);
    const oldZ = (await page.textContent('svg.gru-diagram text[data-name="z"]')) ?? "";
    await page.getByRole("spinbutton", {name: "b_z (bias)"}).fill("4");
    await page.waitForFunction((old) => document.querySelector('svg.gru-diagram text[data-name="z"]')?.textContent !== old, oldZ);
    const after = await drawn(page, "svg.gru-diagram");
    check(after);
    expect(after.z).toBeGreaterThan(before.z);
    // An update gate near 1 keeps the old state (tfjs's convention).
    expect(Math.abs(after.h - after.hPrev)).toBeLessThan(Math.abs(before.h - before.hPrev));
    await page.locator('svg[aria-label^="Heatmap of the"]').waitFor();
    expect(await heatmapCells(page)).toBeGreaterThan(100);
    const cells = await page.$$eval("table.cell-comparison tbody tr", (rows) =>
      rows.map((r) => r.querySelectorAll("td")[1]?.textContent ?? "")
    );
    for (const name of ["SimpleRNN", "LSTM", "GRU"]) expect(cells.some((c) => c.startsWith(name))).toBe(true);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
