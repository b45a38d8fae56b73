// The lecture map names every page, and every page it names exists.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, test} from "vitest";
import {LECTURE_SLIDES, lectureMap, readingOrder, sidebarPages, slideMap} from "../../src/lib/lecture-map.js";
import config from "../../observablehq.config.js";

const SRC = join(import.meta.dirname, "../../src");

function pagesOnDisk(dir = SRC): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith(".") || ["components", "data"].includes(entry.name) ? [] : pagesOnDisk(path);
    return entry.name.endsWith(".md") ? [relative(SRC, path).replace(/\.md$/, "")] : [];
  });
}

describe("lecture map", () => {
  const linked = lectureMap.flatMap((s) => s.entries.map((e) => e.page));

  test("every page it links exists", () => {
    expect(linked.filter((page) => !existsSync(join(SRC, `${page}.md`)))).toEqual([]);
  });

  test("every page on disk but the home page is on the map", () => {
    expect(pagesOnDisk().filter((page) => page !== "index" && !linked.includes(page))).toEqual([]);
  });

  test("the sidebar groups pages as the lecture does", () => {
    // The practical needs only the CNN pages, so it follows them; the RNNs come last.
    expect(lectureMap.map((s) => s.section)).toEqual(["Convolutional networks", "Practical", "Recurrent networks"]);
    expect(config.pages).toEqual(sidebarPages());
    expect(
      sidebarPages()
        .find((s) => s.name === "Practical")
        ?.pages.map((p) => p.path)
    ).toContain("/practical/datasets");
  });

  test("the RNN pages follow the lecture: basics, shapes, generation, problems, LSTM, gates, peepholes, GRU", () => {
    const rnn = readingOrder()
      .filter((p) => p.section === "Recurrent networks")
      .map((p) => p.page);
    const at = (page: string) => rnn.indexOf(page);
    const milestones = [
      "rnn/nutshell",
      "rnn/sequence-shapes",
      "rnn/char-generation",
      "rnn/vanishing-gradients",
      "rnn/lstm-cell",
      "rnn/lstm-gates",
      "rnn/peepholes",
      "rnn/gru"
    ];
    expect(milestones.map(at)).toEqual([...milestones.map(at)].sort((a, b) => a - b));
    expect(milestones.map(at)).not.toContain(-1);
    // The four shape pages come after the overview and before generation.
    for (const page of ["rnn/forecasting", "rnn/sentiment", "rnn/vector-to-sequence", "rnn/encoder-decoder"]) {
      expect(at(page)).toBeGreaterThan(at("rnn/sequence-shapes"));
      expect(at(page)).toBeLessThan(at("rnn/char-generation"));
    }
  });

  test("a page that uses an LSTM or GRU before the LSTM page says where the cell is taught", () => {
    const rnn = readingOrder().filter((p) => p.section === "Recurrent networks");
    const before = rnn.slice(
      0,
      rnn.findIndex((p) => p.page === "rnn/lstm-cell")
    );
    const missing = before
      .filter(({page}) => {
        const text = readFileSync(join(SRC, `${page}.md`), "utf8");
        return /\b(LSTM|GRU)\b/.test(text) && !/\]\(\.\/lstm-cell\)/.test(text);
      })
      .map((p) => p.page);
    expect(missing).toEqual([]);
  });

  test("every content slide of the lecture has a page, and every page names its slides", () => {
    expect(slideMap().filter((s) => s.pages.length === 0)).toEqual([]);
    expect(readingOrder().filter((p) => p.slides.length === 0)).toEqual([]);
    expect(slideMap().map((s) => s.slide)).toEqual([...LECTURE_SLIDES]);
    expect(
      slideMap()
        .find((s) => s.slide === "Vector-to-Sequence")
        ?.pages.map((p) => p.page)
    ).toEqual(["rnn/sequence-shapes", "rnn/vector-to-sequence"]);
  });

  test("the vanishing-gradients summary names the longest lag the shipped experiment runs", () => {
    const metrics = JSON.parse(readFileSync(join(SRC, "../models/long-lag/metrics.json"), "utf8"));
    const summary = readingOrder().find((p) => p.page === "rnn/vanishing-gradients")?.summary ?? "";
    expect(summary).toContain(`up to ${Math.max(...metrics.task.lags)} steps back`);
  });

  test("the site needs no other host", () => {
    expect(config.globalStylesheets).toEqual([]);
  });
});
