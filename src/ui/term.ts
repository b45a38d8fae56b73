// A word of jargon with its definition from the glossary: underlined with dots, the definition
// shows on hover, on keyboard focus and on tap (a tap toggles it, for touch screens with no hover),
// and screen readers hear it as the term's description.
import {GLOSSARY, type GlossaryKey} from "../lib/glossary.js";
import {injectStyle} from "./inject-style.js";

let termCount = 0;

/** The term as an inline element; `text` is the wording shown (default: the glossary's own). */
export function term(key: GlossaryKey, text: string = GLOSSARY[key].term): HTMLSpanElement {
  injectStyle("glossary-term-style", CSS);
  const entry = GLOSSARY[key];
  const id = `glossary-term-${++termCount}`;
  const root = document.createElement("span");
  root.className = "glossary-term";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text;
  button.setAttribute("aria-describedby", id);
  button.setAttribute("aria-expanded", "false");
  const tip = document.createElement("span");
  tip.id = id;
  tip.setAttribute("role", "tooltip");
  tip.className = "glossary-definition";
  tip.textContent = `${entry.term}: ${entry.definition}`;
  button.addEventListener("click", () => {
    const open = root.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      root.classList.remove("open");
      button.setAttribute("aria-expanded", "false");
    }
  });
  root.append(button, tip);
  return root;
}

const CSS = `
.glossary-term { position: relative; display: inline; }
.glossary-term > button { font: inherit; color: inherit; background: none; border: none; padding: 0; cursor: help;
  text-decoration: underline dotted; text-underline-offset: 0.2em; }
.glossary-term > button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 1px; }
.glossary-definition { display: none; position: absolute; left: 0; top: 1.6em; z-index: 10; width: min(20rem, 80vw);
  padding: 0.5rem 0.6rem; font-size: 0.85rem; line-height: 1.35; font-style: normal; font-weight: normal;
  color: var(--theme-foreground); background: var(--theme-background-alt); border: 1px solid var(--theme-foreground-faintest);
  border-radius: 4px; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2); }
.glossary-term:hover > .glossary-definition, .glossary-term > button:focus + .glossary-definition,
.glossary-term.open > .glossary-definition { display: block; }
`;
