// Reading time against pages worked out by hand.
import {describe, expect, test} from "vitest";
import {countControls, countWords, pageTime, splitPage} from "../../src/lib/reading-time.js";

const PAGE = `---
title: "A page"
---

# A small page

The network reads **one word** at a time, see [the LSTM](./lstm-cell) and <sub>t</sub>.

\`\`\`js
const units = view(Inputs.range([1, 10], {label: "Units"}));
const go = actionButton("Train");
display(Inputs.table(rows));
\`\`\`

It has \${units} units and \${fmt({a: {b: 1}})} weights.

<style>
.x { color: red; }
</style>
`;

describe("reading time", () => {
  test("splits prose from code, front matter and style", () => {
    const {prose, code} = splitPage(PAGE);
    expect(prose).not.toContain("title");
    expect(prose).not.toContain("Inputs");
    expect(prose).not.toContain("color");
    expect(code).toContain("Inputs.range");
    // Inline expressions with nested braces are code, and leave one word behind.
    expect(code).toContain("fmt({a: {b: 1}})");
    expect(prose).toContain("It has  value  units and  value  weights.");
  });

  test("counts words by hand", () => {
    // A small page (4) + The network reads one word at a time, see the LSTM and t. (12)
    // + It has value units and value weights. (7)
    expect(countWords(splitPage(PAGE).prose)).toBe(23);
    expect(countWords("# Title — [link text](https://example.com/a-b-c) &amp; 3.5 <b>bold</b>")).toBe(5);
  });

  test("counts controls, not display-only Inputs", () => {
    expect(countControls(splitPage(PAGE).code)).toBe(2);
    expect(countControls("Inputs.select(x); Inputs.table(t); Inputs.form({a: Inputs.range([0, 1])}); sketchpad({})")).toBe(3);
  });

  test("minutes: words at the reading speed plus an allowance per control, at least 1", () => {
    expect(pageTime(PAGE)).toEqual({words: 23, controls: 2, minutes: 1});
    const long = `${"word ".repeat(1000)}\n\`\`\`js\n${"Inputs.range([0, 1]);\n".repeat(6)}\`\`\`\n`;
    // 1000 / 200 = 5 minutes of reading, 6 × 0.5 = 3 of trying.
    expect(pageTime(long)).toEqual({words: 1000, controls: 6, minutes: 8});
    expect(pageTime(long, {wordsPerMinute: 100, minutesPerControl: 1})).toEqual({words: 1000, controls: 6, minutes: 16});
  });
});
