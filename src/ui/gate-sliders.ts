// Sliders for a one-unit gated cell's weights: for each gate, w (on x_t), u (on h_{t−1}) and the
// bias b, grouped in one fieldset per gate, side by side where there is room (LSTM and GRU pages).
// Observable Inputs comes from the page (its package has no type declarations to import here).
import {injectStyle} from "./inject-style.js";

/** The two Observable Inputs functions used: pass the page's `Inputs`. */
export interface InputsLike {
  range(extent: [number, number], options: {label: string; value: number; step: number}): HTMLElement;
  form(inputs: Record<string, HTMLElement>, options?: {template: (parts: Record<string, HTMLElement>) => HTMLElement}): HTMLElement;
}

export interface GateSliderGroup {
  /** Key of the group in the form's value ("f", "z", …). */
  key: string;
  /** Legend of the fieldset: "forget gate f". */
  title: string;
  /** Subscript written after w, u, b in the labels: "_f". */
  suffix: string;
  w: number;
  u: number;
  b: number;
}

/** A form whose value is {[key]: {w, u, b}}. */
export function gateWeightSliders(Inputs: InputsLike, groups: readonly GateSliderGroup[], {range = 4} = {}): HTMLElement {
  injectStyle("gate-sliders-style", CSS);
  const slider = (label: string, value: number) => Inputs.range([-range, range], {label, value, step: 0.05});
  const forms = Object.fromEntries(
    groups.map(({key, suffix, w, u, b}) => [
      key,
      Inputs.form({w: slider(`w${suffix} (on xₜ)`, w), u: slider(`u${suffix} (on hₜ₋₁)`, u), b: slider(`b${suffix} (bias)`, b)})
    ])
  );
  return Inputs.form(forms, {
    template: (parts: Record<string, HTMLElement>) => {
      const root = document.createElement("div");
      root.className = "gate-weights";
      for (const {key, title} of groups) {
        const group = document.createElement("fieldset");
        const legend = document.createElement("legend");
        legend.textContent = title;
        group.append(legend, parts[key]);
        root.append(group);
      }
      return root;
    }
  });
}

const CSS = `
.gate-weights { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0.5rem 1rem; }
.gate-weights fieldset { border: solid 1px var(--theme-foreground-faintest); border-radius: 6px; padding: 0.25rem 0.6rem 0.4rem; margin: 0; min-width: 0; }
.gate-weights legend { font: 600 13px var(--sans-serif); padding: 0 0.3rem; }
.gate-weights form { --label-width: 100px; }
`;
