// Issue 12's reading bar: no paragraph of a page's prose over 120 words. Prose is what Markdown
// shows as text: code cells, HTML blocks, headings and tables are left out, each list item counts
// on its own, and an inline ${…} expression counts as one word (it renders a number or a name).
import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";

const SRC = join(import.meta.dirname, "../../src");
const MAX_WORDS = 120;

function pages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    if (e.name.startsWith(".")) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? pages(path) : e.name.endsWith(".md") ? [path] : [];
  });
}

/** Inline ${…} expressions, braces nested, each replaced by one word. */
function withoutExpressions(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      out += " N ";
      i = j;
    } else out += text[i];
  }
  return out;
}

/** The prose paragraphs of a page, as text. */
function proseParagraphs(markdown: string): string[] {
  const body = withoutExpressions(markdown.replace(/^---\n[\s\S]*?\n---\n/, "").replace(/```[\s\S]*?```/g, ""));
  return body
    .split(/\n\s*\n/)
    .flatMap((block) => block.split(/\n(?=\s*(?:[-*]|\d+\.)\s)/))
    .map((p) => p.trim())
    .filter((p) => p && !/^(<|#|\|)/.test(p));
}

const words = (paragraph: string) => paragraph.split(/\s+/).filter(Boolean).length;

describe("prose paragraphs", () => {
  it("splits blocks, list items and expressions as a reader sees them", () => {
    const expr = (inner: string) => `$${"{"}${inner}}`;
    const fence = "`".repeat(3);
    const md = [
      "---\ntitle: x\n---",
      `One ${expr('a ? "b" : "d e f"')} two.`,
      `${fence}js\nconst x = 1;\n${fence}`,
      `- first item\n- second ${expr("n")} item`,
      "<div>html</div>",
      "## Heading"
    ].join("\n\n");
    expect(proseParagraphs(md)).toEqual(["One  N  two.", "- first item", "- second  N  item"]);
  });

  it.each(pages(SRC).map((p) => relative(SRC, p)))(`%s: no paragraph over ${MAX_WORDS} words`, (page) => {
    const long = proseParagraphs(readFileSync(join(SRC, page), "utf8"))
      .filter((p) => words(p) > MAX_WORDS)
      .map((p) => `${words(p)} words: ${p.slice(0, 80)}…`);
    expect(long).toEqual([]);
  });
});
