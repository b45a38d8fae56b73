// Pages call term("key") in Markdown, which no type-checker sees: every key must be in the glossary.
import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {GLOSSARY} from "../../src/lib/glossary.js";

const SRC = join(import.meta.dirname, "../../src");
const pages = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.name.startsWith(".") ? [] : e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []
  );

describe("glossary terms in pages", () => {
  const uses = pages(SRC).flatMap((path) =>
    [...readFileSync(path, "utf8").matchAll(/\bterm\("([^"]+)"/g)].map((m) => ({page: relative(SRC, path), key: m[1]}))
  );

  it("are used somewhere (the scan finds them)", () => {
    expect(uses.length).toBeGreaterThan(0);
  });

  it("all name a glossary entry", () => {
    expect(uses.filter((u) => !(u.key in GLOSSARY))).toEqual([]);
  });

  it("every entry has a term and a definition that ends a sentence", () => {
    for (const entry of Object.values(GLOSSARY)) {
      expect(entry.term.length).toBeGreaterThan(0);
      expect(entry.definition).toMatch(/[.)]$/);
    }
  });
});
