// The RNN pages in a browser: the nutshell page's hidden states obey the equation for a typed
// sequence, and the forecasting page's error table matches what the CSV itself says.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage, ROOT, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

/** The cells of every body row of the first table matching `selector`. */
async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$eval(selector, (table) =>
    Array.from(table.querySelectorAll("tbody tr"), (tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? ""))
  );
}

const number = (text: string) => Number(text.replace("−", "-"));

/** Mean |close_i − close_{i−1}| over the test days, straight from the CSV: the naive forecast's MAE. */
function naiveMaeFromCsv(file: string, column: string, testFrom: string): number {
  const [header, ...lines] = readFileSync(join(ROOT, "node_modules/vega-datasets/data", file), "utf8")
    .trim()
    .split("\n");
  const c = header.split(",").indexOf(column);
  const rows = lines.map((l) => l.split(",")).map((f) => ({date: f[0], value: Number(f[c])}));
  const errors = rows.flatMap((r, i) => (i > 0 && r.date >= testFrom ? [Math.abs(r.value - rows[i - 1].value)] : []));
  return errors.reduce((a, b) => a + b, 0) / errors.length;
}

describe.runIf(origin)("RNN pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("nutshell: every h_t on the page follows h_t = tanh(x_t·w_x + h_{t−1}·w_h + b) for a typed sequence", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/nutshell.html");
    expect(problems).toEqual([]);
    const xs = [0.5, -1, 2, 0, 0, 1.25];
    await page.getByLabel("Input sequence x").fill(xs.join(", ").replace("-", "−"));
    await expect.poll(async () => (await tableRows(page, "table.rnn-table")).length).toBe(xs.length);
    await waitForSettled(page);
    const wx = Number(await page.getByRole("spinbutton", {name: "w_x (input weight)"}).inputValue());
    const wh = Number(await page.getByRole("spinbutton", {name: "w_h (recurrent weight)"}).inputValue());
    const b = Number(await page.getByRole("spinbutton", {name: "b (bias)"}).inputValue());
    const rows = await tableRows(page, "table.rnn-table");
    expect(rows).toHaveLength(xs.length);
    let h = 0;
    rows.forEach((cells, t) => {
      expect(number(cells[1])).toBeCloseTo(xs[t], 3);
      h = Math.tanh(xs[t] * wx + h * wh + b);
      expect(Math.abs(number(cells.at(-1)!) - h)).toBeLessThan(6e-4);
    });
    // The drawing carries the same values.
    const drawn = await page.$$eval("svg.rnn-unrolled", (svgs) =>
      Array.from(svgs[0].querySelectorAll(".step .value"), (n) => n.textContent)
    );
    expect(drawn).toContain(rows[2].at(-1));

    // Bad input: a message, and the last good output stays.
    await page.getByLabel("Input sequence x").fill("1, abc");
    await expect.poll(() => page.textContent("body")).toContain('Value 2: "abc" is not a number.');
    expect(await page.textContent("body")).toContain('Value 2: "abc" is not a number.');
    expect(await tableRows(page, "table.rnn-table")).toEqual(rows);
    // The vectorised form agrees with the per-instance one.
    const difference = (await page.textContent(".both-ways-difference")) ?? "";
    expect(difference === "0 (identical)" || Number(difference.split(" ")[0]) < 1e-6).toBe(true);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("forecasting: three rows of errors, the naive MAE as the CSV gives it, messages for a window longer than the series", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/forecasting.html");
    expect(problems).toEqual([]);
    const table = async () => {
      const rows = await tableRows(page, "table.error-table");
      expect(rows.map((r) => r[0])).toEqual(["RNN", "naive (tomorrow = today)", "autoregression"]);
      for (const r of rows) expect(Number.isFinite(Number(r[1])) && Number.isFinite(Number(r[2]))).toBe(true);
      return rows;
    };
    const sp = await table();
    expect(Number(sp[1][1])).toBeCloseTo(naiveMaeFromCsv("sp500-2000.csv", "close", "2016-01-01"), 2);
    const tensors = async () => Number(await page.textContent(".tensor-count"));
    const before = await tensors();
    for (const n of ["5", "120", "60"]) {
      await page.getByRole("spinbutton", {name: "Window N (days)"}).fill(n);
      // Typing changes no DOM until the cells have run, so wait for the new N to show.
      await expect.poll(() => page.textContent("h2:has-text('Errors on the held-out days')"), {timeout: 60_000}).toContain(`N = ${n}`);
      await waitForSettled(page);
      // The naive forecast ignores N.
      expect((await table())[1][1]).toBe(sp[1][1]);
    }
    expect(await tensors()).toBe(before);
    console.log(`forecasting page: RNN inference for the S&P test period, N = 60: ${await page.textContent(".latency")} ms`);

    // A window reaching back before the first day: a message, never a crash.
    await page.getByRole("spinbutton", {name: "Window N (days)"}).fill("200");
    await page.getByLabel("Last day of the window").fill("2000-03-01");
    await expect
      .poll(() => page.textContent("body"), {timeout: 60_000})
      .toMatch(/N = 200 days is longer than the series up to 2000-03-01: S&P 500 has only \d+ usable days from 2000-01-04/);

    await page.getByLabel("Seattle (daily high temperature)").check();
    await expect.poll(() => page.textContent("body"), {timeout: 60_000}).toContain("2015-01-01 to 2015-12-31");
    await waitForSettled(page);
    const seattle = await table();
    expect(Number(seattle[1][1])).toBeCloseTo(naiveMaeFromCsv("seattle-weather.csv", "temp_max", "2015-01-01"), 2);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("trajectories: the read-out table adds up to the forecast shown beside it", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/trajectories.html");
    expect(problems).toEqual([]);
    const rows = await tableRows(page, "table.readout-table");
    expect(rows).toHaveLength(16);
    const text = (await page.textContent("body")) ?? "";
    const output = number(/ŷ = h_t·w \+ b = (\S+) scaled/.exec(text)![1]);
    const bias = number(/read-out bias b is (\S+)\./.exec(text)![1]);
    const sum = rows.reduce((s, r) => s + number(r[3]), bias);
    expect(Math.abs(sum - output)).toBeLessThan(0.01);
    expect(await page.$$("svg[aria-label^='Heatmap of the 16 hidden units']")).toHaveLength(1);
    await page.context().close();
  });
});
