// A block of code to copy: the text in a <pre>, a Copy button, and a live message saying whether
// it worked. Browsers refuse the clipboard on plain http or without permission; then the code is
// selected so the reader can copy it with the keyboard.
import {injectStyle} from "./inject-style.js";

export function codeCopy(code: string, {label = "Code", language = ""}: {label?: string; language?: string} = {}): HTMLElement {
  injectStyle("code-copy-style", CSS);
  const figure = document.createElement("figure");
  figure.className = "code-copy";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Copy";
  button.setAttribute("aria-label", `Copy: ${label}`);
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const bar = document.createElement("div");
  bar.className = "code-copy-bar";
  bar.append(button, status);
  const pre = document.createElement("pre");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", label);
  const text = pre.appendChild(document.createElement("code"));
  if (language) text.className = `language-${language}`;
  text.textContent = code;
  button.addEventListener("click", async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(code);
      status.textContent = "Copied.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents(text);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      status.textContent = "This browser does not let the page copy; the code is selected: press Ctrl+C (⌘C on a Mac).";
    }
  });
  figure.append(bar, pre);
  return figure;
}

const CSS = `
.code-copy { margin: 0.5rem 0; max-width: 100%; }
.code-copy-bar { display: flex; gap: 0.75rem; align-items: baseline; font: 13px var(--sans-serif); margin-bottom: 0.25rem; }
.code-copy pre { overflow-x: auto; max-width: 100%; }
.code-copy pre:focus-visible, .code-copy button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 1px; }
`;
