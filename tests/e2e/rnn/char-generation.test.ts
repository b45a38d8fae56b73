// The character-model pages in a browser: generation writes the asked number of characters after
// the seed (shown as text, markup too), a temperature change reshapes the next-character
// distribution, unknown characters get a message while the last text stays, a few batches of
// training in the page add a point to the curve and leave the tensor count flat afterwards; the
// quiz scores a set of answers exactly as a hand count does.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {fetchedFile, launch, openPage, waitForSettled} from "../site.js";

const origin = inject("siteOrigin");

const generated = (page: Page) => page.textContent(".card .char-output .char-generated").then((t) => t ?? "");
const seedShown = (page: Page) => page.textContent(".card .char-output .char-seed").then((t) => t ?? "");
const bodyHas = (page: Page, words: string) => async () => ((await page.textContent("body")) ?? "").includes(words);
const errors = (page: Page) => page.$$eval(".observablehq--error", (n) => n.length);

/** Probabilities in the next-character table: [model, tempered] per row. */
async function nextCharTable(page: Page): Promise<number[][]> {
  return page.$$eval("table.next-char-table tbody tr", (rows) =>
    rows.map((r) =>
      Array.from(r.querySelectorAll("td"))
        .slice(1)
        .map((td) => Number(td.textContent))
    )
  );
}

/** Set an Inputs.range by its number box. */
async function setRange(page: Page, label: string, value: number): Promise<void> {
  const box = page.locator(`form:has(label:text-is("${label}")) input[type=number]`);
  await box.fill(String(value));
  await box.press("Enter");
}

