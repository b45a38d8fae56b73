// The path through the site in a browser: the home page lists the pages in sidebar order with
// their minutes, and the sequence-shapes page draws four shapes from the real models, each
// linked to its page.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser} from "playwright-core";
import {sidebarPages} from "../../../src/lib/lecture-map.js";
import {launch, openPage} from "../site.js";

const origin = inject("siteOrigin");

describe.runIf(origin)("the path through the site", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("the home page lists every page in sidebar order, each with its minutes, and maps every slide", async () => {
    const {problems, page} = await openPage(browser, origin, "/index.html");
    expect(problems).toEqual([]);
    const sidebar = await page.$$eval("#observablehq-sidebar a[href]", (links) =>
      links.map((a) => new URL((a as HTMLAnchorElement).href).pathname).filter((p) => p !== "/" && p !== "/index.html")
    );
    const expected = sidebarPages().flatMap((s) => s.pages.map((p) => `${p.path}.html`));
    expect(sidebar).toEqual(expected);
    const listed = await page.$$eval(".lecture-map li", (items) =>
      items.map((li) => ({path: new URL(li.querySelector("a")!.href).pathname, minutes: li.querySelector(".minutes")?.textContent ?? ""}))
    );
    expect(listed.map((l) => l.path)).toEqual(expected);
    for (const {minutes} of listed) expect(minutes).toMatch(/^[1-9]\d* min$/);
    const start = await page.$eval('.start-here a[href$=".html"]', (a) => new URL((a as HTMLAnchorElement).href).pathname);
    expect(start).toBe(expected[0]);
    const slideRows = await page.$$eval(".slide-map tbody tr", (rows) => rows.map((r) => r.querySelectorAll("td a").length));
    expect(slideRows.length).toBeGreaterThan(30);
    expect(slideRows.filter((links) => links === 0)).toEqual([]);
    await page.context().close();
  });

  test("sequence shapes: four shapes, drawn with their model's tensors, each linked to its page", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/sequence-shapes.html");
    expect(problems).toEqual([]);
    const cards = await page.$$eval(".sequence-shape-card", (nodes) =>
      nodes.map((card) => ({
        shape: (card as HTMLElement).dataset.shape,
        link: new URL(card.querySelector("a")!.href).pathname,
        tensors: Array.from(card.querySelectorAll("dt code"), (c) => c.textContent),
        inputs: card.querySelectorAll("svg .io.input").length,
        outputs: card.querySelectorAll("svg .io.output").length,
        label: card.querySelector("svg")?.getAttribute("aria-label") ?? ""
      }))
    );
    // The shapes and tensors are read from the shipped model.json files (see models/*/model.json).
    expect(cards).toEqual([
      {
        shape: "seq2seq",
        link: "/rnn/forecasting.html",
        tensors: ["[batch, T, 1]", "[batch, T, 1]"],
        inputs: 4,
        outputs: 4,
        label: expect.any(String)
      },
      {
        shape: "seq2vec",
        link: "/rnn/sentiment.html",
        tensors: ["[batch, T]", "[batch, 2]"],
        inputs: 4,
        outputs: 1,
        label: expect.any(String)
      },
      {
        shape: "vec2seq",
        link: "/rnn/vector-to-sequence.html",
        tensors: ["[batch, 28, 28, 1]", "[batch, 64]", "[batch, T, 16]"],
        inputs: 1,
        outputs: 4,
        label: expect.any(String)
      },
      {
        shape: "delayed",
        link: "/rnn/encoder-decoder.html",
        tensors: ["[batch, T, 26]", "[batch, 96]", "[batch, T′, 40]"],
        inputs: 4,
        outputs: 4,
        label: expect.any(String)
      }
    ]);
    for (const card of cards) expect(card.label.length).toBeGreaterThan(20);
    // Every link leads to a page that opens.
    for (const {link} of cards) {
      const response = await page.goto(origin + link);
      expect(response?.status()).toBe(200);
    }
    await page.context().close();
  });

  test("sequence shapes at phone width: the drawings fit", async () => {
    const {page} = await openPage(browser, origin, "/rnn/sequence-shapes.html");
    await page.setViewportSize({width: 390, height: 800});
    const overflow = await page.$$eval("svg.sequence-shape", (svgs) =>
      svgs.map((s) => s.getBoundingClientRect().right > window.innerWidth + 1)
    );
    expect(overflow).toEqual([false, false, false, false]);
    await page.context().close();
  });
});
