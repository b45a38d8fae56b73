// Minutes a page takes, estimated from its own Markdown: the prose a reader reads, at a fixed
// reading speed, plus a fixed allowance for every control they are invited to try. Computed
// from the source (no browser), so the home page's times follow the pages as they change.

export const READING = {
  /** Words a minute for technical prose (slower than the ~250 of light reading). */
  wordsPerMinute: 200,
  /** Minutes allowed for trying one control (a slider, a menu, a text field, a button…). */
  minutesPerControl: 0.5
} as const;

/** Inputs' controls and this project's own (src/ui); display-only Inputs (table) are not controls. */
const CONTROL =
  /\b(?:Inputs\.(?:range|select|radio|checkbox|toggle|text|textarea|button|number|search|date|datetime|color|file)|actionButton|sketchpad|imagePicker|textFields|selectField|presetSelect|gateWeightSliders)\(/g;

/** A page's Markdown split into what the reader reads and the code that runs. */
export function splitPage(markdown: string): {prose: string; code: string} {
  const code: string[] = [];
  let text = markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  text = text.replace(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm, (_, _fence, body: string) => {
    code.push(body);
    return "\n";
  });
  text = text.replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, " ").replace(/<!--[\s\S]*?-->/g, " ");
  const {prose, expressions} = takeExpressions(text);
  return {prose, code: [...code, ...expressions].join("\n")};
}

/** Replace every inline ${…} (braces may nest) by one word, the value it shows; keep its code. */
function takeExpressions(text: string): {prose: string; expressions: string[]} {
  const expressions: string[] = [];
  let prose = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("${", i);
    if (start < 0) break;
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    prose += `${text.slice(i, start)} value `;
    expressions.push(text.slice(start + 2, end));
    i = end + 1;
  }
  return {prose: prose + text.slice(i), expressions};
}

/** Words of Markdown prose: link targets, tags and markup dropped, a number counts as a word. */
export function countWords(prose: string): number {
  const plain = prose
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z]+;|&#\d+;/gi, " ");
  return plain.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Controls the page's code creates. */
export function countControls(code: string): number {
  return code.match(CONTROL)?.length ?? 0;
}

export interface PageTime {
  words: number;
  controls: number;
  /** Whole minutes, at least 1. */
  minutes: number;
}

export function pageTime(
  markdown: string,
  {
    wordsPerMinute = READING.wordsPerMinute,
    minutesPerControl = READING.minutesPerControl
  }: {wordsPerMinute?: number; minutesPerControl?: number} = {}
): PageTime {
  const {prose, code} = splitPage(markdown);
  const words = countWords(prose);
  const controls = countControls(code);
  return {words, controls, minutes: Math.max(1, Math.round(words / wordsPerMinute + controls * minutesPerControl))};
}
