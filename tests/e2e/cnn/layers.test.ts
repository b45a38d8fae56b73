// The CNN building-block pages in the browser: feature maps drawn for a photograph, depthwise
// costs equal to compareConvCosts, and the assembled LeNet-5's parameter count equal to what
// tfjs in Node reports for the same description, before and after changing it.
import * as tf from "@tensorflow/tfjs";
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {compareConvCosts} from "../../../src/lib/cnn/conv.js";
import {buildCnn, LENET5, type CnnDescription} from "../../../src/lib/models/cnn-description.js";
import {launch, openPage, waitForSettled, fetchedFile} from "../site.js";

const origin = inject("siteOrigin");

/** tfjs's own count for a description, computed here in Node. */
function tfjsParams(description: CnnDescription): number {
  const model = buildCnn(tf, description);
  const n = model.countParams();
  model.dispose();
  return n;
}

const numberAt = async (page: Page, selector: string, attribute: string) => Number(await page.getAttribute(selector, attribute));
const bodyText = async (page: Page) => (await page.textContent("body")) ?? "";

describe.runIf(origin)("CNN building-block pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    await tf.setBackend("cpu");
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("feature maps: a photograph through four filters, drawn as a stack and as maps; bad input keeps the maps", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/feature-maps.html");
    expect(problems).toEqual([]);
    expect(await bodyText(page)).toContain(
      "Boats in River, Nagasaki (grey), 128×160: through 4 filters, a 128×160×4 block of feature maps"
    );
    // The stack: one sheet per filter, each an image drawn from a canvas.
    const sheets = await page.$$eval('svg[aria-label*="stacked"] image', (nodes) => nodes.map((n) => n.getAttribute("href") ?? ""));
    expect(sheets).toHaveLength(4);
    for (const href of sheets) expect(href).toMatch(/^data:image\/png;base64,/);
    // Each feature map is a real picture: many different colours, not a flat or empty canvas.
    const colourCounts = await page.$$eval('[aria-label="The input and each feature map with its filter"] canvas', (canvases) =>
      canvases.map((canvas) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return {size: `${c.height}×${c.width}`, colours: colours.size};
      })
    );
    expect(colourCounts).toHaveLength(5); // the input and four maps
    for (const {size, colours} of colourCounts) {
      expect(size).toBe("128×160");
      expect(colours).toBeGreaterThan(50);
    }
    // Stride 0: a message, and the maps stay.
    await page.getByRole("textbox", {name: "Stride"}).first().fill("0");
    await expect.poll(() => page.textContent('[role="status"].caution')).toContain("The stride must be at least 1 (got 0).");
    expect(await page.$$eval('svg[aria-label*="stacked"] image', (n) => n.length)).toBe(4);
    // A valid stride of 2 halves the maps.
    await page.getByRole("textbox", {name: "Stride"}).first().fill("2");
    await expect.poll(() => bodyText(page)).toContain("a 64×80×4 block of feature maps");
    await waitForSettled(page);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("depthwise: the cost table equals compareConvCosts for the layer on the page, and follows the output depth", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/depthwise.html");
    expect(problems).toEqual([]);
    const readCosts = async () => {
      const cells = await page.$$eval("[data-cost]", (nodes) =>
        nodes.map((n) => [n.getAttribute("data-cost"), Number(n.textContent!.replace(/,/g, ""))] as const)
      );
      return Object.fromEntries(cells.slice(0, 16)); // the first table: the photograph's layer
    };
    const shapeOnPage = async () => {
      const m = /Separable: (\d+)×(\d+)×(\d+)/.exec(await bodyText(page));
      return m ? m.slice(1).map(Number) : [];
    };
    const check = async (outChannels: number) => {
      // Cells recompute on the next frame after an input event: wait for the new depth.
      await expect.poll(async () => (await shapeOnPage())[2]).toBe(outChannels);
      const [oh, ow] = await shapeOnPage();
      const want = compareConvCosts({output: [oh, ow], kernel: 3, inChannels: 3, outChannels});
      if (!want.ok) throw new Error(want.message);
      const got = await readCosts();
      for (const row of ["standard", "depthwise", "pointwise", "separable"] as const) {
        for (const column of ["weights", "biases", "parameters", "multiplyAdds"] as const) {
          expect(got[`${row}-${column}`], `${row} ${column}`).toBe(want.value[row][column]);
        }
      }
      // And by hand: 3·3·3·N + N against 3·3·3 + 3·N + N.
      expect(got["standard-parameters"]).toBe(27 * outChannels + outChannels);
      expect(got["separable-parameters"]).toBe(27 + 3 * outChannels + outChannels);
    };
    expect(await shapeOnPage()).toEqual([76, 160, 4]); // the alpine landscape, 'same' padding
    await check(4);
    // Two pointwise lines: output depth 2, and every count follows.
    await page.getByRole("textbox", {name: "Pointwise weights (red green blue)"}).fill("1 1 1\n1 0 −1");
    await waitForSettled(page);
    await check(2);
    // A non-numeric pointwise weight: a message, and the last valid costs stay.
    await page.getByRole("textbox", {name: "Pointwise weights (red green blue)"}).fill("1 1 1\n1 x −1");
    await expect
      .poll(() => page.textContent('[role="status"].caution'))
      .toContain('Pointwise weights: Row 2, column 2: "x" is not a number.');
    await check(2);
    await page.context().close();
  });

  test("assemble: LeNet-5's total equals tfjs's count, changing filters updates it, training runs and leaks no tensors", async () => {
    const {problems, page} = await openPage(browser, origin, "/cnn/assemble.html");
    expect(problems).toEqual([]);
    const totals = async () => ({
      page: await numberAt(page, "[data-total]", "data-total"),
      pageTfjs: await numberAt(page, "[data-tfjs-total]", "data-tfjs-total"),
      text: await page.textContent("[data-total]")
    });
    const lenet = tfjsParams(LENET5);
    expect(lenet).toBe(61706);
    expect(await totals()).toEqual({page: lenet, pageTfjs: lenet, text: "61,706"});

    // 8 filters in conv1: the tfjs count for the same change, computed here.
    await page.getByRole("spinbutton", {name: "Filters in conv1"}).fill("8");
    const eight = tfjsParams({...LENET5, layers: LENET5.layers.map((l, i) => (i === 0 ? {...l, filters: 8} : l))});
    expect(eight).toBe(61706 + 2 * 26 + 2 * 25 * 16); // two more 5×5 filters with biases, and their weights in conv2
    await expect.poll(totals).toMatchObject({page: eight, pageTfjs: eight});

    // A conv2 kernel larger than its 14×14 input: a message, the last valid network stays.
    await page.getByRole("spinbutton", {name: "conv2 kernel size"}).fill("15");
    await expect
      .poll(() => page.textContent('[role="status"].caution'))
      .toContain("Layer 3 (conv2): the kernel height 15 is larger than the input height 14.");
    expect(await totals()).toMatchObject({page: eight, pageTfjs: eight});
    await page.getByRole("spinbutton", {name: "conv2 kernel size"}).fill("5");
    await expect.poll(() => page.textContent('[role="status"]')).toBe("");
    await waitForSettled(page);

    // Train a few batches, stop, and see the result stated with the number of images.
    const tensors = async () => Number(/tensors in memory: (\d+)/.exec(await bodyText(page))?.[1]);
    const before = await tensors();
    expect(await fetchedFile(page, "train-subset-images")).toBe(false);
    await page.getByRole("button", {name: /^Train one pass/}).click();
    await page.getByText("Training…").waitFor({timeout: 60_000});
    // The first Train fetches the training images (not part of the first view), then trains.
    await page.getByText(/^Training images: [\d.]+ MB loaded\.$/).waitFor({timeout: 60_000});
    await page.getByRole("button", {name: "Stop"}).click();
    await page.getByText(/^Trained on [\d,]+ images$/).waitFor({timeout: 120_000});
    const text = await bodyText(page);
    const seen = Number(/This network has seen ([\d,]+) training images/.exec(text)?.[1].replace(/,/g, ""));
    expect(seen).toBeGreaterThan(0);
    expect(seen % 32).toBe(0);
    expect(text).toMatch(/Accuracy on the 1,000-image test sample: [\d.]+%/);
    // Ten softmax bars that sum to 1.
    const label = (await page.getAttribute('svg[aria-label^="Softmax output"]', "aria-label")) ?? "";
    const percents = [...label.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
    expect(percents).toHaveLength(10);
    expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(1);
    // A new description disposes the trained model: back to the count before training.
    await page.getByRole("spinbutton", {name: "Filters in conv1"}).fill("6");
    await expect.poll(totals).toMatchObject({page: lenet});
    await page.getByRole("spinbutton", {name: "Filters in conv1"}).fill("8");
    await expect.poll(totals).toMatchObject({page: eight});
    await page.getByText("Untrained: random weights").waitFor();
    await waitForSettled(page);
    expect(await tensors()).toBe(before);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
