// The drawing pages with the build-time CNN: a test image classified right, a stroke drawn with
// the mouse gives probabilities that sum to 1, an empty pad asks for a digit, 100 predictions
// leave the tensor count where it was, and the saliency page draws its maps.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage} from "../site.js";

const origin = inject("siteOrigin");

/** A stroke through the given points (fractions of the pad), with the real mouse. */
async function stroke(page: Page, points: [number, number][], steps = 6): Promise<void> {
  const canvas = page.locator(".sketchpad canvas").first();
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), {steps});
  await page.mouse.up();
}

const SEVEN: [number, number][] = [
  [0.25, 0.25],
  [0.72, 0.25],
  [0.45, 0.8]
];
const counts = async (page: Page) => {
  const text = (await page.locator(".tensor-count").textContent()) ?? "";
  return {predictions: Number(/predictions so far: (\d+)/.exec(text)?.[1]), tensors: Number(/tensors in memory: (\d+)/.exec(text)?.[1])};
};

describe.runIf(origin)("draw a digit and where the network looks", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("draw page: test image, empty pad, a stroke, and no tensor growth over 100 predictions", async () => {
    // The cpu backend: in headless Chromium webgl runs on a software rasteriser, where reading
    // every layer back for 100 predictions takes minutes; the saliency test below uses the default.
    const {problems, page} = await openPage(browser, origin, "/practical/draw.html?backend=cpu");
    expect(problems).toEqual([]);
    expect(await page.locator(".tensor-count").textContent()).toContain("tfjs backend: cpu");
    // The first offered test image is the sample's first 0: the network (even the quick-mode
    // one the test build trains) gets it right, and the page says so.
    const status = page.locator("h2.test-status");
    await expect.poll(() => status.textContent()).toMatch(/^A 0; the network says 0 /);
    // A 1 from the grid: the heading's prediction must be the chart's largest bar and the truth.
    await page
      .getByRole("button", {name: /Test image \d+ of the sample: a 1$/})
      .first()
      .click();
    await expect.poll(() => status.textContent()).toMatch(/^A 1; the network says 1 /);

    // Empty pad: a request for a digit, no chart.
    await expect.poll(() => page.locator("h2.draw-status").textContent()).toContain("draw a digit");
    expect(await page.locator('[aria-label^="Probabilities for your drawing"]').count()).toBe(0);

    await stroke(page, SEVEN);
    await page.locator('[aria-label^="Probabilities for your drawing"]').waitFor();
    const label = (await page.locator('[aria-label^="Probabilities for your drawing"]').getAttribute("aria-label")) ?? "";
    const probabilities = [...label.matchAll(/(\d) ([\d.]+)%/g)].map((m) => Number(m[2]) / 100);
    expect(probabilities).toHaveLength(10);
    // Printed to 0.1%: ten roundings of at most 0.05% each.
    expect(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(0.006);
    expect(await page.locator("h2.draw-status").textContent()).toMatch(/The network says \d, with/);
    // Every layer's maps are drawn: input, conv1 (16), pool1 (16), conv2 (32), pool2 (32), dense1.
    expect(await page.locator(".layer-maps").first().locator("canvas").count()).toBe(1 + 16 + 16 + 32 + 32 + 1);

    // Clear: back to the request.
    await page.getByRole("button", {name: "Clear the drawing"}).click();
    await expect.poll(() => page.locator("h2.draw-status").textContent()).toContain("draw a digit");

    // The keyboard draws too: pen down, a stroke with the arrow keys, then Delete clears.
    await page.locator(".sketchpad canvas").first().focus();
    await page.keyboard.press("Space");
    for (const key of [
      "ArrowUp",
      "ArrowUp",
      "ArrowUp",
      "ArrowRight",
      "ArrowRight",
      "ArrowDown",
      "ArrowDown",
      "ArrowDown",
      "ArrowDown",
      "ArrowDown"
    ])
      await page.keyboard.press(key);
    await expect.poll(() => page.locator("h2.draw-status").textContent()).toMatch(/The network says \d, with/);
    await page.keyboard.press("Delete");
    await expect.poll(() => page.locator("h2.draw-status").textContent()).toContain("draw a digit");

    // 100 predictions through the page (strokes, one prediction or more each), then the count.
    await stroke(page, SEVEN);
    await expect.poll(async () => (await counts(page)).tensors).toBeGreaterThan(0);
    const before = await counts(page);
    for (let i = 0; i < 100; i++)
      await stroke(
        page,
        [
          [0.2 + (i % 7) * 0.08, 0.2],
          [0.5, 0.5 + (i % 5) * 0.08]
        ],
        2
      );
    await expect.poll(async () => (await counts(page)).predictions, {timeout: 60_000}).toBeGreaterThanOrEqual(before.predictions + 100);
    await page.waitForTimeout(500);
    const after = await counts(page);
    expect(after.predictions).toBeGreaterThanOrEqual(before.predictions + 100);
    expect(after.tensors).toBe(before.tensors);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("saliency page: maps for a test image and for a drawing, no tensor growth", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/saliency.html");
    expect(problems).toEqual([]);
    await expect.poll(() => page.locator("h2.look-test-status").textContent()).toMatch(/^A 0; the network says \d/);
    const testMaps = page.locator('[aria-label^="Where the network looks for class"]');
    await expect.poll(() => testMaps.count()).toBe(1);
    expect(await testMaps.first().locator("canvas").count()).toBe(5);
    expect(await page.locator("h2.look-status").textContent()).toContain("draw a digit");
    const tensors = async () => Number(/tensors in memory: (\d+)/.exec((await page.locator(".tensor-count").textContent()) ?? "")?.[1]);
    const before = await tensors();
    await stroke(page, SEVEN);
    await expect.poll(() => testMaps.count()).toBe(2);
    // Another class to explain, and another test image: new maps, same tensor count.
    await page.getByLabel("Explain").selectOption("class 3");
    await page.getByRole("button", {name: /a 4$/}).first().click();
    await expect.poll(() => page.locator("h2.look-test-status").textContent()).toMatch(/^A 4; .*maps for class 3$/);
    await page.waitForTimeout(500);
    expect(await tensors()).toBe(before);
    // The canvases hold pictures, not blank squares: the overlay has more than one colour.
    const colours = await testMaps.first().evaluate((root) => {
      const canvas = root.querySelectorAll("canvas")[4] as HTMLCanvasElement;
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      return new Set(Array.from({length: data.length / 4}, (_, i) => `${data[i * 4]},${data[i * 4 + 1]},${data[i * 4 + 2]}`)).size;
    });
    expect(colours).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
