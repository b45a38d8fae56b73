// Shared pieces of the gated-cell drawings (views/rnn/lstm-cell.ts, views/rnn/gru-cell.ts), in the style of the
// lecture's (colah's) figures: wires with arrowheads, round ⊗/⊕ nodes, gate boxes filled as far as
// the gate is open, numbers written beside the wires. Plain SVG in a fixed 640-wide viewBox; the
// wrapper keeps it at least 540 px wide and scrolls sideways on a phone, so numbers stay readable.
import {injectStyle} from "../../ui/inject-style.js";

const SVG = "http://www.w3.org/2000/svg";
let ids = 0;

export function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A <defs> holding one arrowhead marker, for lines drawn with marker-end: url(#id). */
export function arrowHeadDefs(id: string, head: Record<string, string | number>): SVGDefsElement {
  const defs = el("defs", {});
  const marker = el("marker", {id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"});
  marker.append(el("path", head));
  defs.append(marker);
  return defs;
}

export type Point = [number, number];

export interface CellDrawing {
  svg: SVGSVGElement;
  /** The scrolling wrapper to return to the page. */
  wrapper: HTMLElement;
  wire(points: Point[], cls?: string, arrow?: boolean): SVGPolylineElement;
  /** A number on the drawing; `name` goes to data-name, for tests and the page. */
  value(x: number, y: number, text: string, name: string, anchor?: string, cls?: string): SVGTextElement;
  label(x: number, y: number, text: string, anchor?: string, cls?: string): SVGTextElement;
  /** A round node: "×", "+" or "1−". */
  op(x: number, y: number, symbol: string): SVGGElement;
  /** A gate box at centre cx (top at y 262), filled by its value: 0..1, or −1..1 from the middle when signed. */
  gate(cx: number, name: string, fn: string, open: number, cls: string, signed?: boolean): SVGGElement;
}

const W = 640;
const GATE_TOP = 262;

export function cellDrawing({
  width,
  height,
  className,
  ariaLabel
}: {
  width: number;
  height: number;
  className: string;
  ariaLabel: string;
}): CellDrawing {
  injectStyle("cell-drawing-style", CSS);
  const marker = `cell-arrow-${++ids}`;
  const drawn = Math.max(540, Math.min(width, 760));
  const svg = el("svg", {
    viewBox: `0 0 ${W} ${height}`,
    width: drawn,
    height: (drawn * height) / W,
    role: "img",
    class: `cell-drawing ${className}`
  });
  svg.setAttribute("aria-label", ariaLabel);
  svg.append(arrowHeadDefs(marker, {d: "M0,0L10,5L0,10z", fill: "currentColor"}));
  const label = (x: number, y: number, text: string, anchor = "middle", cls = "") =>
    el("text", {x, y, class: `label ${cls}`, "text-anchor": anchor}, text);
  const wrapper = document.createElement("div");
  wrapper.className = "cell-drawing-wrapper";
  wrapper.append(svg);
  return {
    svg,
    wrapper,
    wire: (points, cls = "", arrow = true) =>
      el("polyline", {
        points: points.map((p) => p.join(",")).join(" "),
        class: `wire ${cls}`,
        ...(arrow ? {"marker-end": `url(#${marker})`} : {})
      }),
    value: (x, y, text, name, anchor = "middle", cls = "") =>
      el("text", {x, y, class: `value ${cls}`, "text-anchor": anchor, "data-name": name}, text),
    label,
    op(x, y, symbol) {
      const g = el("g", {class: "op"});
      g.append(el("circle", {cx: x, cy: y, r: symbol.length > 1 ? 13 : 11}), el("text", {x, y: y + 5, "text-anchor": "middle"}, symbol));
      return g;
    },
    gate(cx, name, fn, open, cls, signed = false) {
      const g = el("g", {class: `gate ${cls}`});
      const x = cx - 32;
      const y = GATE_TOP;
      g.append(el("rect", {x, y, width: 64, height: 34, rx: 5, class: "gate-box"}));
      const level = signed ? Math.abs(open) / 2 : open;
      const fillY = signed ? (open >= 0 ? y + 17 - 17 * Math.abs(open) : y + 17) : y + 34 - 34 * open;
      g.append(el("rect", {x: x + 1, y: fillY, width: 62, height: Math.max(0, 34 * level), class: "gate-fill"}));
      g.append(el("text", {x: cx, y: y + 22, class: "fn", "text-anchor": "middle"}, fn));
      g.append(label(cx, y + 52, name, "middle", "gate-name"));
      return g;
    }
  };
}

const CSS = `
.cell-drawing-wrapper { overflow-x: auto; max-width: 100%; }
.cell-drawing { color: var(--theme-foreground); font: 14px var(--sans-serif); }
.cell-drawing text { fill: currentColor; }
.cell-drawing .cell { fill: var(--theme-background-alt); stroke: var(--theme-foreground-faint); stroke-width: 1.5; }
.cell-drawing .wire { fill: none; stroke: currentColor; stroke-width: 1.5; }
.cell-drawing .wire.belt { stroke-width: 3; }
.cell-drawing .op circle { fill: var(--theme-background); stroke: currentColor; stroke-width: 1.5; }
.cell-drawing .op text { font-size: 16px; font-weight: 600; }
.cell-drawing .squash { fill: var(--theme-background); stroke: currentColor; stroke-width: 1.2; }
.cell-drawing .fn { font-size: 13px; font-style: italic; }
.cell-drawing .label { font-style: italic; font-size: 15px; }
.cell-drawing .gate-name { font-size: 13px; font-style: normal; }
.cell-drawing .value { font-variant-numeric: tabular-nums; font-size: 14px; }
.cell-drawing .value.small { font-size: 12.5px; fill: var(--theme-foreground-muted); }
.cell-drawing .value.strong { font-weight: 700; }
.cell-drawing .gate-box { fill: var(--theme-background); stroke: currentColor; stroke-width: 1.2; }
.cell-drawing .gate-fill { opacity: 0.45; }
.cell-drawing .forget { --gate: #4269d0; }
.cell-drawing .input { --gate: #d18a00; }
.cell-drawing .candidate { --gate: #c2413b; }
.cell-drawing .output { --gate: #3ca951; }
.cell-drawing .gate .gate-fill { fill: var(--gate); }
.cell-drawing .gate .gate-box { stroke: var(--gate); stroke-width: 2; }
.cell-drawing .wire.forget, .cell-drawing .wire.input, .cell-drawing .wire.candidate, .cell-drawing .wire.output { stroke: var(--gate); stroke-width: 2; }
.cell-drawing .value.forget, .cell-drawing .value.input, .cell-drawing .value.candidate, .cell-drawing .value.output { font-weight: 600; }
`;