describe.runIf(origin)("character-model pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("generation: text after the seed, temperature reshapes the draw, bad seeds get a message, page training adds a point, no tensor leak", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/char-generation.html");
    expect(problems).toEqual([]);

    // Generation: 400 characters by default, after the seed shown as typed.
    await expect.poll(async () => (await generated(page)).length, {timeout: 60_000}).toBe(400);
    expect(await seedShown(page)).toBe("The whale ");
    const speed = await page.textContent(".generation-speed");
    console.log(`char-generation page: ${speed}`);

    // The samples after each epoch are fetched on a press, one per epoch with its held-out bits.
    expect(await fetchedFile(page, "samples")).toBe(false);
    expect(await page.locator(".char-samples li").count()).toBe(0);
    await page.getByRole("button", {name: "Show the samples"}).click();
    await page.locator(".char-samples li").first().waitFor({timeout: 60_000});
    const epochs = Number(/Offline training stopped after (\d+) epochs/.exec((await page.textContent("body")) ?? "")?.[1]);
    expect(epochs).toBeGreaterThan(0);
    expect(await page.locator(".char-samples li").count()).toBe(epochs);
    expect(await page.locator(".char-samples li .char-sample-head").last().textContent()).toMatch(
      new RegExp(`^After epoch ${epochs}: \\d\\.\\d\\d bits/char$`)
    );

    // A typed seed is text: markup is refused by name (“<” is outside the vocabulary), never parsed.
    await page.getByLabel("Start from").fill("<b>Call</b> me");
    await page.locator("text=The model never saw").waitFor({timeout: 60_000});
    expect(await page.textContent("body")).toContain("“<” (U+003C)");
    expect(await page.locator("main b:text-is('Call')").count()).toBe(0);
    await page.getByLabel("Start from").fill("Call me Ishmael. ");
    await expect.poll(() => seedShown(page), {timeout: 60_000}).toBe("Call me Ishmael. ");

    // Temperature: at 1 the sampled column equals the model's; at 0.3 the top character gains.
    await setRange(page, "Temperature", 1);
    await expect
      .poll(
        async () => {
          const rows = await nextCharTable(page);
          return rows.length > 0 && rows.every(([p, t]) => Math.abs(p - t) < 0.0015);
        },
        {timeout: 60_000}
      )
      .toBe(true);
    const atOne = await nextCharTable(page);
    await setRange(page, "Temperature", 0.3);
    await expect.poll(async () => (await nextCharTable(page))[0]?.[1] ?? 0, {timeout: 60_000}).toBeGreaterThan(atOne[0][1] + 0.001);
    await expect.poll(async () => (await generated(page)).length, {timeout: 60_000}).toBe(400);

    // Unknown characters: a message naming them; the last text stays.
    const kept = await generated(page);
    await page.getByLabel("Start from").fill("Ahab € and ☃");
    await page.locator("text=The model never saw").waitFor({timeout: 60_000});
    expect(await page.textContent("body")).toContain("“€” (U+20AC)");
    expect(await generated(page)).toBe(kept);
    await page.getByLabel("Start from").fill("");
    await expect.poll(bodyHas(page, "Type some seed text"), {timeout: 60_000}).toBe(true);
    await page.getByLabel("Start from").fill("The sea ");
    await expect.poll(() => seedShown(page), {timeout: 60_000}).toBe("The sea ");

    // Training here: a few batches (Stop ends the round early, if it has not ended already); a point joins the curve.
    const points = () => page.$$eval("svg[aria-label^='Held-out bits per character'] circle", (n) => n.length);
    const trainRound = async () => {
      await page.getByRole("button", {name: /^Train \d+ batches$/}).click();
      await expect.poll(bodyHas(page, "Trained here on "), {timeout: 120_000}).toBe(true);
      const stop = page.getByRole("button", {name: "Stop"});
      if (await stop.isEnabled()) await stop.click();
    };
    const before = await points();
    // The training text is fetched on the first press, not for the first view.
    const fetched = async () =>
      ((await page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")) as string[]).filter((u) =>
        /char-models\/moby-text\./.test(u)
      );
    expect(await fetched()).toEqual([]);
    await trainRound();
    expect(await fetched()).toHaveLength(1);
    expect(await page.textContent("body")).toMatch(/Training text and held-out windows: [\d.]+ MB loaded\./);
    await expect.poll(points, {timeout: 120_000}).toBe(before + 1);
    await expect.poll(async () => page.getByRole("button", {name: /^Train \d+ batches$/}).isEnabled(), {timeout: 120_000}).toBe(true);
    await waitForSettled(page);
    // The optimizer's moments now exist; another round and more samples add no tensor.
    const tensors = Number(await page.textContent(".tensor-count"));
    await trainRound();
    await expect.poll(points, {timeout: 120_000}).toBe(before + 2);
    await expect.poll(async () => page.getByRole("button", {name: /^Train \d+ batches$/}).isEnabled(), {timeout: 120_000}).toBe(true);
    for (let i = 0; i < 5; i++) await page.getByRole("button", {name: "Write again"}).click();
    await waitForSettled(page);
    expect(Number(await page.textContent(".tensor-count"))).toBe(tensors);

    // The other corpus loads its own model; the new tensor count is back to one model's.
    await page.getByLabel("State of the Union").check();
    await expect.poll(() => seedShown(page), {timeout: 60_000}).toBe("My fellow Americans, ");
    await expect.poll(async () => (await generated(page)).length, {timeout: 60_000}).toBe(400);
    expect(await errors(page)).toBe(0);
    await page.context().close();
  });

  test("quiz: answers scored as counted by hand, every answer shown after", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/human-or-computer.html");
    expect(problems).toEqual([]);
    const fieldsets = page.locator("form.char-quiz fieldset");
    expect(await fieldsets.count()).toBe(8);
    // Answer "human" for the first four and "computer" for the rest, leaving the last one blank.
    for (let i = 0; i < 7; i++)
      await fieldsets
        .nth(i)
        .getByLabel(i < 4 ? "A human wrote it" : "The computer wrote it")
        .check();
    await page.getByRole("button", {name: "Check my answers"}).click();
    await page.locator(".char-quiz-result", {hasText: "You got"}).waitFor();
    const verdicts = await page.$$eval("form.char-quiz .char-quiz-verdict", (n) => n.map((p) => p.textContent ?? ""));
    expect(verdicts).toHaveLength(8);
    const right = verdicts.filter((v) => v.startsWith("✓")).length;
    // Hand count from the truths the page reveals.
    const truths = verdicts.map((v) => (v.includes("a human wrote it") ? "human" : "computer"));
    const expected = truths.filter((t, i) => i < 7 && t === (i < 4 ? "human" : "computer")).length;
    expect(right).toBe(expected);
    expect(truths.filter((t) => t === "computer").length).toBe(4);
    expect(await page.textContent(".char-quiz-result")).toBe(`You got ${expected} of 8 right (1 left unanswered).`);
    expect(verdicts[7]).toMatch(/^✗ Wrong \(no answer\)/);
    // After checking, the network's own surprise per passage.
    await page.locator('svg[aria-label^="The network\'s bits per character on each passage"]').waitFor({timeout: 60_000});
    // The surprise is plain JavaScript over the shipped weights: the page never fetched tfjs.
    const resources = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    // Framework hashes file names in the build (weights.<hash>.bin).
    expect(resources.some((name) => /moby-lstm\/weights(\.[\w-]+)?\.bin/.test(name))).toBe(true);
    expect(resources.filter((name) => /tfjs/.test(name))).toEqual([]);
    // A new quiz: fresh, unanswered passages.
    await page.getByRole("button", {name: "New quiz"}).click();
    await expect.poll(async () => page.locator("form.char-quiz input:checked").count(), {timeout: 60_000}).toBe(0);
    expect(await errors(page)).toBe(0);
    await page.context().close();
  });
});
