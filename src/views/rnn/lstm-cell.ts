// The lecture's (colah's) picture of one LSTM cell, for a cell with one input and one unit, with
// every value of one step written on it: the conveyor belt c_{t−1} → c_t across the top, the
// forget, input and output gates and the candidate C̃_t along the bottom, h_t leaving on the
// right. Plain SVG (cell-drawing.ts: fixed boxes and wires, which Plot has no mark for); the
// numbers come from lstmStep, so the drawing never computes anything itself.
import {cellDrawing, el} from "./cell-drawing.js";
import type {LstmStep} from "../../lib/rnn/lstm-cell.js";
import {formatValue} from "../../lib/core/format.js";

export interface LstmDiagramOptions {
  width?: number;
  /** Name of the gates' squashing function as drawn in the gate boxes ("σ" or "hard σ"). */
  gateName?: string;
  ariaLabel?: string;
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
  const v = lstmDiagramValues(step);
  const {svg, wrapper, wire, value, label, op, gate} = cellDrawing({
    width,
    height: 424,
    className: "lstm-diagram",
    ariaLabel:
      ariaLabel ??
      `LSTM cell: c t−1 = ${formatValue(v.cPrev)}, forget gate ${formatValue(v.f)}, input gate ${formatValue(v.i)}, candidate ${formatValue(v.g)}, c t = ${formatValue(v.c)}, output gate ${formatValue(v.o)}, h t = ${formatValue(v.h)}`
  });

  // The cell's outline.
  svg.append(el("rect", {x: 60, y: 40, width: 480, height: 324, rx: 14, class: "cell"}));

  // Conveyor belt: c_{t−1} → ×f → +i·C̃ → c_t.
  const belt = 80;
  svg.append(
    wire(
      [
        [14, belt],
        [159, belt]
      ],
      "belt"
    ),
    wire(
      [
        [181, belt],
        [319, belt]
      ],
      "belt"
    ),
    wire(
      [
        [341, belt],
        [626, belt]
      ],
      "belt"
    ),
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
    wire(
      [
        [14, bus],
        [460, bus]
      ],
      "bus",
      false
    ),
    label(14, bus - 18, "hₜ₋₁", "start", "state"),
    value(14, bus - 4, formatValue(v.hPrev), "hPrev", "start"),
    wire(
      [
        [110, 420],
        [110, bus]
      ],
      "bus"
    ),
    label(118, 400, "xₜ", "start", "state"),
    value(118, 416, formatValue(v.x), "x", "start")
  );
  for (const cx of [170, 260, 350, 450])
    svg.append(
      wire(
        [
          [cx, bus],
          [cx, 298]
        ],
        "bus"
      )
    );

  // Forget gate.
  svg.append(
    gate(170, "forget fₜ", gateName, v.f, "forget"),
    wire(
      [
        [170, 262],
        [170, belt + 12]
      ],
      "forget"
    ),
    value(176, 200, formatValue(v.f), "f", "start", "forget")
  );
  // Input gate and candidate, multiplied, added to the belt.
  svg.append(
    gate(260, "input iₜ", gateName, v.i, "input"),
    gate(350, "candidate C̃ₜ", "tanh", v.g, "candidate", true),
    wire(
      [
        [260, 262],
        [260, 170],
        [318, 170]
      ],
      "input"
    ),
    wire(
      [
        [350, 262],
        [350, 182]
      ],
      "candidate"
    ),
    op(330, 170, "×"),
    wire(
      [
        [330, 159],
        [330, belt + 12]
      ],
      ""
    ),
    value(254, 236, formatValue(v.i), "i", "end", "input"),
    value(356, 236, formatValue(v.g), "g", "start", "candidate"),
    value(336, 130, `i·C̃ = ${formatValue(v.ig)}`, "ig", "start", "small")
  );
  // Output: o_t × tanh(c_t) = h_t, out to the right and up.
  svg.append(
    gate(450, "output oₜ", gateName, v.o, "output"),
    wire(
      [
        [490, belt],
        [490, 118]
      ],
      ""
    ),
    el("ellipse", {cx: 490, cy: 136, rx: 26, ry: 14, class: "squash"}),
    el("text", {x: 490, y: 141, class: "fn", "text-anchor": "middle"}, "tanh"),
    wire(
      [
        [490, 150],
        [490, 199]
      ],
      ""
    ),
    value(498, 180, formatValue(v.tanhC), "tanhC", "start", "small"),
    wire(
      [
        [450, 262],
        [450, 210],
        [479, 210]
      ],
      "output"
    ),
    value(444, 236, formatValue(v.o), "o", "end", "output"),
    op(490, 210, "×"),
    wire(
      [
        [501, 210],
        [560, 210],
        [560, bus],
        [626, bus]
      ],
      "hidden"
    ),
    wire(
      [
        [560, 210],
        [560, 24]
      ],
      "hidden"
    ),
    label(626, bus - 18, "hₜ", "end", "state"),
    value(626, bus - 4, formatValue(v.h), "h", "end", "strong"),
    label(568, 22, "hₜ (output)", "start", "state")
  );
  return wrapper;
}
