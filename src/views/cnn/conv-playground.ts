// The convolution playground: a typed image and kernel, stride and zero padding, the output
// feature map, and the arithmetic of one output cell over its receptive field. The maths is
// conv.ts; this module reads what the reader typed (evaluatePlayground, pure) and draws it
// (convPlayground, DOM). Bad input gives a message and the last good output stays on screen.

import {cellGrid, markCells, shadeGrid, type CellGrid} from "../../ui/cell-grid.js";
import {
  channelOf,
  conv2d,
  formatNumber,
  kernelFilters,
  parseGrid,
  planWindow,
  receptiveField,
  type AxisPlan,
  type CellTrace,
  type Grid
} from "../../lib/cnn/conv.js";
import {injectStyle} from "../../ui/inject-style.js";
import type {NamedGrid} from "../../lib/cnn/kernel-presets.js";
import {fail, ok, type Result} from "../../lib/core/result.js";
import {
  code,
  messageLine,
  operator,
  setGridValues,
  steppableGrid,
  PLAYGROUND_CSS,
  presetSelect,
  slotFigure,
  strong
} from "../../ui/playground-parts.js";
import {textFields} from "../../ui/typed-fields.js";
import {parseWhole} from "../../lib/core/result.js";

/** The largest settings: a 16×16 image padded by 3 is drawn as 22×22 cells. */
export const PLAYGROUND_LIMITS = {image: 16, kernel: 7, stride: 8, padding: 3} as const;

export type TextRows = readonly (readonly string[])[];

/** Everything as the reader typed it. */
export interface PlaygroundText {
  readonly image: TextRows;
  readonly kernel: TextRows;
  readonly stride: string;
  readonly padding: string;
}

export interface Playground {
  readonly image: Grid;
  readonly kernel: Grid;
  readonly stride: number;
  readonly padding: number;
  readonly output: Grid;
  readonly rows: AxisPlan;
  readonly cols: AxisPlan;
}

/** Parse and convolve, or say what is wrong first. */
export function evaluatePlayground(text: PlaygroundText): Result<Playground> {
  const stride = parseWhole("Stride", text.stride, {min: 1, max: PLAYGROUND_LIMITS.stride});
  if (!stride.ok) return stride;
  const padding = parseWhole("Zero padding", text.padding, {min: 0, max: PLAYGROUND_LIMITS.padding});
  if (!padding.ok) return padding;
  const image = parseGrid(text.image);
  if (!image.ok) return fail(`Input image: ${lowerFirst(image.message)}`);
  const kernel = parseGrid(text.kernel);
  if (!kernel.ok) return fail(`Kernel: ${lowerFirst(kernel.message)}`);
  const options = {stride: stride.value, padding: padding.value};
  const plan = planWindow(image.value.shape, kernel.value.shape, options);
  if (!plan.ok) return plan;
  const out = conv2d(image.value, kernelFilters(kernel.value), options);
  if (!out.ok) return out;
  return ok({
    image: image.value,
    kernel: kernel.value,
    ...options,
    output: channelOf(out.value, 0),
    rows: plan.value.rows,
    cols: plan.value.cols
  });
}

/** The arithmetic of one output cell, in the lecture's order (down each kernel column). */
export function traceCell(p: Playground, row: number, col: number): Result<CellTrace> {
  return receptiveField(row, col, p.image, kernelFilters(p.kernel), {stride: p.stride, padding: p.padding, order: "column"});
}

/** "⌊(6 + 2·0 − 3) / 1⌋ + 1 = 4": the output length along one axis, with its numbers. */
export function outputSizeText(a: AxisPlan): string {
  return `⌊(${a.input} + 2·${a.padBefore} − ${a.kernel}) / ${a.stride}⌋ + 1 = ${a.output}`;
}

/** Numbers as editable text. */
export function textRows(rows: readonly (readonly number[])[]): string[][] {
  return rows.map((row) => row.map((v) => String(v)));
}

