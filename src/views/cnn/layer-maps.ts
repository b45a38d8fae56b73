// Every layer of a CNN for one image, top to bottom: the input, then each convolution's and
// pooling's feature maps (one small picture per channel, all maps of a layer on one scale), then
// the dense layer's units. The maps are drawn at a fixed size per input pixel, so the eye sees the
// image get smaller and the stack deeper from row to row; each row prints its shape and range.
import {rangeText} from "./feature-maps.js";
import {mapCanvas, valueRange} from "../../ui/map-canvas.js";
import {channelOf, type Grid} from "../../lib/cnn/conv.js";
import {injectStyle} from "../../ui/inject-style.js";
import type {LayerOutput} from "../../lib/models/cnn-probe.js";

export interface LayerMapsOptions {
  width?: number;
  /** A description per layer name, e.g. "conv 16@5×5, relu" (default: the layer's kind). */
  labels?: Record<string, string>;
  /** Layers not drawn (their outputs are the same numbers as a neighbour's, reshaped or unchanged). */
  skip?: readonly string[];
}

const KIND: Record<string, string> = {
  Conv2D: "convolution",
  MaxPooling2D: "max pooling",
  AveragePooling2D: "average pooling",
  Dense: "dense",
  Flatten: "flatten",
  Dropout: "dropout"
};

export function layerMaps(
  input: Grid,
  layers: readonly LayerOutput[],
  {width = 640, labels = {}, skip = []}: LayerMapsOptions = {}
): HTMLElement {
  injectStyle("layer-maps-view-style", CSS);
  const root = document.createElement("div");
  root.className = "layer-maps";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "Feature maps at every layer");
  // CSS pixels per input pixel: the 28×28 input about a seventh of the width, at most 4 per pixel.
  const k = Math.max(1.5, Math.min(4, width / 200));
  const rows: {name: string; note: string; shape: number[]; data: Float32Array}[] = [
    {name: "input", note: "what the network sees", shape: [...input.shape, 1], data: input.data},
    ...layers
      .filter((l) => !skip.includes(l.name))
      .map((l) => ({name: l.name, note: labels[l.name] ?? KIND[l.kind] ?? l.kind, shape: l.shape, data: l.data}))
  ];
  for (const row of rows) {
    const section = document.createElement("section");
    const head = document.createElement("p");
    head.className = "layer-maps-head";
    const name = document.createElement("strong");
    name.textContent = row.name;
    const range = valueRange(row.data);
    const detail =
      row.shape.length === 3
        ? `${row.shape.join("×")}: ${row.shape[2]} map${row.shape[2] === 1 ? "" : "s"} of ${row.shape[0]}×${row.shape[1]}`
        : `${row.shape[0]} numbers, ${countAbove(row.data, 0)} above zero`;
    head.append(name, ` ${row.note} · ${detail} · values ${rangeText(range)}`);
    const maps = document.createElement("div");
    maps.className = "layer-maps-row";
    const domain: [number, number] = [Math.min(0, range[0]), range[1] > Math.min(0, range[0]) ? range[1] : 1];
    if (row.shape.length === 3) {
      const [h, w, c] = row.shape;
      const image = {shape: [h, w, c] as const, data: row.data};
      for (let ch = 0; ch < c; ch++) {
        const canvas = mapCanvas(channelOf(image, ch), {colours: "ink", domain});
        canvas.style.width = `${Math.round(w * k)}px`;
        canvas.style.height = `${Math.round(h * k)}px`;
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", `${row.name} map ${ch + 1} of ${c}`);
        maps.append(canvas);
      }
    } else {
      // A vector as a strip of cells, wrapped into rows as wide as the 28×28 input's picture × 2.
      const per = Math.min(row.shape[0], Math.max(8, Math.floor((56 * k) / (k * 2.5))));
      const lines = Math.ceil(row.shape[0] / per);
      const data = new Float32Array(lines * per);
      data.set(row.data);
      const canvas = mapCanvas({shape: [lines, per], data}, {colours: "ink", domain});
      canvas.style.width = `${Math.round(per * k * 2.5)}px`;
      canvas.style.height = `${Math.round(lines * k * 2.5)}px`;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `${row.name}: ${row.shape[0]} values in ${lines} rows of ${per}`);
      maps.append(canvas);
    }
    section.append(head, maps);
    root.append(section);
  }
  return root;
}

function countAbove(data: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > threshold) n++;
  return n;
}

const CSS = `
.layer-maps section { margin: 0 0 0.8rem; }
.layer-maps-head { margin: 0 0 0.25rem; font-size: 0.9rem; max-width: none; font-variant-numeric: tabular-nums; }
.layer-maps-row { display: flex; flex-wrap: wrap; gap: 3px; }
.layer-maps-row canvas { outline: 1px solid var(--theme-foreground-faint); }
`;
