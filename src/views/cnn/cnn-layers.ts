// A CNN summary (lib/models/cnn-description.ts) drawn two ways: blocks that get smaller and deeper
// layer by layer, and a table of shapes and parameter counts (with tfjs's own counts beside them
// when a model has been built, so the reader sees the two agree).
import type {CnnSummary, LayerSummary} from "../../lib/models/cnn-description.js";
import {injectStyle} from "../../ui/inject-style.js";

const format = (n: number) => n.toLocaleString("en");
const shapeText = (shape: readonly number[]) => shape.join("×");

/** "conv 6@5×5, same, relu", "max pool 2×2", "dense 120, relu". */
export function layerLabel(layer: LayerSummary["layer"]): string {
  const size = (p: number | readonly number[]) => (typeof p === "number" ? `${p}×${p}` : p.join("×"));
  switch (layer.type) {
    case "conv":
      return `conv ${layer.filters}@${size(layer.kernel)}${layer.stride && layer.stride !== 1 ? `, stride ${layer.stride}` : ""}, ${layer.padding ?? "valid"}, ${layer.activation ?? "relu"}`;
    case "pool":
      return `${layer.mode} pool ${size(layer.size)}`;
    case "flatten":
      return "flatten";
    case "dense":
      return `dense ${layer.units}, ${layer.activation ?? "relu"}`;
    case "dropout":
      return `dropout ${layer.rate}`;
  }
}

export interface TfCounts {
  /** countParams() of each layer, in order. */
  params: readonly number[];
  /** Output shape of each layer without the batch axis. */
  shapes: readonly (readonly number[])[];
  total: number;
}

