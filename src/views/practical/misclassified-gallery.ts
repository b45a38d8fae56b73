// A gallery of test images with what models said about them: each image drawn as ink on paper
// (like the dataset pages) with a short caption, a page at a time with a "Show more" button.
// The caption builders are pure, so the page and the tests agree on what every image says.
import {PIXELS, IMAGE_SIZE} from "../../lib/formats/dataset-files.js";
import {mapCanvas} from "../../ui/map-canvas.js";
import {injectStyle} from "../../ui/inject-style.js";
import type {Misclassified} from "../../lib/training/metrics.js";

export interface GalleryItem {
  /** Index into the test set. */
  index: number;
  /** Caption lines under the image. */
  lines: string[];
  /** The image's accessible name. */
  description: string;
}

/** What one model said about an image it got wrong. */
export interface WrongAnswer {
  predicted: number;
  confidence: number;
}

/** A model's mistakes by test index. */
export function mistakesByIndex({index, predicted, confidence}: Misclassified): Map<number, WrongAnswer> {
  return new Map(index.map((i, r) => [i, {predicted: predicted[r], confidence: confidence[r]}]));
}

// Whole percents, but a confident mistake (0.9996) must not read as a certain "100%".
const percent = (p: number) => (p > 0.999 ? ">99.9%" : p >= 0.99 ? `${(100 * p).toFixed(1)}%` : `${Math.round(100 * p)}%`);

/** One model's mistakes, in the given order: true class, then its answer and confidence. */
export function mistakeItems(
  rows: readonly {index: number; label: number; predicted: number; confidence: number}[],
  classes: readonly string[],
  model: string
): GalleryItem[] {
  return rows.map((r) => ({
    index: r.index,
    lines: [`true ${classes[r.label]}`, `said ${classes[r.predicted]}, ${percent(r.confidence)}`],
    description: `Test image ${r.index}: a ${classes[r.label]}; ${model} said ${classes[r.predicted]} with ${percent(r.confidence)} confidence`
  }));
}

/**
 * Images some models got wrong: true class, then what the wrong models said. One model: its
 * answer and confidence; several: "9 (3), 4" — each answer given, with how many said it.
 */
export function wrongAnswerItems(
  indices: readonly number[],
  labels: ArrayLike<number>,
  wrong: readonly {name: string; short: string; mistakes: Map<number, WrongAnswer>}[],
  classes: readonly string[]
): GalleryItem[] {
  return indices.map((index) => {
    const label = labels[index];
    const answers = wrong.flatMap((m) => {
      const a = m.mistakes.get(index);
      return a ? [{...a, model: m}] : [];
    });
    let said: string;
    if (answers.length === 1) said = `${answers[0].model.short}: ${classes[answers[0].predicted]}, ${percent(answers[0].confidence)}`;
    else {
      const votes = new Map<number, number>();
      for (const a of answers) votes.set(a.predicted, (votes.get(a.predicted) ?? 0) + 1);
      said = `said ${[...votes]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([c, n]) => (n > 1 ? `${classes[c]} (×${n})` : classes[c]))
        .join(", ")}`;
    }
    const who = answers.map((a) => `${a.model.name} said ${classes[a.predicted]} (${percent(a.confidence)})`).join("; ");
    return {
      index,
      lines: [`true ${classes[label]}`, said],
      description: `Test image ${index}: a ${classes[label]}; ${who || "no model listed it as a mistake"}`
    };
  });
}

export interface GalleryOptions {
  width?: number;
  /** Images per page; "Show more" adds another page. */
  pageSize?: number;
  /** What to say when there is nothing to show. */
  empty?: string;
  label?: string;
}

/** The images of `items` out of `images` (all test images, 784 bytes each), a page at a time. */
export function imageGallery(
  images: Uint8Array,
  items: readonly GalleryItem[],
  {width = 640, pageSize = 40, empty = "No images.", label = "Test images"}: GalleryOptions = {}
): HTMLElement {
  injectStyle("misclassified-gallery-style", CSS);
  const root = document.createElement("div");
  root.className = "image-gallery";
  root.style.maxWidth = `${width}px`;
  if (!items.length) {
    const p = root.appendChild(document.createElement("p"));
    p.className = "image-gallery-status";
    p.textContent = empty;
    return root;
  }
  const list = root.appendChild(document.createElement("ul"));
  list.setAttribute("aria-label", label);
  // Phones get smaller tiles, so that at least four fit across.
  list.style.gridTemplateColumns = `repeat(auto-fill, minmax(${width < 480 ? 64 : 88}px, 1fr))`;
  const status = root.appendChild(document.createElement("p"));
  status.className = "image-gallery-status";
  status.setAttribute("aria-live", "polite");
  const more = document.createElement("button");
  more.type = "button";
  let shown = 0;
  const showMore = () => {
    for (const item of items.slice(shown, shown + pageSize)) list.append(tile(images, item));
    shown = Math.min(items.length, shown + pageSize);
    status.textContent = `Showing ${shown.toLocaleString("en")} of ${items.length.toLocaleString("en")}.`;
    more.textContent = `Show ${Math.min(pageSize, items.length - shown)} more`;
    if (shown >= items.length) more.remove();
    else status.append(" ", more);
  };
  more.addEventListener("click", showMore);
  showMore();
  return root;
}

function tile(images: Uint8Array, item: GalleryItem): HTMLLIElement {
  const li = document.createElement("li");
  const start = item.index * PIXELS;
  const canvas = mapCanvas(
    {shape: [IMAGE_SIZE, IMAGE_SIZE], data: Float32Array.from(images.subarray(start, start + PIXELS))},
    {colours: "ink", domain: [0, 255]}
  );
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", item.description);
  li.append(canvas);
  const caption = li.appendChild(document.createElement("span"));
  caption.className = "image-gallery-caption";
  for (const line of item.lines) caption.appendChild(document.createElement("span")).textContent = line;
  caption.setAttribute("aria-hidden", "true"); // the canvas's name says it all
  return li;
}

const CSS = `
.image-gallery ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px 8px; max-width: none; }
.image-gallery li { margin: 0; display: flex; flex-direction: column; align-items: stretch; }
.image-gallery canvas { box-sizing: border-box; width: 100%; aspect-ratio: 1; border: 1px solid var(--theme-foreground-faintest); }
.image-gallery-caption { display: flex; flex-direction: column; font-size: 12px; line-height: 1.25; color: var(--theme-foreground); overflow-wrap: anywhere; }
.image-gallery-caption span:first-child { font-weight: 600; }
.image-gallery-caption span + span { color: var(--theme-foreground-muted); }
.image-gallery-status { font-size: 13px; color: var(--theme-foreground-muted); }
`;
