// A grid of numbers as HTML: cells a reader can type into, or that only show a value, shaded by
// value and markable (a receptive field, a pooling window, the chosen output). The playgrounds
// build one per grid; plain divs and inputs keep an update well inside one animation frame.

import {injectStyle} from "./inject-style.js";

export interface CellGridOptions {
  /** aria-label of the whole grid. */
  label: string;
  /** Text shown in (or typed into) cell (r, c). */
  text: (r: number, c: number) => string;
  /** Cells that take typing; the others only show their text. */
  editable?: (r: number, c: number) => boolean;
  /** Screen-reader name of an editable cell. */
  cellLabel?: (r: number, c: number) => string;
  /** Cells drawn faint, e.g. zero padding. */
  faint?: (r: number, c: number) => boolean;
}

export interface CellGrid {
  readonly root: HTMLElement;
  readonly rows: number;
  readonly cols: number;
  /** Row-major wrappers, one per cell. */
  readonly cells: HTMLElement[];
  /** The text field of each editable cell, else null. */
  readonly inputs: (HTMLInputElement | null)[];
}

export function cellGrid(
  rows: number,
  cols: number,
  {label, text, editable = () => false, cellLabel, faint = () => false}: CellGridOptions
): CellGrid {
  injectStyle("cell-grid-style", CSS);
  const root = document.createElement("div");
  root.className = "cell-grid";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label);
  root.style.setProperty("--cols", String(cols));
  const cells: HTMLElement[] = [];
  const inputs: (HTMLInputElement | null)[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = document.createElement("div");
      cell.className = faint(r, c) ? "cell is-faint" : "cell";
      let input: HTMLInputElement | null = null;
      if (editable(r, c)) {
        input = document.createElement("input");
        input.type = "text";
        input.inputMode = "decimal";
        input.autocomplete = "off";
        input.spellcheck = false;
        input.value = text(r, c);
        input.setAttribute("aria-label", cellLabel ? cellLabel(r, c) : `row ${r + 1}, column ${c + 1}`);
        input.dataset.row = String(r);
        input.dataset.col = String(c);
        cell.append(input);
      } else {
        cell.textContent = text(r, c);
      }
      cells.push(cell);
      inputs.push(input);
    }
  }
  root.append(...cells);
  return {root, rows, cols, cells, inputs};
}

/** Background for a value: red for positive, blue for negative (as imageMosaic's diverging colours), stronger with |value|. */
export function shade(value: number, extent: number): string {
  if (!Number.isFinite(value) || value === 0 || !(extent > 0)) return "";
  const share = Math.round(Math.min(1, Math.abs(value) / extent) * 55);
  return `color-mix(in srgb, ${value > 0 ? "var(--theme-red)" : "var(--theme-blue)"} ${share}%, transparent)`;
}

// The shade last written to each cell: rewriting an unchanged style still costs a style recalc.
const shades = new WeakMap<HTMLElement, string>();

/** Shade every cell by value(r, c) (NaN leaves a cell plain), scaled to the largest |value|. */
export function shadeGrid(grid: CellGrid, value: (r: number, c: number) => number): void {
  const values = grid.cells.map((_, i) => value(Math.floor(i / grid.cols), i % grid.cols));
  const extent = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  grid.cells.forEach((cell, i) => {
    const next = shade(values[i], extent);
    if (shades.get(cell) === next) return;
    cell.style.background = next;
    shades.set(cell, next);
  });
}

export interface CellMark {
  /** Part of the highlighted window (receptive field, pooling window). */
  field?: boolean;
  /** The cell that won (max pooling) or is chosen (an output cell). */
  chosen?: boolean;
  /** A small note in the corner, e.g. the kernel weight this cell is multiplied by. */
  tag?: string;
}

/** Set or clear every cell's marks. */
export function markCells(grid: CellGrid, mark: (r: number, c: number) => CellMark | null): void {
  grid.cells.forEach((cell, i) => {
    const m = mark(Math.floor(i / grid.cols), i % grid.cols);
    cell.classList.toggle("is-field", !!m?.field);
    cell.classList.toggle("is-chosen", !!m?.chosen);
    if (m?.tag) {
      if (cell.dataset.tag !== m.tag) cell.dataset.tag = m.tag;
    } else if (cell.dataset.tag !== undefined) delete cell.dataset.tag;
  });
}

const CSS = `
.cell-grid { --cell: clamp(1.35rem, calc((100vw - 3rem) / var(--cols)), 2.5rem);
  display: grid; grid-template-columns: repeat(var(--cols), var(--cell)); grid-auto-rows: var(--cell);
  gap: 1px; width: max-content; font: 12px var(--sans-serif); font-variant-numeric: tabular-nums; }
.cell-grid .cell { position: relative; display: flex; align-items: center; justify-content: center; overflow: hidden;
  border: solid 1px var(--theme-foreground-faintest); border-radius: 2px; white-space: nowrap; }
.cell-grid .cell.is-faint { color: var(--theme-foreground-faint); border-style: dashed; }
.cell-grid .cell input { width: 100%; height: 100%; border: none; padding: 0; margin: 0; text-align: center;
  font: inherit; color: inherit; background: transparent; }
.cell-grid .cell input:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: -2px; }
.cell-grid .cell.is-field { border: solid 2px var(--theme-foreground-focus); }
.cell-grid .cell.is-chosen { border: solid 2px currentColor; font-weight: 700; }
.cell-grid .cell[data-tag]::after { content: attr(data-tag); position: absolute; right: 1px; bottom: 0; font-size: 8px;
  line-height: 1; color: var(--theme-foreground-muted); pointer-events: none; }
`;
