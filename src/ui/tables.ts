// Small HTML tables and text elements for any page: numbers beside a picture, in markup a screen
// reader can walk. Text is always set as text, never parsed as HTML.
import {formatValue} from "../lib/core/format.js";
import {injectStyle} from "./inject-style.js";

export interface TableOptions {
  caption?: string;
  /** Header of each column. */
  columns: string[];
  /** Index of a highlighted row, or null. */
  highlight?: number | null;
  /** Extra class on the table, for styling or finding it. */
  className?: string;
}

/** A plain numeric table; cells are strings (already formatted) or numbers. */
export function numberTable(
  rows: readonly (readonly (string | number)[])[],
  {caption, columns, highlight = null, className = ""}: TableOptions
): HTMLElement {
  injectStyle("rnn-tables-style", CSS);
  const table = document.createElement("table");
  table.className = `rnn-table ${className}`.trim();
  if (caption) table.createCaption().textContent = caption;
  const headRow = table.createTHead().insertRow();
  for (const name of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    headRow.append(th);
  }
  const body = table.createTBody();
  rows.forEach((cells, r) => {
    const row = body.insertRow();
    if (r === highlight) row.className = "on";
    for (const cell of cells) row.insertCell().textContent = typeof cell === "number" ? formatValue(cell) : cell;
  });
  const wrapper = document.createElement("div");
  wrapper.className = "rnn-table-wrapper";
  wrapper.append(table);
  return wrapper;
}

/** An element holding plain text: for numbers set inside prose without an html template. */
export function textElement(tag: string, text: string, className = ""): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}

const CSS = `
.rnn-table-wrapper { overflow-x: auto; max-width: 100%; }
.rnn-table { font-variant-numeric: tabular-nums; border-collapse: collapse; margin: 0.5rem 0; }
.rnn-table caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
.rnn-table th, .rnn-table td { padding: 0.15rem 0.6rem; text-align: right; border-bottom: solid 1px var(--theme-foreground-faintest); }
.rnn-table tr.on td { background: var(--theme-background-alt); font-weight: 600; box-shadow: inset 3px 0 var(--theme-foreground-focus); }
`;
