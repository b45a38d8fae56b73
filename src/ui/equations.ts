// Equations written out with their numbers, as a definition list: the lecture's form, the same
// with one step's values, and the result (the LSTM and GRU pages).
import {formatValue} from "../lib/core/format.js";
import {injectStyle} from "./inject-style.js";

/** One equation: its name, the lecture's form, the same with numbers, and the value. */
export interface EquationLine {
  name: string;
  form: string;
  numbers: string;
  value: number;
}

/** Equations as a definition list: lecture form, the same with numbers, and the value. */
export function equationList(lines: readonly EquationLine[]): HTMLElement {
  injectStyle("lstm-equations-style", CSS);
  const list = document.createElement("dl");
  list.className = "cell-equations";
  for (const {name, form, numbers, value} of lines) {
    const term = document.createElement("dt");
    term.textContent = name;
    const def = document.createElement("dd");
    const formula = document.createElement("span");
    formula.className = "form";
    formula.textContent = form;
    const filled = document.createElement("span");
    filled.className = "numbers";
    filled.textContent = ` ${numbers} = `;
    const result = document.createElement("b");
    result.textContent = formatValue(value);
    def.append(formula, filled, result);
    list.append(term, def);
  }
  return list;
}

const CSS = `
.cell-equations { font-variant-numeric: tabular-nums; margin: 0.5rem 0; }
.cell-equations dt { font-size: 12px; color: var(--theme-foreground-muted); margin-top: 0.4rem; }
.cell-equations dd { margin: 0; font-size: 14px; }
.cell-equations .form { font-style: italic; }
.cell-equations .numbers { color: var(--theme-foreground-alt); }
`;
