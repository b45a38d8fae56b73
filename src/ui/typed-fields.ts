// Short typed fields for sizes and counts. Why not Inputs.number: it silently ignores what the
// browser deems invalid, and these pages must say what is wrong with "abc", "", 0 or −2.

import {injectStyle} from "./inject-style.js";

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly value: string | number;
  /** Extra words for screen readers and tooltips, e.g. the allowed range. */
  readonly hint?: string;
}

export type TextFields = HTMLElement & {value: Record<string, string>};

/**
 * A row of labelled text fields. Its value is {key: text as typed}; every keystroke bubbles up as
 * an "input" event, so a page can `view()` it and decide itself what the text means.
 */
export function textFields(specs: readonly FieldSpec[]): TextFields {
  injectStyle("typed-fields-style", CSS);
  const root = document.createElement("div") as unknown as TextFields;
  root.className = "typed-fields";
  const inputs = new Map<string, HTMLInputElement>();
  for (const spec of specs) {
    const label = document.createElement("label");
    const name = document.createElement("span");
    name.textContent = spec.label;
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "numeric";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.value = String(spec.value);
    input.size = Math.max(3, String(spec.value).length + 1);
    input.name = spec.key;
    if (spec.hint) input.title = spec.hint;
    label.append(name, input);
    root.append(label);
    inputs.set(spec.key, input);
  }
  Object.defineProperty(root, "value", {
    get: () => Object.fromEntries([...inputs].map(([key, input]) => [key, input.value]))
  });
  return root;
}

/**
 * Why the latest input was refused, in Framework's "caution" box and announced to screen readers;
 * an empty placeholder when all is well. `kept` says what is still shown.
 */
export function statusMessage(message: string | null, kept = "The output below is from the last valid input."): HTMLElement {
  const box = document.createElement("div");
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  if (message) {
    box.className = "caution";
    box.textContent = `${message} ${kept}`;
  }
  return box;
}

const CSS = `
.typed-fields { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: baseline; margin: 0.5rem 0; font: 13px var(--sans-serif); }
.typed-fields label { display: inline-flex; gap: 0.4rem; align-items: baseline; }
.typed-fields input { font: inherit; font-variant-numeric: tabular-nums; padding: 2px 4px; max-width: 7em;
  color: inherit; background: var(--theme-background); border: solid 1px var(--theme-foreground-faint); border-radius: 3px; }
.typed-fields input:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 1px; }
`;
