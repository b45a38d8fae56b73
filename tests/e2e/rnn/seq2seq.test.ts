// The sequence-output pages in a browser: the vector-to-sequence page names test digits exactly
// as the build decoded them; the encoder–decoder page decodes a typed word into phonemes (as
// the build did for held-out words), refuses markup and digits with a message shown literally,
// and keeps its tensor count flat over repeated decodes.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launch, openPage, waitForSettled} from "../site.js";
import {readCmudict} from "../../../src/data/lib/datasets/cmudict.js";
import {selectWords, splitWords, SPLIT} from "../../../src/data/lib/datasets/pronunciation-data.js";

const origin = inject("siteOrigin");
const DIGIT_NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();

describe.runIf(origin)("sequence-output RNN pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("vector to sequence: a test digit's name, decoded in the page as the build decoded it", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/vector-to-sequence.html");
    expect(problems).toEqual([]);
    const tensors = async () => Number(await text(page, ".tensor-count"));
    const before = await tensors();
    let right = 0;
    for (const [digit, example] of [
      [7, 1],
      [0, 1],
      [3, 2],
      [7, 5],
      [1, 1]
    ]) {
      await page.getByLabel("Digit").selectOption({label: `${digit} (${DIGIT_NAMES[digit]})`});
      await page.getByRole("spinbutton", {name: "Example"}).fill(String(example));
      await page.getByRole("spinbutton", {name: "Example"}).press("Enter");
      await expect.poll(() => text(page, ".card h2:has-text('Test image')")).toContain(`(a ${digit})`);
      await waitForSettled(page);
      const decoded = await text(page, ".decoded-name");
      // The page decodes with the shipped weights one step at a time; the loader decoded all
      // 10,000 test images in batches: the same name.
      expect(await text(page, ".build-decoding")).toContain(`wrote “${decoded}”`);
      if (decoded === DIGIT_NAMES[digit]) right++;
      // One row of the heatmap per decoder step.
      expect(await page.$$eval(".card svg[aria-label^='Decoder output probabilities']", (n) => n.length)).toBe(1);
    }
    // Even the quick build's model names most of these digits.
    expect(right).toBeGreaterThanOrEqual(3);
    expect(await tensors()).toBe(before);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("encoder–decoder: typed words decode to phonemes; markup and digits get a literal message; no tensor leaks", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/encoder-decoder.html");
    expect(problems).toEqual([]);
    const field = page.getByLabel("Word", {exact: true});
    const heading = () => text(page, ".decoded-phonemes");
    const phonemes = /^[A-Z]+ → ((?:[A-Z]{1,2} ?)+)$/;
    const tensors = async () => Number(await text(page, ".tensor-count"));

    await expect.poll(heading).toMatch(/^HATE → /);
    expect(await heading()).toMatch(phonemes);
    // The training words are fetched when the reader asks, not for the first view.
    const trainListFetched = async () =>
      ((await page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")) as string[]).some((u) =>
        /train-words\./.test(u)
      );
    expect(await trainListFetched()).toBe(false);
    expect(await text(page, ".word-card")).toContain("HATE is not a held-out word");
    await page.getByRole("button", {name: /^Look it up among the [\d,]+ training words$/}).click();
    await expect.poll(async () => text(page, ".word-card")).toContain("HATE is one of the training words");
    expect(await trainListFetched()).toBe(true);
    const before = await tensors();

    // Held-out words (the loader's seeded split, recomputed here): the page's step-by-step
    // decoding equals the build's batched decoding, which the page quotes.
    const {test: heldOut} = splitWords(selectWords(readCmudict()).words, SPLIT);
    for (const {word} of heldOut.slice(0, 3)) {
      await field.fill(word.toLowerCase());
      await expect.poll(heading).toMatch(new RegExp(`^${word} → `));
      await waitForSettled(page);
      const written = (await heading()).split(" → ")[1];
      const card = await text(page, ".word-card");
      expect(card).toContain(`${word} is a held-out word`);
      // The page runs float16 weights; where its decoding differs from the build's (float32), it says so.
      const quoted = /wrote “([^”]*)”/.exec(card)?.[1];
      if (quoted !== (written === "(nothing)" ? "" : written)) expect(card).toContain("float16 copy");
      // The timeline: one encoder step per letter, then the decoder's.
      const label = (await page.getAttribute(".seq2seq-timeline svg", "aria-label")) ?? "";
      expect(label).toContain(`reads ${word.length} symbols`);
    }

    // Markup is refused and shown as text: the message quotes the characters, no <b> appears,
    // and the last good word stays on the page.
    const last = await heading();
    await field.fill("<b>hi</b>");
    const status = page.locator("[role=status].caution");
    await expect.poll(() => status.textContent()).toContain("Letters a–z only, one word: “<”, “>”, “/” cannot be read");
    expect(await page.$$eval("[role=status] b", (n) => n.length)).toBe(0);
    expect(await heading()).toBe(last);
    await field.fill("r2d2");
    await expect.poll(() => status.textContent()).toContain("“2” cannot be read");
    expect(await heading()).toBe(last);

    for (const word of ["photograph", "queue", "cat", "hate"]) {
      await field.fill(word);
      await expect.poll(heading).toMatch(new RegExp(`^${word.toUpperCase()} → `));
      await waitForSettled(page);
    }
    expect(await page.locator("[role=status].caution").count()).toBe(0);
    expect(await tensors()).toBe(before);
    console.log(`encoder–decoder page: ${await text(page, ".latency-note")}`);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
