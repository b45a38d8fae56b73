// Small DOM pieces the playgrounds share: a preset picker, a captioned figure slot, an
// operator sign, a message line, and text in <strong>/<code>.

import {cellGrid, shadeGrid, type CellGrid} from "./cell-grid.js";
import {formatNumber, type Grid} from "../lib/cnn/conv.js";
import type {NamedGrid} from "../lib/cnn/kernel-presets.js";

/** A labelled <select> of [value, text] options. */
export function selectField(
  label: string,
  options: readonly (readonly [string, string])[]
): {label: HTMLLabelElement; select: HTMLSelectElement} {
  const wrapper = document.createElement("label");
  const name = document.createElement("span");
  name.textContent = label;
  const select = document.createElement("select");
  select.setAttribute("aria-label", label); // the wrapping label's text would include the options' text
  for (const [value, text] of options) select.append(new Option(text, value));
  wrapper.append(name, select);
  return {label: wrapper, select};
}

/** Presets by name; the value is the preset's index. */
export function presetSelect(label: string, presets: readonly NamedGrid[]) {
  return selectField(
    label,
    presets.map((p, i) => [String(i), p.name] as const)
  );
}

/** A figure whose caption, content and note under it can be replaced. */
export function slotFigure() {
  const root = document.createElement("figure");
  const caption = document.createElement("figcaption");
  const slot = document.createElement("div");
  const note = document.createElement("small");
  root.append(caption, slot, note);
  return {
    root,
    caption: (text: string) => {
      caption.textContent = text;
    },
    note: (text: string) => {
      note.textContent = text;
    },
    set: (element: HTMLElement, noteText = "") => {
      slot.replaceChildren(element);
      note.textContent = noteText;
    }
  };
}

export function operator(symbol: string, words: string): HTMLElement {
  const span = document.createElement("span");
  span.className = "playground-operator";
  span.textContent = symbol;
  span.setAttribute("aria-label", words);
  return span;
}

/** The line that says why the latest input was refused; empty when it was fine. */
export function messageLine(): {element: HTMLElement; show: (text: string) => void} {
  const element = document.createElement("p");
  element.className = "playground-message";
  element.setAttribute("role", "status");
  return {
    element,
    show: (text: string) => {
      element.textContent = text ? `${text} The output shown is from the last valid input.` : "";
      element.classList.toggle("is-shown", !!text);
    }
  };
}

export function strong(text: string): HTMLElement {
  const b = document.createElement("strong");
  b.textContent = text;
  return b;
}

export function code(text: string): HTMLElement {
  const c = document.createElement("code");
  c.textContent = text;
  return c;
}

/** Arrow keys on a grid element move (row, column) by one. */
export function onArrowKeys(element: HTMLElement, move: (dr: number, dc: number) => void): void {
  element.addEventListener("keydown", (event) => {
    const step: Record<string, [number, number]> = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
    const d = step[event.key];
    if (!d) return;
    event.preventDefault();
    move(...d);
  });
}

/**
 * An output grid a reader steps through: focusable, arrow keys move from `current()`, hovering or
 * tapping a cell picks it; `pick(row, column)` gets the new cell (the caller clamps and draws).
 */
export function steppableGrid(
  values: Grid,
  label: string,
  current: () => readonly [number, number],
  pick: (r: number, c: number) => void
): CellGrid {
  const [h, w] = values.shape;
  const grid = cellGrid(h, w, {label, text: (r, c) => formatNumber(values.data[r * w + c])});
  grid.root.tabIndex = 0;
  grid.root.setAttribute("aria-label", `${label}, ${h}×${w}. Arrow keys step through its cells.`);
  onArrowKeys(grid.root, (dr, dc) => pick(current()[0] + dr, current()[1] + dc));
  const onPointer = (event: Event) => {
    const i = grid.cells.indexOf(event.target as HTMLElement);
    if (i >= 0) pick(Math.floor(i / w), i % w);
  };
  grid.root.addEventListener("mouseover", onPointer);
  grid.root.addEventListener("click", onPointer);
  shadeGrid(grid, (r, c) => values.data[r * w + c]);
  return grid;
}

/** New values into a grid of the same shape: cheaper than a new grid on every keystroke. */
export function setGridValues(grid: CellGrid, values: Grid): void {
  const w = values.shape[1];
  grid.cells.forEach((cell, i) => {
    const text = formatNumber(values.data[i]);
    if (cell.textContent !== text) cell.textContent = text;
  });
  shadeGrid(grid, (r, c) => values.data[r * w + c]);
}

export const PLAYGROUND_CSS = `
.playground select { font: inherit; max-width: 16em; }
.playground-panels { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; }
.playground-panels figure { margin: 0; max-width: 100%; overflow-x: auto; }
.playground-panels figcaption { font: 600 13px var(--sans-serif); margin-bottom: 0.25rem; }
.playground-panels small { display: block; color: var(--theme-foreground-muted); margin-top: 0.25rem; }
.playground-operator { font: 1.5rem var(--sans-serif); color: var(--theme-foreground-muted); }
.playground-message { margin: 0.25rem 0; min-height: 1.3em; font: 13px var(--sans-serif); }
.playground-message.is-shown { color: var(--theme-red); font-weight: 600; }
.playground-arithmetic { margin-top: 0.5rem; font: 14px var(--sans-serif); }
.playground-arithmetic code { display: block; margin-top: 0.25rem; white-space: normal; overflow-wrap: anywhere; }
.cell-grid[tabindex]:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 2px; }
.cell-grid .cell input[aria-invalid] { outline: 2px solid var(--theme-red); outline-offset: -2px; }
`;
