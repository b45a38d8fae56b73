// The pooling playground: a typed grid, max or average pooling with size, stride and padding,
// the pooled output, the window behind one output cell, and the size drop from the actual
// shapes. The maths is pool.ts; evaluatePool reads the typed text (pure), poolPlayground draws.

import {cellGrid, markCells, shadeGrid, type CellGrid} from "../../ui/cell-grid.js";
import {channelOf, formatNumber, parseGrid, type Grid} from "../../lib/cnn/conv.js";
import {resizeRows, textRows, type TextRows} from "./conv-playground.js";
import {injectStyle} from "../../ui/inject-style.js";
import type {NamedGrid} from "../../lib/cnn/kernel-presets.js";
import {
  code,
  messageLine,
  operator,
  setGridValues,
  steppableGrid,
  PLAYGROUND_CSS,
  presetSelect,
  selectField,
  slotFigure,
  strong
} from "../../ui/playground-parts.js";
import {
  pool2d,
  poolWindow,
  sizeReduction,
  type PoolPadding,
  type PoolTrace,
  type PoolType,
  type SizeReduction
} from "../../lib/cnn/pool.js";
import {fail, ok, type Result} from "../../lib/core/result.js";
import {textFields} from "../../ui/typed-fields.js";
import {parseWhole} from "../../lib/core/result.js";

export const POOL_LIMITS = {input: 16, size: 8, stride: 8} as const;

export interface PoolText {
  readonly cells: TextRows;
  readonly type: PoolType;
  readonly size: string;
  readonly stride: string;
  readonly padding: PoolPadding;
}

export interface PoolState {
  readonly input: Grid;
  readonly type: PoolType;
  readonly size: number;
  readonly stride: number;
  readonly padding: PoolPadding;
  readonly output: Grid;
  readonly reduction: SizeReduction;
}

export function evaluatePool(text: PoolText): Result<PoolState> {
  const size = parseWhole("Pool size", text.size, {min: 1, max: POOL_LIMITS.size});
  if (!size.ok) return size;
  const stride = parseWhole("Stride", text.stride, {min: 1, max: POOL_LIMITS.stride});
  if (!stride.ok) return stride;
  const input = parseGrid(text.cells);
  if (!input.ok) return fail(`Input: ${input.message.charAt(0).toLowerCase()}${input.message.slice(1)}`);
  const options = {size: size.value, stride: stride.value, padding: text.padding};
  const out = pool2d(input.value, text.type, options);
  if (!out.ok) return fail(out.message.replace(/^The kernel/, "The pool window")); // pool.ts shares conv's wording

  const reduction = sizeReduction(input.value.shape, out.value.shape.slice(0, 2));
  if (!reduction.ok) return reduction;
  return ok({input: input.value, type: text.type, ...options, output: channelOf(out.value, 0), reduction: reduction.value});
}

/** "75%", or "84.4%" when the drop is not a whole percentage. */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** "4×4 = 16 values → 2×2 = 4 values: 75% fewer" from the actual shapes. */
export function reductionText(s: PoolState): string {
  const [h, w] = s.input.shape;
  const [oh, ow] = s.output.shape;
  const r = s.reduction;
  const times = r.after > 0 ? r.before / r.after : 0;
  return (
    `${h}×${w} = ${r.before} values → ${oh}×${ow} = ${r.after} value${r.after === 1 ? "" : "s"}: ${percent(r.drop)} fewer` +
    (Number.isInteger(times) && times > 1 ? ` (${times} times smaller)` : "")
  );
}

/** "max(1, 1, 5, 6) = 6" or "(1 + 1 + 5 + 6) / 4 = 3.25". */
export function windowText(t: PoolTrace, type: PoolType): string {
  const values = t.cells.map((c) => formatNumber(c.value));
  return type === "max"
    ? `max(${values.join(", ")}) = ${formatNumber(t.value)}`
    : `(${values.join(" + ")}) / ${values.length} = ${formatNumber(t.value)}`;
}

// ---------------------------------------------------------------------------------------------
// The widget

export type PoolElement = HTMLElement & {value: PoolState};

