// "Train it yourself" in headless Chromium: a CNN trains for two batches on the wasm backend
// (no GPU here) and its curves gain points; Stop ends a long run and keeps the network, which is
// tested and joins the table; a bad learning rate is refused with a message; a retrain leaves
// the tensor count where it was.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage, waitForSettled, fetchedFile} from "../site.js";

const origin = inject("siteOrigin");

const status = (page: Page) => page.evaluate(() => ({...document.querySelector<HTMLElement>("#train-status")!.dataset}));
const tensors = async (page: Page) => Number(await page.getAttribute("[data-tensors]", "data-tensors"));
const field = (page: Page, name: string) => page.getByRole("textbox", {name, exact: true});

/** Wait until run `run` has finished (trained or stopped, and tested). */
async function finished(page: Page, run: number): Promise<Record<string, string | undefined>> {
  await page.waitForFunction(
    (n) => {
      const s = document.querySelector<HTMLElement>("#train-status")?.dataset;
      return s?.run === String(n) && ["done", "stopped", "failed"].includes(s.phase ?? "");
    },
    run,
    {timeout: 240_000}
  );
  return status(page);
}

describe.runIf(origin)("train it yourself", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
    const report = await openPage(browser, origin, "/practical/train.html");
    expect(report.problems).toEqual([]);
    page = report.page;
    await page.getByLabel("wasm", {exact: true}).check();
    await page.getByText("TensorFlow.js runs on wasm").waitFor();
    await waitForSettled(page);
  });
  afterAll(async () => browser?.close());

  test("two batches train on wasm, the curves gain points and the network joins the table; a retrain keeps the tensor count", async () => {
    await field(page, "Training images").fill("200");
    await field(page, "Batch size").fill("100");
    await field(page, "Epochs").fill("1");
    expect(await status(page)).toMatchObject({phase: "idle", trainingPoints: "0", validationPoints: "0"});
    // The training images are not part of the first view: the first Start fetches them.
    expect(await fetchedFile(page, "mnist/train-shard-0")).toBe(false);
    await page.getByRole("button", {name: "Start"}).click();
    const first = await finished(page, 1);
    // 200 training images need the validation shard and the first training shard only.
    expect(await fetchedFile(page, "mnist/train-shard-1")).toBe(true);
    expect(await fetchedFile(page, "mnist/train-shard-2")).toBe(false);
    expect(await fetchedFile(page, "mnist/test-images")).toBe(false);
    // Two batches; a training point after each, a validation check before, after the first and at the end.
    expect(first).toMatchObject({phase: "done", batches: "2", trainingPoints: "2", validationPoints: "3"});
    const text = (await page.textContent("#train-status")) ?? "";
    expect(text).toMatch(/Run 1: 200 images seen .* on wasm\)\. Test accuracy [\d.]+% on 1,000 test images \(the stratified sample\)\./);
    // The shipped models are then scored on the same sample: the caption says so.
    await expect.poll(() => page.textContent("table caption")).toContain("1,000 test images");
    // The loss chart draws both series.
    expect(await page.locator('svg[aria-label="Training and validation loss as training goes"] path').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.textContent("table")).toContain("Yours #1: conv 8·16 5×5 max pool, dense 64; 200 images (wasm)");
    await waitForSettled(page);
    const before = await tensors(page);
    expect(before).toBeGreaterThan(0);
    await page.getByRole("button", {name: "Start"}).click();
    expect((await finished(page, 2)).phase).toBe("done");
    await waitForSettled(page);
    expect(await tensors(page)).toBe(before);
    await expect.poll(() => page.textContent("table")).toContain("Yours #2");
  });

  test("Stop ends a long run after a few batches and keeps the network trained so far", async () => {
    await field(page, "Training images").fill("5000");
    await field(page, "Batch size").fill("10");
    await field(page, "Epochs").fill("3");
    await page.getByRole("button", {name: "Start"}).click();
    await page.waitForFunction(
      () => {
        const s = document.querySelector<HTMLElement>("#train-status")?.dataset;
        return s?.run === "3" && Number(s.batches) >= 3;
      },
      null,
      {timeout: 120_000}
    );
    await page.getByRole("button", {name: "Stop"}).click();
    const stopped = await finished(page, 3);
    expect(stopped.phase).toBe("stopped");
    expect(Number(stopped.batches)).toBeLessThan(1500); // 3 epochs of 500 batches, far from done
    await expect.poll(() => page.textContent("table")).toMatch(/Yours #3: .*, stopped at [\d,]+ \(wasm\)/);
    // 5,000 training images needed every shard.
    expect(await fetchedFile(page, "mnist/train-shard-5")).toBe(true);
  });

  test("a learning rate of 0 is refused with a reason, before and after pressing Start", async () => {
    await field(page, "Learning rate").fill("0");
    await expect.poll(() => page.textContent('[role="status"].caution')).toContain("The learning rate must be above 0 (got 0)");
    await page.getByRole("button", {name: "Start"}).click();
    await expect.poll(() => page.textContent("#train-status")).toContain("Not started: The learning rate must be above 0 (got 0)");
    expect((await status(page)).run).toBe("3"); // no new run
    await field(page, "Learning rate").fill("-1");
    await expect.poll(() => page.textContent('[role="status"].caution')).toContain("The learning rate must be above 0 (got -1)");
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
  });

  test("switching to Fashion-MNIST disposes the MNIST network and data: no tensors remain until Start", async () => {
    await page.getByLabel("Fashion-MNIST (clothes)").check();
    await page.getByText("Fashion-MNIST: the shipped models and yours").waitFor();
    await waitForSettled(page);
    expect(await status(page)).toMatchObject({phase: "idle", run: "0"});
    // The network, its optimiser and the MNIST tensors are gone; Fashion-MNIST's training images
    // are fetched (and made tensors) on the next Start only.
    await expect.poll(() => tensors(page)).toBe(0);
    expect(await fetchedFile(page, "fashion/train-shard-0")).toBe(false);
    expect(await page.textContent("table")).not.toContain("Yours");
    // Fashion-MNIST's shards compress less: a Start stays within 2 MiB, so fewer images may train
    // than MNIST's 5,000, and one more is refused with the limit.
    const most = Number((await page.textContent(".most-training-images"))!.replace(/,/g, ""));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThan(5000);
    expect(await page.textContent("main")).toContain("A Start may fetch at most 2.0 MiB");
    await field(page, "Training images").fill(String(most + 1));
    await expect
      .poll(() => page.textContent('[role="status"].caution'))
      .toContain(`Training images can be at most ${most.toLocaleString("en")} here (got ${(most + 1).toLocaleString("en")})`);
    await field(page, "Training images").fill("3000");
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
  });
});
