// The lecture's (colah's) picture of one GRU cell, for a cell with one input and one unit, with
// every value of one step written on it: a single state line h_{t−1} → h_t across the top, the
// reset gate r_t, the update gate z_t and the candidate h̃_t below it. The numbers come from
// gruStep (tfjs's convention h_t = z⊙h_{t−1} + (1 − z)⊙h̃_t); the equations beside the drawing
// are written out with the same numbers.
import {cellDrawing, el} from "./cell-drawing.js";
import type {CellWeights} from "../../lib/rnn/cell-weights.js";
import type {GruStep} from "../../lib/rnn/gru-cell.js";
import type {ScalarGate} from "./lstm-equations.js";
import type {EquationLine} from "../../ui/equations.js";
import {factor} from "./lstm-equations.js";
import {formatValue} from "../../lib/core/format.js";

/** The GRU's gates by name: update z, reset r and the candidate h. */
export interface ScalarGru {
  z: ScalarGate;
  r: ScalarGate;
  h: ScalarGate;
}

/** tfjs's layout for one input and one unit: columns in the order z, r, h. */
export function scalarGruWeights({z, r, h}: ScalarGru): CellWeights {
  const order = [z, r, h];
  return {kernel: [order.map((g) => g.w)], recurrentKernel: [order.map((g) => g.u)], bias: order.map((g) => g.b)};
}

/** The values the drawing writes, by name. */
export function gruDiagramValues(step: GruStep): Record<string, number> {
  const z = step.z[0];
  return {
    x: step.x[0],
    hPrev: step.hPrev[0],
    z,
    r: step.r[0],
    rh: step.rh[0],
    oneMinusZ: 1 - z,
    hCandidate: step.hCandidate[0],
    zh: z * step.hPrev[0],
    newPart: (1 - z) * step.hCandidate[0],
    h: step.h[0]
  };
}

/** The equations of one step, tfjs's convention, each as [lecture form, with numbers, value]. */
export function gruEquationLines(step: GruStep, weights: ScalarGru, gateName: string): EquationLine[] {
  const x = step.x[0];
  const h = step.hPrev[0];
  const gate = (name: string, key: "z" | "r", g: ScalarGate) => ({
    name,
    form: `${key}ₜ = ${gateName}(W_${key}·[hₜ₋₁, xₜ] + b_${key})`,
    numbers: `= ${gateName}(${factor(g.u)}·${factor(h)} + ${factor(g.w)}·${factor(x)} + ${factor(g.b)}) = ${gateName}(${formatValue(step.preactivations[key][0])})`,
    value: step[key][0]
  });
  const c = weights.h;
  return [
    gate("update gate", "z", weights.z),
    gate("reset gate", "r", weights.r),
    {
      name: "candidate",
      form: "h̃ₜ = tanh(W·[rₜ * hₜ₋₁, xₜ] + b)",
      numbers: `= tanh(${factor(c.u)}·${factor(step.rh[0])} + ${factor(c.w)}·${factor(x)} + ${factor(c.b)}) = tanh(${formatValue(step.preactivations.hCandidate[0])})`,
      value: step.hCandidate[0]
    },
    {
      name: "new state (tfjs's convention)",
      form: "hₜ = zₜ * hₜ₋₁ + (1 − zₜ) * h̃ₜ",
      numbers: `= ${factor(step.z[0])}·${factor(h)} + ${factor(1 - step.z[0])}·${factor(step.hCandidate[0])}`,
      value: step.h[0]
    }
  ];
}