export function poolPlayground({presets}: {presets: readonly NamedGrid[]}): PoolElement {
  injectStyle("playground-style", PLAYGROUND_CSS);
  let cells = textRows(presets[0].rows);
  let type: PoolType = "max";
  let padding: PoolPadding = "valid";
  const first = evaluatePool({cells, type, size: "2", stride: "2", padding});
  if (!first.ok) throw new Error(`The pooling presets are bad: ${first.message}`); // a bug in the page
  let state = first.value;
  let selected: [number, number] = [0, 0];

  const root = document.createElement("div") as unknown as PoolElement;
  root.className = "playground";
  Object.defineProperty(root, "value", {get: () => state});
  const body = document.createElement("div");

  const preset = presetSelect("Input", presets);
  const typeSelect = selectField("Pooling", [
    ["max", "Max"],
    ["avg", "Average"]
  ]);
  const paddingSelect = selectField("Padding", [
    ["valid", "valid (none)"],
    ["same", "same"]
  ]);
  const top = document.createElement("div");
  top.className = "typed-fields";
  top.append(preset.label, typeSelect.label, paddingSelect.label);
  const fields = textFields([
    {key: "inputSize", label: "Input size", value: cells.length, hint: `1 to ${POOL_LIMITS.input}`},
    {key: "size", label: "Pool size", value: 2, hint: `1 to ${POOL_LIMITS.size}`},
    {key: "stride", label: "Stride", value: 2, hint: `1 to ${POOL_LIMITS.stride}`}
  ]);
  const field = (key: string) => fields.querySelector<HTMLInputElement>(`input[name=${key}]`)!;
  const message = messageLine();
  const inputFigure = slotFigure();
  const outputFigure = slotFigure();
  const panels = document.createElement("div");
  panels.className = "playground-panels";
  panels.append(inputFigure.root, operator("→", "pooled into"), outputFigure.root);
  const reduction = document.createElement("p");
  reduction.className = "pool-reduction";
  const arithmetic = document.createElement("div");
  arithmetic.className = "playground-arithmetic";
  arithmetic.setAttribute("aria-live", "polite");
  body.append(top, fields, message.element, panels, reduction, arithmetic);
  root.append(body);

  let inputGrid: CellGrid;
  let outputGrid: CellGrid;

  function buildInput() {
    inputGrid = cellGrid(cells.length, cells[0].length, {
      label: `Pooling input, ${cells.length}×${cells[0].length}`,
      text: (r, c) => cells[r][c],
      editable: () => true,
      cellLabel: (r, c) => `Pooling input row ${r + 1}, column ${c + 1}`
    });
    inputFigure.set(inputGrid.root);
  }

  function buildOutput() {
    // Same shape: update in place (typing into a cell); else a new grid.
    if (outputGrid?.rows === state.output.shape[0] && outputGrid.cols === state.output.shape[1]) setGridValues(outputGrid, state.output);
    else {
      outputGrid = steppableGrid(state.output, "Pooled output", () => selected, select);
      outputFigure.set(outputGrid.root);
    }
    outputFigure.caption(`${state.type === "max" ? "Max" : "Average"} pooled ${state.output.shape.join("×")}`);
  }

  function select(r: number, c: number) {
    const [h, w] = state.output.shape;
    selected = [Math.max(0, Math.min(h - 1, r)), Math.max(0, Math.min(w - 1, c))];
    const t = poolWindow(selected[0], selected[1], state.input, state.type, state);
    if (!t.ok) {
      arithmetic.textContent = t.message; // cannot happen: selected is clamped
      return;
    }
    const win = new Map(t.value.cells.map((cell, i) => [`${cell.row},${cell.col}`, i]));
    markCells(inputGrid, (row, col) => {
      const i = win.get(`${row},${col}`);
      return i === undefined ? null : {field: true, chosen: i === t.value.winner};
    });
    markCells(outputGrid, (row, col) => (row === selected[0] && col === selected[1] ? {chosen: true} : null));
    const dropped =
      state.type === "max" ? ` The other ${t.value.cells.length - 1} value${t.value.cells.length === 2 ? " is" : "s are"} dropped.` : "";
    arithmetic.replaceChildren(
      strong(`Output row ${selected[0] + 1}, column ${selected[1] + 1}`),
      ` pools a window of ${t.value.cells.length} input cells:`,
      code(windowText(t.value, state.type)),
      dropped
    );
  }

  function update() {
    const result = evaluatePool({cells, type, size: field("size").value, stride: field("stride").value, padding});
    for (const input of inputGrid.inputs) if (input) input.toggleAttribute("aria-invalid", !parseGrid([[input.value]]).ok);
    if (!result.ok) return void message.show(result.message);
    message.show("");
    state = result.value;
    inputFigure.caption(`Input ${state.input.shape.join("×")}, window ${state.size}×${state.size}, stride ${state.stride}`);
    shadeGrid(inputGrid, (r, c) => state.input.data[r * state.input.shape[1] + c]);
    buildOutput();
    reduction.textContent = reductionText(state);
    select(...selected);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  body.addEventListener("input", (event) => {
    event.stopPropagation();
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.dataset.row !== undefined) {
      cells = cells.map((row) => [...row]);
      cells[Number(target.dataset.row)][Number(target.dataset.col)] = target.value;
    } else if (target === preset.select) {
      cells = textRows(presets[Number(preset.select.value)].rows);
      field("inputSize").value = String(cells.length);
      buildInput();
    } else if (target === typeSelect.select) {
      type = typeSelect.select.value as PoolType;
    } else if (target === paddingSelect.select) {
      padding = paddingSelect.select.value as PoolPadding;
    } else if (target instanceof HTMLInputElement && target.name === "inputSize") {
      const n = parseWhole("Input size", target.value, {min: 1, max: POOL_LIMITS.input});
      if (!n.ok) return void message.show(n.message);
      if (n.value !== cells.length) {
        cells = resizeRows(cells, n.value, n.value);
        buildInput();
      }
    }
    update();
  });
  body.addEventListener("change", (event) => event.stopPropagation());

  buildInput();
  update();
  return root;
}
