// The lecture's (colah's) picture of one LSTM cell, for a cell with one input and one unit, with
// every value of one step written on it: the conveyor belt c_{t−1} → c_t across the top, the
// forget, input and output gates and the candidate C̃_t along the bottom, h_t leaving on the
// right. Plain SVG scaled to the width (the layout is fixed boxes and wires, which Plot has no
// mark for); the numbers come from lstmStep, so the drawing never computes anything itself.
import {injectStyle} from "./inject-style.js";
import type {LstmStep} from "./lstm-cell.js";
import {formatValue} from "./rnn-unrolled.js";

const SVG = "http://www.w3.org/2000/svg";
let ids = 0;

export interface LstmDiagramOptions {
  width?: number;
  /** Name of the gates' squashing function as drawn in the gate boxes ("σ" or "hard σ"). */
  gateName?: string;
  ariaLabel?: string;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The values the drawing writes, by name: also what the page's table and tests read. */
export function lstmDiagramValues(step: LstmStep): Record<string, number> {
  const c = step.c[0];
  return {
    x: step.x[0],
    hPrev: step.hPrev[0],
    cPrev: step.cPrev[0],
    f: step.f[0],
    i: step.i[0],
    g: step.g[0],
    o: step.o[0],
    fc: step.f[0] * step.cPrev[0],
    ig: step.i[0] * step.g[0],
    c,
    // φ(c_t) with φ = tanh, the tfjs default this drawing assumes.
    tanhC: Math.tanh(c),
    h: step.h[0]
  };
}

/**
 * Draws one step of a one-unit LSTM (step from lstmStep with one input and one unit). Below 540 px
 * the drawing keeps that width and scrolls sideways, so its numbers stay readable on a phone.
 */
export function lstmCellDiagram(step: LstmStep, {width = 640, gateName = "σ", ariaLabel}: LstmDiagramOptions = {}): HTMLElement {
  injectStyle("lstm-diagram-style", CSS);
  const v = lstmDiagramValues(step);
  const W = 640;
  const H = 424;
  const marker = `lstm-arrow-${++ids}`;
  const drawn = Math.max(540, Math.min(width, 760));
  const svg = el("svg", {viewBox: `0 0 ${W} ${H}`, width: drawn, height: (drawn * H) / W, role: "img", class: "lstm-diagram"});
  svg.setAttribute(
    "aria-label",
    ariaLabel ??
      `LSTM cell: c t−1 = ${formatValue(v.cPrev)}, forget gate ${formatValue(v.f)}, input gate ${formatValue(v.i)}, candidate ${formatValue(v.g)}, c t = ${formatValue(v.c)}, output gate ${formatValue(v.o)}, h t = ${formatValue(v.h)}`
  );
  const defs = el("defs", {});
  const head = el("marker", {id: marker, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"});
  head.append(el("path", {d: "M0,0L10,5L0,10z", fill: "currentColor"}));
  defs.append(head);
  svg.append(defs);

  const wire = (points: [number, number][], cls = "", arrow = true) =>
    el("polyline", {points: points.map((p) => p.join(",")).join(" "), class: `wire ${cls}`, ...(arrow ? {"marker-end": `url(#${marker})`} : {})});
  const value = (x: number, y: number, text: string, name: string, anchor = "middle", cls = "") =>
    el("text", {x, y, class: `value ${cls}`, "text-anchor": anchor, "data-name": name}, text);
  const label = (x: number, y: number, text: string, anchor = "middle", cls = "") => el("text", {x, y, class: `label ${cls}`, "text-anchor": anchor}, text);
  const op = (x: number, y: number, symbol: string) => {
    const g = el("g", {class: "op"});
    g.append(el("circle", {cx: x, cy: y, r: 11}), el("text", {x, y: y + 5, "text-anchor": "middle"}, symbol));
    return g;
  };
  // A gate box: filled as far as the gate is open (0 to 1), so the reader sees it before reading.
  const gate = (cx: number, name: string, fn: string, open: number, cls: string, signed = false) => {
    const g = el("g", {class: `gate ${cls}`});
    const x = cx - 32;
    const y = 262;
    g.append(el("rect", {x, y, width: 64, height: 34, rx: 5, class: "gate-box"}));
    // Gates fill from the bottom by their value; the candidate (−1..1) fills from the middle.
    const level = signed ? Math.abs(open) / 2 : open;
    const fillY = signed ? (open >= 0 ? y + 17 - 17 * Math.abs(open) : y + 17) : y + 34 - 34 * open;
    g.append(el("rect", {x: x + 1, y: fillY, width: 62, height: Math.max(0, 34 * level), class: "gate-fill"}));
    g.append(el("text", {x: cx, y: y + 22, class: "fn", "text-anchor": "middle"}, fn));
    g.append(label(cx, y + 52, name, "middle", "gate-name"));
    return g;
  };

  // The cell's outline.
  svg.append(el("rect", {x: 60, y: 40, width: 480, height: 324, rx: 14, class: "cell"}));

  // Conveyor belt: c_{t−1} → ×f → +i·C̃ → c_t.
  const belt = 80;
  svg.append(
    wire([[14, belt], [159, belt]], "belt"),
    wire([[181, belt], [319, belt]], "belt"),
    wire([[341, belt], [626, belt]], "belt"),
    op(170, belt, "×"),
    op(330, belt, "+"),
    label(14, belt - 26, "cₜ₋₁", "start", "state"),
    value(14, belt - 10, formatValue(v.cPrev), "cPrev", "start"),
    label(626, belt - 26, "cₜ", "end", "state"),
    value(626, belt - 10, formatValue(v.c), "c", "end", "strong"),
    value(245, belt - 8, `f·cₜ₋₁ = ${formatValue(v.fc)}`, "fc", "middle", "small")
  );

  // Input bus: h_{t−1} from the left, x_t from below, concatenated and fed to every gate.
  const bus = 344;
  svg.append(
    wire([[14, bus], [460, bus]], "bus", false),
    label(14, bus - 18, "hₜ₋₁", "start", "state"),
    value(14, bus - 4, formatValue(v.hPrev), "hPrev", "start"),
    wire([[110, 420], [110, bus]], "bus"),
    label(118, 400, "xₜ", "start", "state"),
    value(118, 416, formatValue(v.x), "x", "start")
  );
  for (const cx of [170, 260, 350, 450]) svg.append(wire([[cx, bus], [cx, 298]], "bus"));

  // Forget gate.
  svg.append(
    gate(170, "forget fₜ", gateName, v.f, "forget"),
    wire([[170, 262], [170, belt + 12]], "forget"),
    value(176, 200, formatValue(v.f), "f", "start", "forget")
  );
  // Input gate and candidate, multiplied, added to the belt.
  svg.append(
    gate(260, "input iₜ", gateName, v.i, "input"),
    gate(350, "candidate C̃ₜ", "tanh", v.g, "candidate", true),
    wire([[260, 262], [260, 170], [318, 170]], "input"),
    wire([[350, 262], [350, 182]], "candidate"),
    op(330, 170, "×"),
    wire([[330, 159], [330, belt + 12]], ""),
    value(254, 236, formatValue(v.i), "i", "end", "input"),
    value(356, 236, formatValue(v.g), "g", "start", "candidate"),
    value(336, 130, `i·C̃ = ${formatValue(v.ig)}`, "ig", "start", "small")
  );
  // Output: o_t × tanh(c_t) = h_t, out to the right and up.
  svg.append(
    gate(450, "output oₜ", gateName, v.o, "output"),
    wire([[490, belt], [490, 118]], ""),
    el("ellipse", {cx: 490, cy: 136, rx: 26, ry: 14, class: "squash"}),
    el("text", {x: 490, y: 141, class: "fn", "text-anchor": "middle"}, "tanh"),
    wire([[490, 150], [490, 199]], ""),
    value(498, 180, formatValue(v.tanhC), "tanhC", "start", "small"),
    wire([[450, 262], [450, 210], [479, 210]], "output"),
    value(444, 236, formatValue(v.o), "o", "end", "output"),
    op(490, 210, "×"),
    wire([[501, 210], [560, 210], [560, bus], [626, bus]], "hidden"),
    wire([[560, 210], [560, 24]], "hidden"),
    label(626, bus - 18, "hₜ", "end", "state"),
    value(626, bus - 4, formatValue(v.h), "h", "end", "strong"),
    label(568, 22, "hₜ (output)", "start", "state")
  );
  const wrapper = document.createElement("div");
  wrapper.className = "lstm-diagram-wrapper";
  wrapper.append(svg);
  return wrapper;
}

const CSS = `
.lstm-diagram-wrapper { overflow-x: auto; max-width: 100%; }
.lstm-diagram { color: var(--theme-foreground); font: 14px var(--sans-serif); }
.lstm-diagram text { fill: currentColor; }
.lstm-diagram .cell { fill: var(--theme-background-alt); stroke: var(--theme-foreground-faint); stroke-width: 1.5; }
.lstm-diagram .wire { fill: none; stroke: currentColor; stroke-width: 1.5; }
.lstm-diagram .wire.belt { stroke-width: 3; }
.lstm-diagram .op circle { fill: var(--theme-background); stroke: currentColor; stroke-width: 1.5; }
.lstm-diagram .op text { font-size: 16px; font-weight: 600; }
.lstm-diagram .squash { fill: var(--theme-background); stroke: currentColor; stroke-width: 1.2; }
.lstm-diagram .fn { font-size: 13px; font-style: italic; }
.lstm-diagram .label { font-style: italic; font-size: 15px; }
.lstm-diagram .gate-name { font-size: 13px; font-style: normal; }
.lstm-diagram .value { font-variant-numeric: tabular-nums; font-size: 14px; }
.lstm-diagram .value.small { font-size: 12.5px; fill: var(--theme-foreground-muted); }
.lstm-diagram .value.strong { font-weight: 700; }
.lstm-diagram .gate-box { fill: var(--theme-background); stroke: currentColor; stroke-width: 1.2; }
.lstm-diagram .gate-fill { opacity: 0.45; }
.lstm-diagram .forget { --gate: #4269d0; }
.lstm-diagram .input { --gate: #d18a00; }
.lstm-diagram .candidate { --gate: #c2413b; }
.lstm-diagram .output { --gate: #3ca951; }
.lstm-diagram .gate .gate-fill { fill: var(--gate); }
.lstm-diagram .gate .gate-box { stroke: var(--gate); stroke-width: 2; }
.lstm-diagram .wire.forget, .lstm-diagram .wire.input, .lstm-diagram .wire.candidate, .lstm-diagram .wire.output { stroke: var(--gate); stroke-width: 2; }
.lstm-diagram .value.forget, .lstm-diagram .value.input, .lstm-diagram .value.candidate, .lstm-diagram .value.output { font-weight: 600; }
`;
