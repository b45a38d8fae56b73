// The lecture map names every page, and every page it names exists.
import {existsSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, test} from "vitest";
import {lectureMap, sidebarPages} from "../../src/lib/lecture-map.js";
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
  const linked = lectureMap.flatMap((s) => s.entries.flatMap((e) => (e.page ? [e.page] : [])));

  test("every page it links exists", () => {
    expect(linked.filter((page) => !existsSync(join(SRC, `${page}.md`)))).toEqual([]);
  });

  test("every page on disk but the home page is on the map", () => {
    expect(pagesOnDisk().filter((page) => page !== "index" && !linked.includes(page))).toEqual([]);
  });

  test("the sidebar groups pages as the lecture does", () => {
    expect(lectureMap.map((s) => s.section)).toEqual(["Convolutional networks", "Recurrent networks", "Practical"]);
    expect(config.pages).toEqual(sidebarPages());
    expect(
      sidebarPages()
        .find((s) => s.name === "Practical")
        ?.pages.map((p) => p.path)
    ).toContain("/practical/datasets");
  });

  test("the site needs no other host", () => {
    expect(config.globalStylesheets).toEqual([]);
  });
});