/** Crop or extend with `fill`, keeping what was typed where it still fits. */
export function resizeRows(rows: TextRows, height: number, width: number, fill = "0"): string[][] {
  return Array.from({length: height}, (_, r) => Array.from({length: width}, (_, c) => rows[r]?.[c] ?? fill));
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// The widget

export interface PlaygroundOptions {
  imagePresets: readonly NamedGrid[];
  kernelPresets: readonly NamedGrid[];
  stride?: number;
  padding?: number;
}

/** Its value is the last good Playground; an "input" event fires whenever that changes. */
export type PlaygroundElement = HTMLElement & {value: Playground};

export function convPlayground({imagePresets, kernelPresets, stride = 1, padding = 0}: PlaygroundOptions): PlaygroundElement {
  injectStyle("playground-style", PLAYGROUND_CSS);
  let image = textRows(imagePresets[0].rows);
  let kernel = textRows(kernelPresets[0].rows);
  const first = evaluatePlayground({image, kernel, stride: String(stride), padding: String(padding)});
  if (!first.ok) throw new Error(`The playground's presets are bad: ${first.message}`); // a bug in the page, not reader input
  let state = first.value;
  let selected: [number, number] = [0, Math.min(1, state.output.shape[1] - 1)];

  const root = document.createElement("div") as unknown as PlaygroundElement;
  root.className = "playground";
  Object.defineProperty(root, "value", {get: () => state});
  const body = document.createElement("div"); // the inner inputs' events stop here; root fires its own

  const imageSelect = presetSelect("Image", imagePresets);
  const kernelSelect = presetSelect("Kernel", kernelPresets);
  const fields = textFields([
    {key: "imageSize", label: "Image size", value: image.length, hint: `1 to ${PLAYGROUND_LIMITS.image}`},
    {key: "kernelSize", label: "Receptive field (kernel size)", value: kernel.length, hint: `1 to ${PLAYGROUND_LIMITS.kernel}`},
    {key: "stride", label: "Stride", value: stride, hint: `1 to ${PLAYGROUND_LIMITS.stride}`},
    {key: "padding", label: "Zero padding", value: padding, hint: `0 to ${PLAYGROUND_LIMITS.padding}`}
  ]);
  const field = (key: string) => fields.querySelector<HTMLInputElement>(`input[name=${key}]`)!;
  const presets = document.createElement("div");
  presets.className = "typed-fields";
  presets.append(imageSelect.label, kernelSelect.label);

  const message = messageLine();

  const inputFigure = slotFigure();
  const kernelFigure = slotFigure();
  const outputFigure = slotFigure();
  const panels = document.createElement("div");
  panels.className = "playground-panels";
  panels.append(inputFigure.root, operator("⊛", "convolved with"), kernelFigure.root, operator("=", "gives"), outputFigure.root);

  const arithmetic = document.createElement("div");
  arithmetic.className = "playground-arithmetic";
  arithmetic.setAttribute("aria-live", "polite");

  body.append(presets, fields, message.element, panels, arithmetic);
  root.append(body);

  let inputGrid: CellGrid;
  let kernelGrid: CellGrid;
  let outputGrid: CellGrid;
  let drawnPadding = -1;

  function buildInput(pad: number) {
    const [h, w] = [image.length, image[0].length];
    inputGrid = cellGrid(h + 2 * pad, w + 2 * pad, {
      label: `Input image, ${h}×${w}${pad ? `, with ${pad} ring${pad > 1 ? "s" : ""} of zero padding` : ""}`,
      text: (r, c) => (inside(r, c) ? image[r - pad][c - pad] : "0"),
      editable: inside,
      faint: (r, c) => !inside(r, c),
      cellLabel: (r, c) => `Input row ${r - pad + 1}, column ${c - pad + 1}`
    });
    function inside(r: number, c: number) {
      return r >= pad && r < h + pad && c >= pad && c < w + pad;
    }
    drawnPadding = pad;
    inputFigure.set(inputGrid.root);
  }

  function buildKernel() {
    kernelGrid = cellGrid(kernel.length, kernel[0].length, {
      label: "Kernel",
      text: (r, c) => kernel[r][c],
      editable: () => true,
      cellLabel: (r, c) => `Kernel row ${r + 1}, column ${c + 1}`
    });
    kernelFigure.set(kernelGrid.root);
  }

  function buildOutput() {
    // Same shape: update in place (typing into a cell); else a new grid.
    if (outputGrid?.rows === state.output.shape[0] && outputGrid.cols === state.output.shape[1]) setGridValues(outputGrid, state.output);
    else {
      outputGrid = steppableGrid(state.output, "Output feature map", () => selected, select);
      outputFigure.set(outputGrid.root);
    }
    outputFigure.note(`${outputSizeText(state.rows)} rows, ${state.cols.output} columns`);
  }

  function select(r: number, c: number) {
    const [h, w] = state.output.shape;
    selected = [Math.max(0, Math.min(h - 1, r)), Math.max(0, Math.min(w - 1, c))];
    const trace = traceCell(state, ...selected);
    if (!trace.ok) {
      arithmetic.textContent = trace.message; // cannot happen: selected is clamped
      return;
    }
    const t = trace.value;
    const pad = state.padding;
    const taps = new Map(t.terms.map((term) => [`${term.inputRow + pad},${term.inputCol + pad}`, term.weight]));
    markCells(inputGrid, (r, c) => {
      const weight = taps.get(`${r},${c}`);
      return weight === undefined ? null : {field: true, tag: `×${formatNumber(weight)}`};
    });
    markCells(outputGrid, (r, c) => (r === selected[0] && c === selected[1] ? {chosen: true} : null));
    const padded = t.terms.filter((term) => !term.inside).length;
    arithmetic.replaceChildren(
      strong(`Output row ${t.outRow + 1}, column ${t.outCol + 1}`),
      // Rows and columns of the grid as drawn (padding included), counted from 1.
      ` sees rows ${t.rows[0] + pad + 1}–${t.rows[1] + pad + 1}, columns ${t.cols[0] + pad + 1}–${t.cols[1] + pad + 1} of the ${pad ? "padded " : ""}input${padded ? ` (${padded} of its ${t.terms.length} cells are padding zeros)` : ""}:`,
      code(t.text)
    );
  }

  function shadeInputs() {
    const pad = drawnPadding;
    const [h, w] = state.image.shape;
    shadeGrid(inputGrid, (r, c) => (r >= pad && r < h + pad && c >= pad && c < w + pad ? state.image.data[(r - pad) * w + c - pad] : NaN));
    shadeGrid(kernelGrid, (r, c) => state.kernel.data[r * state.kernel.shape[1] + c]);
  }

  function update() {
    const result = evaluatePlayground({image, kernel, stride: field("stride").value, padding: field("padding").value});
    for (const input of [...inputGrid.inputs, ...kernelGrid.inputs]) {
      if (input) input.toggleAttribute("aria-invalid", !parseGrid([[input.value]]).ok);
    }
    if (!result.ok) return void showMessage(result.message);
    showMessage("");
    state = result.value;
    if (drawnPadding !== state.padding) buildInput(state.padding);
    const [h, w] = state.image.shape;
    inputFigure.caption(`Input ${h}×${w}${state.padding ? `, padded to ${h + 2 * state.padding}×${w + 2 * state.padding}` : ""}`);
    kernelFigure.caption(`Kernel ${state.kernel.shape.join("×")}, stride ${state.stride}`);
    shadeInputs();
    buildOutput();
    outputFigure.caption(`Output ${state.output.shape.join("×")}`);
    select(...selected);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  const showMessage = message.show;

  function resizeFrom(key: "imageSize" | "kernelSize"): boolean {
    const isImage = key === "imageSize";
    const size = parseWhole(isImage ? "Image size" : "Kernel size", field(key).value, {
      min: 1,
      max: isImage ? PLAYGROUND_LIMITS.image : PLAYGROUND_LIMITS.kernel
    });
    if (!size.ok) {
      showMessage(size.message);
      return false;
    }
    if (isImage) {
      if (size.value !== image.length) {
        image = resizeRows(image, size.value, size.value);
        buildInput(drawnPadding);
      }
    } else if (size.value !== kernel.length) {
      kernel = resizeRows(kernel, size.value, size.value);
      buildKernel();
    }
    return true;
  }

  body.addEventListener("input", (event) => {
    event.stopPropagation();
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.dataset.row !== undefined) {
      const r = Number(target.dataset.row);
      const c = Number(target.dataset.col);
      if (inputGrid.root.contains(target)) {
        image = image.map((row) => [...row]);
        image[r - drawnPadding][c - drawnPadding] = target.value;
      } else {
        kernel = kernel.map((row) => [...row]);
        kernel[r][c] = target.value;
      }
    } else if (target === imageSelect.select || target === kernelSelect.select) {
      const isImage = target === imageSelect.select;
      const preset = (isImage ? imagePresets : kernelPresets)[Number((target as HTMLSelectElement).value)];
      if (isImage) {
        image = textRows(preset.rows);
        field("imageSize").value = String(image.length);
        buildInput(drawnPadding);
      } else {
        kernel = textRows(preset.rows);
        field("kernelSize").value = String(kernel.length);
        buildKernel();
      }
    } else if (target instanceof HTMLInputElement && (target.name === "imageSize" || target.name === "kernelSize")) {
      if (!resizeFrom(target.name)) return;
    }
    update();
  });
  body.addEventListener("change", (event) => event.stopPropagation());

  buildInput(padding);
  buildKernel();
  update();
  return root;
}