/** Draws one step of a one-unit GRU (step from gruStep with one input and one unit). */
export function gruCellDiagram(
  step: GruStep,
  {width = 640, gateName = "σ", ariaLabel}: {width?: number; gateName?: string; ariaLabel?: string} = {}
): HTMLElement {
  const v = gruDiagramValues(step);
  const {svg, wrapper, wire, value, label, op, gate} = cellDrawing({
    width,
    height: 424,
    className: "gru-diagram",
    ariaLabel:
      ariaLabel ??
      `GRU cell: h t−1 = ${formatValue(v.hPrev)}, x t = ${formatValue(v.x)}, reset gate ${formatValue(v.r)}, update gate ${formatValue(v.z)}, candidate ${formatValue(v.hCandidate)}, h t = ${formatValue(v.h)}`
  });
  const top = 80;
  const bus = 344;
  svg.append(el("rect", {x: 60, y: 40, width: 480, height: 324, rx: 14, class: "cell"}));

  // The single state: h_{t−1} → ×z → +(1−z)·h̃ → h_t.
  svg.append(
    wire(
      [
        [14, top],
        [239, top]
      ],
      "belt"
    ),
    wire(
      [
        [261, top],
        [429, top]
      ],
      "belt"
    ),
    wire(
      [
        [451, top],
        [626, top]
      ],
      "belt"
    ),
    op(250, top, "×"),
    op(440, top, "+"),
    label(14, top - 26, "hₜ₋₁", "start", "state"),
    value(14, top - 10, formatValue(v.hPrev), "hPrev", "start"),
    value(345, top - 8, `z·hₜ₋₁ = ${formatValue(v.zh)}`, "zh", "middle", "small"),
    label(626, top - 26, "hₜ", "end", "state"),
    value(626, top - 10, formatValue(v.h), "h", "end", "strong"),
    wire(
      [
        [560, top],
        [560, 24]
      ],
      ""
    ),
    label(568, 22, "hₜ (output)", "start", "state")
  );

  // h_{t−1} also feeds the gates (down the left side) and the reset gate's product.
  svg.append(
    wire(
      [
        [40, top],
        [40, bus],
        [300, bus]
      ],
      "bus",
      false
    ),
    wire(
      [
        [40, 200],
        [139, 200]
      ],
      ""
    ),
    wire(
      [
        [110, 420],
        [110, bus]
      ],
      "bus"
    ),
    wire(
      [
        [110, 384],
        [420, 384],
        [420, 298]
      ],
      "bus"
    ),
    label(118, 400, "xₜ", "start", "state"),
    value(118, 416, formatValue(v.x), "x", "start")
  );
  for (const cx of [150, 250])
    svg.append(
      wire(
        [
          [cx, bus],
          [cx, 298]
        ],
        "bus"
      )
    );

  // Reset gate: r ⊙ h_{t−1} goes into the candidate.
  svg.append(
    gate(150, "reset rₜ", gateName, v.r, "input"),
    wire(
      [
        [150, 262],
        [150, 211]
      ],
      "input"
    ),
    op(150, 200, "×"),
    value(144, 244, formatValue(v.r), "r", "end", "input"),
    wire(
      [
        [161, 200],
        [400, 200],
        [400, 260]
      ],
      ""
    ),
    value(285, 194, `r·hₜ₋₁ = ${formatValue(v.rh)}`, "rh", "middle", "small")
  );
  // Update gate: z keeps the old state, 1 − z lets the candidate in.
  svg.append(
    gate(250, "update zₜ", gateName, v.z, "forget"),
    wire(
      [
        [250, 262],
        [250, top + 12]
      ],
      "forget"
    ),
    value(256, 244, formatValue(v.z), "z", "start", "forget"),
    wire(
      [
        [250, 140],
        [316, 140]
      ],
      "forget"
    ),
    op(330, 140, "1−"),
    wire(
      [
        [344, 140],
        [429, 140]
      ],
      ""
    ),
    value(330, 118, `1−z = ${formatValue(v.oneMinusZ)}`, "oneMinusZ", "middle", "small")
  );
  // Candidate h̃, scaled by 1 − z, added to the state.
  svg.append(
    gate(420, "candidate h̃ₜ", "tanh", v.hCandidate, "candidate", true),
    wire(
      [
        [440, 262],
        [440, 151]
      ],
      "candidate"
    ),
    value(446, 236, formatValue(v.hCandidate), "hCandidate", "start", "candidate"),
    op(440, 140, "×"),
    wire(
      [
        [440, 129],
        [440, top + 12]
      ],
      ""
    ),
    value(456, 122, `(1−z)·h̃ = ${formatValue(v.newPart)}`, "newPart", "start", "small")
  );
  return wrapper;
}
