// The lecture's picture of a recurrent cell: folded (a block A with a loop) and unrolled through
// time (one copy of A per step, each passing h_t to the next), with every x_t and h_t written on
// it. Plain SVG: the layout is a row of boxes, which Plot has no mark for.
import {injectStyle} from "../../ui/inject-style.js";
import {formatValue, formatVector, subscript} from "../../lib/core/format.js";
import type {Vector} from "../../lib/core/matvec.js";
import {arrowHeadDefs, el} from "./cell-drawing.js";

let ids = 0;

export interface UnrolledOptions {
  width?: number;
  /** The time step drawn highlighted, or null. */
  highlight?: number | null;
  /** Names on the arrows: "w_x"/"w_h" for a neuron, "W_x"/"W_h" for a layer. */
  weightNames?: [input: string, recurrent: string];
  ariaLabel?: string;
}

/**
 * xs and hs: one entry per time step (vectors; a neuron's have length 1). Returns a scrolling
 * container: at phone width a long sequence scrolls sideways rather than shrinking to nothing.
 */
export function unrolledDiagram(xs: readonly Vector[], hs: readonly Vector[], options: UnrolledOptions = {}): HTMLElement {
  const {width = 640, highlight = null, weightNames = ["w_x", "w_h"], ariaLabel} = options;
  injectStyle("rnn-unrolled-style", CSS);
  const units = hs.length ? hs[0].length : 1;
  const steps = hs.length;
  const lineHeight = 14;
  // Boxes hold the values of h_t, one line per unit, so the column fits the widest number.
  const column = units === 1 ? 78 : 70;
  const boxHeight = units === 1 ? 34 : 16 + lineHeight * units;
  const folded = 120;
  const left = folded + 34;
  const height = 56 + boxHeight + 86;
  const needed = left + steps * column + 12;
  const svgWidth = Math.max(width, needed);
  const boxTop = 56;
  const boxBottom = boxTop + boxHeight;
  const marker = `rnn-arrow-${++ids}`;

  const svg = el("svg", {width: svgWidth, height, viewBox: `0 0 ${svgWidth} ${height}`, role: "img", class: "rnn-unrolled"});
  svg.setAttribute("aria-label", ariaLabel ?? `A recurrent cell unrolled over ${steps} time steps, with the value of every hidden state`);
  svg.append(arrowHeadDefs(marker, {d: "M0,0L10,5L0,10z", fill: "currentColor"}));
  const arrow = (x1: number, y1: number, x2: number, y2: number, cls = "") =>
    el("line", {x1, y1, x2, y2, class: `arrow ${cls}`, "marker-end": `url(#${marker})`});

  // Folded: one block whose output loops back into itself.
  const fx = 28;
  const fw = 48;
  svg.append(
    el("rect", {x: fx, y: boxTop, width: fw, height: boxHeight, rx: 6, class: "box"}),
    el("text", {x: fx + fw / 2, y: boxTop + boxHeight / 2 + 5, class: "block"}, "A"),
    arrow(fx + fw / 2, height - 34, fx + fw / 2, boxBottom + 2),
    el("text", {x: fx + fw / 2, y: height - 18, class: "label"}, "xₜ"),
    arrow(fx + fw / 2, boxTop, fx + fw / 2, 30),
    el("text", {x: fx + fw / 2, y: 20, class: "label"}, "hₜ"),
    el("path", {
      d: `M${fx + fw},${boxTop + 10} C${fx + fw + 34},${boxTop - 8} ${fx + fw + 34},${boxBottom + 8} ${fx + fw + 2},${boxBottom - 10}`,
      class: "arrow",
      "marker-end": `url(#${marker})`
    }),
    el("text", {x: fx + fw + 30, y: boxTop + boxHeight / 2 + 4, class: "weight", "text-anchor": "start"}, weightNames[1]),
    el("text", {x: folded + 8, y: boxTop + boxHeight / 2 + 6, class: "block"}, "=")
  );

  // Unrolled: the initial state, then one copy per step.
  svg.append(el("text", {x: left - 6, y: boxTop - 6, class: "weight", "text-anchor": "end"}, `h${subscript(-1)} = 0`));
  for (let t = 0; t < steps; t++) {
    const x0 = left + t * column;
    const bx = x0 + 10;
    const bw = column - 20;
    const cx = x0 + column / 2;
    const on = t === highlight;
    const group = el("g", {class: on ? "step on" : "step"});
    group.append(el("rect", {x: bx, y: boxTop, width: bw, height: boxHeight, rx: 6, class: "box"}));
    Array.from(hs[t]).forEach((v, k) => {
      const y = units === 1 ? boxTop + boxHeight / 2 + 4 : boxTop + 12 + lineHeight * k + 2;
      group.append(el("text", {x: cx, y, class: "value"}, formatValue(v)));
    });
    // The recurrent arrow from the previous copy (or from h₋₁ = 0).
    group.append(arrow(x0 - 10, boxTop + boxHeight / 2, bx, boxTop + boxHeight / 2, "recurrent"));
    if (t === 0 || on) group.append(el("text", {x: x0, y: boxTop + boxHeight / 2 - 5, class: "weight"}, weightNames[1]));
    group.append(
      arrow(cx, height - 42, cx, boxBottom + 2),
      el("text", {x: cx, y: height - 28, class: "value"}, formatVector(xs[t], units === 1 ? 2 : 1)),
      el("text", {x: cx, y: height - 12, class: "label"}, `x${subscript(t)}`),
      arrow(cx, boxTop, cx, 32),
      el("text", {x: cx, y: 24, class: "label"}, `h${subscript(t)}`)
    );
    if (t === 0 || on) group.append(el("text", {x: cx + 4, y: boxBottom + 24, class: "weight", "text-anchor": "start"}, weightNames[0]));
    svg.append(group);
  }

  const wrapper = document.createElement("div");
  wrapper.className = "rnn-unrolled-wrapper";
  wrapper.append(svg);
  return wrapper;
}

const CSS = `
.rnn-unrolled-wrapper { overflow-x: auto; max-width: 100%; }
.rnn-unrolled { color: var(--theme-foreground); font: 12px var(--sans-serif); }
.rnn-unrolled text { fill: currentColor; text-anchor: middle; }
.rnn-unrolled .block { font-size: 18px; font-weight: 600; }
.rnn-unrolled .label { font-style: italic; font-size: 13px; }
.rnn-unrolled .value { font-variant-numeric: tabular-nums; }
.rnn-unrolled .weight { fill: var(--theme-foreground-muted); font-size: 11px; font-style: italic; }
.rnn-unrolled .box { fill: var(--theme-background-alt); stroke: currentColor; stroke-width: 1; }
.rnn-unrolled .arrow { stroke: currentColor; stroke-width: 1.2; fill: none; }
.rnn-unrolled .step.on .box { stroke: var(--theme-foreground-focus); stroke-width: 2.5; }
.rnn-unrolled .step.on .value { font-weight: 600; }
`;
