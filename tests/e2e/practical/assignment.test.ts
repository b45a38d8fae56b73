// The assignment page on the built site: the Keras code written from the committed CNN (its
// Conv2D lines and parameter count), the copy button, the reader's row refused then accepted,
// kept across a reload and reset, and the model answers' numbers from the committed metrics.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {launch, openPage, ROOT, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, "models/mnist-models", path), "utf8"));

describe.runIf(origin)("practical/assignment", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("Keras code of the committed CNN, the results table with the reader's row, and the answers", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/assignment.html");
    expect(problems).toEqual([]);
    const modelJson = read("cnn/model.json");
    const metrics = read("cnn/metrics.json");

    // The code: one Conv2D line per convolution of model.json, the parameter count of the metrics.
    const code = (await page.locator("figure.code-copy pre").textContent()) ?? "";
    const convs = modelJson.modelTopology.config.layers.filter((l: {class_name: string}) => l.class_name === "Conv2D");
    expect(convs.length).toBeGreaterThan(0);
    const convLines = code.split("\n").filter((l) => l.includes("layers.Conv2D("));
    expect(convLines).toHaveLength(convs.length);
    convs.forEach((c: {config: {filters: number; kernel_size: number[]; activation: string}}, i: number) => {
      expect(convLines[i]).toContain(`layers.Conv2D(${c.config.filters}, kernel_size=(${c.config.kernel_size.join(", ")})`);
      expect(convLines[i]).toContain(`activation="${c.config.activation}"`);
    });
    expect(code.split("\n")[0]).toContain(
      `${modelJson.modelTopology.config.layers.length} layers, ${metrics.model.parameters.toLocaleString("en")} parameters`
    );
    expect(code).toContain(`epochs=${metrics.training.config.epochs}, batch_size=${metrics.training.config.batchSize}`);

    // Copy: with clipboard permission the code lands on the clipboard.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {origin});
    await page.getByRole("button", {name: /^Copy/}).click();
    await page.locator("figure.code-copy [role=status]", {hasText: "Copied."}).waitFor({timeout: 10_000});
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // The table starts with the four committed models.
    const summary = read("summary.json");
    const rows = () =>
      page.$$eval("table.assignment-results tbody tr", (trs) => trs.map((tr) => tr.querySelector("td")?.textContent ?? ""));
    expect(await rows()).toEqual(summary.models.map((m: {name: string}) => m.name));
    const chartDots = () => page.locator('svg[aria-label^="Test accuracy against parameters"] g[aria-label="dot"] > *').count();
    expect(await chartDots()).toBe(4);

    // A bad entry: a message, and the table unchanged.
    await page.getByLabel("Name", {exact: true}).fill("<b>Wide CNN</b>");
    await page.getByLabel("Test accuracy (%)").fill("0.99");
    await page.getByLabel("Parameters", {exact: true}).fill("200,000");
    await page.getByLabel("Training time (s)").fill("300");
    await page.getByRole("button", {name: "Add my model"}).click();
    const status = page.locator("form.assignment-entry [role=status]");
    expect(await status.textContent()).toContain("Test accuracy is a percentage: type 99.1 for 0.991 (got 0.99).");
    await waitForSettled(page, 500);
    expect(await rows()).toHaveLength(4);

    // A good one: a fifth row, shown as typed, and a star on the chart.
    await page.getByLabel("Test accuracy (%)").fill("99.3");
    await page.getByRole("button", {name: "Add my model"}).click();
    await page.locator("table.assignment-results tbody tr.on").waitFor({timeout: 10_000});
    await waitForSettled(page, 500);
    const mine = ["<b>Wide CNN</b> (yours)", "99.30%", "200,000", "300 s"];
    const lastRow = () => page.$$eval("table.assignment-results tbody tr:last-child td", (tds) => tds.map((td) => td.textContent));
    expect(await lastRow()).toEqual(mine);
    expect(await page.locator("table.assignment-results b").count()).toBe(0);
    expect(await chartDots()).toBe(5);

    // Still there after a reload.
    await page.reload({waitUntil: "load"});
    await waitForSettled(page);
    expect(await rows()).toHaveLength(5);
    expect(await lastRow()).toEqual(mine);
    expect(await page.getByLabel("Name", {exact: true}).inputValue()).toBe("<b>Wide CNN</b>");

    // Reset: back to the four.
    await page.getByRole("button", {name: "Reset"}).click();
    await waitForSettled(page, 500);
    expect(await rows()).toHaveLength(4);
    expect(await chartDots()).toBe(4);

    // An answer's numbers come from the metrics.
    await page.getByText("1. Why does the CNN beat the MLP").click();
    const cnn = summary.models.find((m: {id: string}) => m.id === "cnn");
    const answer = (await page.locator("details", {hasText: "1. Why does the CNN"}).textContent()) ?? "";
    expect(answer).toContain(`The CNN gets ${(100 * cnn.testAccuracy).toFixed(2)}% of the test images right`);
    expect(answer).toContain(`with ${cnn.parameters.toLocaleString("en")} parameters`);
    expect(await page.locator("details").count()).toBeGreaterThanOrEqual(6);

    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