/** One row per layer: output shape, parameters and how they are counted, and tfjs's count if given. */
export function layerTable(summary: CnnSummary, {tfjs}: {tfjs?: TfCounts | null} = {}): HTMLElement {
  injectStyle("cnn-layers-view-style", CSS);
  const table = document.createElement("table");
  table.className = "cnn-layers";
  const head = table.createTHead().insertRow();
  for (const text of ["Layer", "Output shape", "Parameters", "Counted as", ...(tfjs ? ["tfjs says"] : [])]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  const add = (cells: (string | number)[], {name, className}: {name?: string; className?: string} = {}) => {
    const row = body.insertRow();
    if (className) row.className = className;
    if (name) row.dataset.layer = name;
    cells.forEach((text, i) => {
      const cell = i === 0 ? document.createElement("th") : row.insertCell();
      if (i === 0) {
        (cell as HTMLTableCellElement).scope = "row";
        row.append(cell);
      }
      cell.textContent = typeof text === "number" ? format(text) : text;
    });
    return row;
  };
  add(["input", shapeText(summary.input), 0, "", ...(tfjs ? [""] : [])]);
  summary.layers.forEach((l, i) => {
    const tf = tfjs
      ? [
          agree(tfjs.params[i], l.params) && sameShape(tfjs.shapes[i], l.outputShape)
            ? `${format(tfjs.params[i])} ✓`
            : `${format(tfjs.params[i] ?? NaN)}, ${shapeText(tfjs.shapes[i] ?? [])} ✗`
        ]
      : [];
    const row = add([`${l.name}: ${layerLabel(l.layer)}`, shapeText(l.outputShape), l.params, l.formula, ...tf], {name: l.name});
    row.cells[2].dataset.params = String(l.params);
  });
  const total = add(
    [
      "Total",
      shapeText(summary.outputShape),
      summary.totalParams,
      "",
      ...(tfjs ? [`${format(tfjs.total)}${agree(tfjs.total, summary.totalParams) ? " ✓" : " ✗"}`] : [])
    ],
    {className: "total"}
  );
  total.cells[2].dataset.total = String(summary.totalParams);
  if (tfjs) total.cells[4].dataset.tfjsTotal = String(tfjs.total);
  // Wide tables scroll sideways on a phone instead of squeezing every column.
  const scroller = document.createElement("div");
  scroller.className = "cnn-layers-scroll";
  scroller.append(table);
  return scroller;
}

const agree = (a: number | undefined, b: number) => a === b;
const sameShape = (a: readonly number[] | undefined, b: readonly number[]) => !!a && a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Each layer's output as a block: image-shaped outputs as boxes whose face is height × width and
 * whose depth grows with the channels (square-root scale), flat outputs as bars whose height grows
 * with the units (square-root scale). Reads left to right like the lecture's "smaller and deeper".
 */
export function shapeDiagram(summary: CnnSummary, {width = 640}: {width?: number} = {}): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const steps = [
    {name: "input", shape: summary.input},
    ...summary.layers.filter((l) => l.layer.type !== "dropout").map((l) => ({name: l.name, shape: l.outputShape}))
  ];
  const maxSide = Math.max(...steps.map((s) => (s.shape.length === 3 ? Math.max(s.shape[0], s.shape[1]) : 0)), 1);
  const maxDepth = Math.max(...steps.map((s) => (s.shape.length === 3 ? s.shape[2] : 0)), 1);
  const maxUnits = Math.max(...steps.map((s) => (s.shape.length === 1 ? s.shape[0] : 0)), 1);
  // Drawn in a fixed coordinate system, then scaled to the width by the viewBox.
  const faceMax = 110;
  const depthMax = 46;
  const barMax = 150;
  const gap = 26;
  const boxes = steps.map((s) => {
    if (s.shape.length === 3) {
      const [h, w, c] = s.shape;
      const fh = Math.max(4, (faceMax * h) / maxSide);
      const fw = Math.max(4, (faceMax * w) / maxSide);
      const d = Math.max(3, depthMax * Math.sqrt(c / maxDepth));
      return {s, fw, fh, d, span: fw + d * 0.6};
    }
    const bh = Math.max(6, barMax * Math.sqrt(s.shape[0] / maxUnits));
    // Room for the label under the bar.
    return {s, fw: 10, fh: bh, d: 0, span: 34};
  });
  const labelH = 34;
  const innerH = Math.max(faceMax + depthMax * 0.5, barMax) + 8;
  // Blocks go left to right; on a narrow screen they wrap into rows, so nothing shrinks below
  // about 3/4 of its size.
  const rowWidth = Math.max(width / 0.75, Math.max(...boxes.map((b) => b.span)) + 2 * gap);
  const rows: (typeof boxes)[] = [[]];
  let used = gap;
  for (const b of boxes) {
    if (used + b.span + gap > rowWidth && rows[rows.length - 1].length > 0) {
      rows.push([]);
      used = gap;
    }
    rows[rows.length - 1].push(b);
    used += b.span + gap;
  }
  const totalW = rows.length > 1 ? rowWidth : used;
  const rowH = innerH + labelH;
  const totalH = rowH * rows.length;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${totalW} ${totalH}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(Math.round((totalH * width) / totalW)));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Shapes through the network: ${steps.map((s) => `${s.name} ${shapeText(s.shape)}`).join(", ")}`);
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  svg.style.overflow = "visible";
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  rows.forEach((row, r) => {
    let x = gap;
    const base = r * rowH + innerH; // every block in the row stands on this line
    for (const b of row) {
      const top = base - b.fh;
      const style = {stroke: "currentColor", "stroke-width": 1, "stroke-linejoin": "round"};
      if (b.d > 0) {
        // Depth goes up and to the right: a top face and a side face behind the front face.
        const dx = b.d * 0.6;
        const dy = b.d * 0.5;
        el("polygon", {
          points: `${x},${top} ${x + dx},${top - dy} ${x + b.fw + dx},${top - dy} ${x + b.fw},${top}`,
          fill: "var(--theme-foreground-focus)",
          "fill-opacity": 0.35,
          ...style
        });
        el("polygon", {
          points: `${x + b.fw},${top} ${x + b.fw + dx},${top - dy} ${x + b.fw + dx},${base - dy} ${x + b.fw},${base}`,
          fill: "var(--theme-foreground-focus)",
          "fill-opacity": 0.55,
          ...style
        });
        el("rect", {x, y: top, width: b.fw, height: b.fh, fill: "var(--theme-foreground-focus)", "fill-opacity": 0.15, ...style});
      } else {
        el("rect", {
          x: x + (b.span - b.fw) / 2,
          y: top,
          width: b.fw,
          height: b.fh,
          fill: "var(--theme-foreground-focus)",
          "fill-opacity": 0.45,
          ...style
        });
      }
      const cx = x + b.span / 2;
      el("text", {x: cx, y: base + 14, "text-anchor": "middle", fill: "currentColor", "font-size": 11, "font-weight": 600}, b.s.name);
      el("text", {x: cx, y: base + 28, "text-anchor": "middle", fill: "currentColor", "font-size": 11}, shapeText(b.s.shape));
      x += b.span + gap;
    }
  });
  return svg;
}

const CSS = `
.cnn-layers-scroll { overflow-x: auto; }
.cnn-layers { font-variant-numeric: tabular-nums; max-width: none; min-width: 560px; }
.cnn-layers td:nth-child(3) { text-align: right; }
.cnn-layers tr.total th, .cnn-layers tr.total td { font-weight: 600; border-top: 2px solid var(--theme-foreground-faint); }
`;
