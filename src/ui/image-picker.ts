// A grid of small images to pick one from: each a button (so Tab, Enter and Space work and a
// screen reader hears its name), the chosen one pressed. An Observable view whose value is the
// chosen image's index into the set; an "input" event fires on each pick.
import {mapCanvas} from "./map-canvas.js";
import {injectStyle} from "./inject-style.js";
import {IMAGE_SIZE, PIXELS, type ImageSet} from "../lib/formats/dataset-files.js";

export type ImagePicker = HTMLDivElement & {value: number};

export interface PickerOptions {
  /** Indices into the set to offer, in order. */
  indices: readonly number[];
  /** The index chosen at first (default the first offered). */
  value?: number;
  /** Accessible name of each button, from the image's index. */
  name?: (index: number) => string;
  label?: string;
  /** Side of one thumbnail in CSS pixels. */
  thumb?: number;
}

export function imagePicker(
  set: ImageSet,
  {indices, value = indices[0], name = (i) => `Image ${i}`, label = "Images", thumb = 36}: PickerOptions
): ImagePicker {
  injectStyle("image-picker-style", CSS);
  const root = document.createElement("div") as ImagePicker;
  root.className = "image-picker";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label);
  root.style.gridTemplateColumns = `repeat(auto-fill, minmax(${thumb}px, 1fr))`;
  const buttons = indices.map((index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-label", name(index));
    button.setAttribute("aria-pressed", String(index === value));
    const canvas = mapCanvas(
      {shape: [IMAGE_SIZE, IMAGE_SIZE], data: Float32Array.from(set.images.subarray(index * PIXELS, (index + 1) * PIXELS))},
      {colours: "ink", domain: [0, 255]}
    );
    button.append(canvas);
    button.addEventListener("click", () => {
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
      root.value = index;
      root.dispatchEvent(new Event("input", {bubbles: true}));
    });
    return button;
  });
  root.append(...buttons);
  root.value = value;
  return root;
}

const CSS = `
.image-picker { display: grid; gap: 4px; max-width: 640px; }
.image-picker button { padding: 1px; border: 2px solid transparent; border-radius: 4px; background: none; cursor: pointer; line-height: 0; }
.image-picker button canvas { width: 100%; aspect-ratio: 1; }
.image-picker button[aria-pressed="true"] { border-color: var(--theme-foreground-focus); }
.image-picker button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 1px; }
`;

/** Indices of the first `perClass` images of each class 0 … classes − 1, class by class. */
export function firstPerClass(labels: ArrayLike<number>, classes: number, perClass: number): number[] {
  const picked: number[][] = Array.from({length: classes}, () => []);
  for (let i = 0; i < labels.length; i++) if (picked[labels[i]]?.length < perClass) picked[labels[i]].push(i);
  return picked.flat();
}
