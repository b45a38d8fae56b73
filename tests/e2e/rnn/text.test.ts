// The RNN text pages in a browser: on the sentiment page a typed positive review scores above a
// typed negative one, markup typed into the box is shown as text (and never runs), the line of
// scores has one point per word, and the tensor count stays flat over 20 predictions; the
// text-trajectory and deep pages draw one step per word and every layer.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {tokenize} from "../../../src/lib/text/text-tokens.js";
import {launch, openPage, waitForSettled, fetchedFile} from "../site.js";

const origin = inject("siteOrigin");

/** Type into a review box; `until` is polled until the page shows the result of this text. */
async function typeReview(page: Page, text: string, until: () => Promise<unknown>, label = "Your review"): Promise<void> {
  await page.getByLabel(label).fill(text);
  await expect.poll(until, {timeout: 60_000}).toBe(true);
  await waitForSettled(page, 500);
}

/** The words the page says it read, as one line. */
const stripText = async (page: Page) => ((await page.textContent("p.word-strip")) ?? "").replace(/\s+/g, " ").trim();
/** True once the word strip shows exactly the words of `text`. */
const showsWords = (page: Page, text: string) => async () => (await stripText(page)).startsWith(tokenize(text).join(" "));
const bodyHas = (page: Page, words: string) => async () => ((await page.textContent("body")) ?? "").includes(words);

/** The LSTM's final score as drawn beside its bar (the first model on the scale). */
async function lstmScore(page: Page): Promise<number> {
  const scores = await page.$$eval("g.final-score text", (nodes) => nodes.map((n) => Number(n.textContent)));
  expect(scores).toHaveLength(2);
  return scores[0];
}

async function wordDots(page: Page): Promise<number> {
  return page.$$eval("svg g.word-score circle", (nodes) => nodes.length);
}

describe.runIf(origin)("RNN text pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("sentiment: positive above negative, markup shown literally, one point per word, no tensor leak", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/sentiment.html");
    expect(problems).toEqual([]);

    const good = "A wonderful, moving film with superb acting. I loved it, the best of the year.";
    await typeReview(page, good, showsWords(page, good));
    const positive = await lstmScore(page);
    // 15 words: "a wonderful moving film with superb acting i loved it the best of the year".
    expect(await wordDots(page)).toBe(15);
    const bad = "A boring, stupid mess with awful acting. The worst film, a total waste of time.";
    await typeReview(page, bad, showsWords(page, bad));
    const negative = await lstmScore(page);
    expect(positive).toBeGreaterThan(negative);
    console.log(`sentiment page: typed positive ${positive}, negative ${negative}; latency ${await page.textContent(".latency")} ms`);

    // Markup is text: shown as typed, never parsed, never run.
    const hostile = `<b>Bold</b> claim: <img src="x" onerror="window.__xss = 1"> great film <script>window.__xss = 2</script>`;
    await typeReview(page, hostile, showsWords(page, hostile));
    const strip = page.locator("p.word-strip");
    expect(await strip.textContent()).toContain(`<img src="x" onerror="window.__xss = 1">`);
    expect(await strip.textContent()).toContain("<b>");
    expect(await strip.locator("b, img, script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as {__xss?: number}).__xss)).toBeUndefined();
    // The words between the tags are read: bold claim great film window xss 2 (the script's text is text).
    expect(await wordDots(page)).toBe(await strip.locator("span:not(.markup):not(.skipped)").count());

    // Bad input: a message, the last scores stay.
    await typeReview(page, "   ", bodyHas(page, "Type a review: the box is empty."));
    expect(await page.$$("g.final-score text")).toHaveLength(2);
    await typeReview(page, "?! ... <br />", bodyHas(page, "The text has no words"));
    await typeReview(page, "word ".repeat(5000), bodyHas(page, "25,000 characters; this page reads at most 20,000"));
    await typeReview(page, "qwzxv blorptastic", bodyHas(page, "None of the words read is in the"));

    // 20 predictions, the tensor count flat.
    await typeReview(page, "an ordinary film", showsWords(page, "an ordinary film"));
    const before = Number(await page.textContent(".tensor-count"));
    let last = "";
    for (let i = 0; i < 20; i++) {
      last = `review number ${i}: ${i % 2 ? "a dull and boring story" : "a great and touching story"} ${"really ".repeat(i)}`;
      await page.getByLabel("Your review").fill(last);
      await page.waitForTimeout(50);
    }
    await expect.poll(showsWords(page, last), {timeout: 60_000}).toBe(true);
    await waitForSettled(page);
    expect(await wordDots(page)).toBe(3 + 5 + 19);
    expect(Number(await page.textContent(".tensor-count"))).toBe(before);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("text trajectories: one labelled step per word, a heatmap of every unit", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/text-trajectories.html");
    expect(problems).toEqual([]);
    const words = ["the", "plot", "is", "thin", "but", "the", "acting", "is", "superb", "and", "i", "loved", "it"];
    const labels = () => page.$$eval("g.path-word text", (nodes) => nodes.map((n) => n.textContent));
    await typeReview(
      page,
      "The plot is thin but the acting is superb and I loved it",
      async () => JSON.stringify(await labels()) === JSON.stringify(words),
      "Text (edit it, or type your own)"
    );
    expect(await page.$$("svg[aria-label^='Heatmap of the 32 hidden units over 13 words']")).toHaveLength(1);
    await page.getByLabel("cₜ, the cell state (the long-term memory)").check();
    await expect
      .poll(async () => (await page.$$("svg[aria-label^='Heatmap of the 32 cell units over 13 words']")).length, {timeout: 60_000})
      .toBe(1);
    await typeReview(page, "superb", bodyHas(page, "A path needs at least two words"), "Text (edit it, or type your own)");
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("deep RNNs: three depths, and a heatmap for each layer of the 3-layer network", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/deep.html");
    expect(problems).toEqual([]);
    expect(await page.$$eval("table.depth-table tbody tr", (rows) => rows.map((r) => r.querySelector("td")?.textContent))).toEqual([
      "1 layer",
      "2 layers",
      "3 layers"
    ]);
    const heatmaps = async () => (await page.$$(`svg[aria-label$="16 hidden units over 7 words"]`)).length === 3;
    // The networks' weights are not part of the first view: fetched on request.
    expect(await fetchedFile(page, "deep-sentiment/depth-1/weights")).toBe(false);
    await page.getByRole("button", {name: "Fetch the three networks and read it"}).click();
    await page.getByText(/^The three networks' weights: [\d.]+ MB loaded\.$/).waitFor({timeout: 60_000});
    await typeReview(page, "a slow start but a wonderful ending", heatmaps, "Text (edit it, or type your own)");
    for (const k of [1, 2, 3])
      expect(await page.$$(`svg[aria-label^="Heatmap of layer ${k}'s 16 hidden units over 7 words"]`)).toHaveLength(1);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});
