// The home page's summary of exercise progress: totals, one line per page tried (linked), and a
// button that forgets it all. Re-reads the store when another tab records an answer.

import {loadProgress, resetProgress, summarizeProgress, type KeyValueStore} from "../lib/exercises/progress.js";
import {browserStore, persistentStore} from "./exercise-store.js";
import {injectStyle} from "./inject-style.js";

export interface ProgressOptions {
  store?: KeyValueStore;
  /** Link to a page from its path, e.g. "cnn/convolution" → "./cnn/convolution.html" (from the home page). */
  href?: (page: string) => string;
}

export function exerciseProgress({store = browserStore(), href = (page) => `./${page}.html`}: ProgressOptions = {}): HTMLElement {
  injectStyle("exercise-progress-style", CSS);
  const root = document.createElement("section");
  root.className = "exercise-progress";
  const heading = document.createElement("h2");
  heading.textContent = "Your exercise progress";
  heading.id = "exercise-progress";
  root.setAttribute("aria-labelledby", heading.id);
  const total = document.createElement("p");
  total.className = "exercise-progress-total";
  const list = document.createElement("ul");
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Reset progress";
  const said = document.createElement("p");
  said.setAttribute("role", "status");
  said.setAttribute("aria-live", "polite");
  said.className = "exercise-progress-status";
  root.append(heading, total, list, reset, said);

  const render = () => {
    const summary = summarizeProgress(loadProgress(store));
    const kept = persistentStore() ? "" : " (This browser does not let the site keep it, so it lasts only until the page is left.)";
    total.textContent =
      summary.tried === 0
        ? `No exercises answered yet. Pages with a “Check yourself” section keep your answers here.${kept}`
        : `Solved ${summary.solved} of ${summary.tried} ${summary.tried === 1 ? "exercise" : "exercises"} tried, on ${summary.pages.length} ${summary.pages.length === 1 ? "page" : "pages"}.${kept}`;
    list.replaceChildren(
      ...summary.pages.map((p) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = href(p.page);
        link.textContent = p.title;
        item.append(link, `: ${p.solved} of ${p.tried} solved`);
        return item;
      })
    );
    reset.disabled = summary.tried === 0;
  };
  reset.addEventListener("click", () => {
    resetProgress(store);
    render();
    said.textContent = "Progress reset: every exercise counts as new.";
  });
  globalThis.addEventListener?.("storage", render);
  render();
  return root;
}

const CSS = `
.exercise-progress ul { margin: 0.3rem 0; padding-left: 1.2rem; }
.exercise-progress-total, .exercise-progress-status { max-width: none; }
.exercise-progress-status:empty { display: none; }
.exercise-progress button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 2px; }
`;
