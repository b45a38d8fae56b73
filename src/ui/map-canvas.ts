// A grid of values drawn as a canvas, one pixel per cell (a 160×128 map is 20,000 cells, too many
// for SVG marks), coloured with Plot's schemes: greys, ink on paper, diverging around 0, or an
// RGB channel's tint. For any page that shows images, filters or feature maps.
import * as Plot from "@observablehq/plot";
import type {Grid, Image} from "../lib/cnn/conv.js";

/** How values become colours: natural greys (0 black), ink on paper (0 white, like the MNIST pages), diverging around 0, or one RGB channel's tint. */
export type MapColours = "grey" | "ink" | "diverging" | "red" | "green" | "blue";

export interface MapStyle {
  colours?: MapColours;
  /** Values mapped to the ends of the scale; default: the map's own range (diverging: ±its 99th percentile of |value|). */
  domain?: readonly [number, number];
}

const LUTS = new Map<string, Uint8Array>();

// 256 RGB entries sampled from a Plot colour scale once per scheme.
function lut(colours: MapColours): Uint8Array {
  let table = LUTS.get(colours);
  if (table) return table;
  table = new Uint8Array(256 * 3);
  if (colours === "diverging") {
    const scale = Plot.scale({color: {type: "linear", scheme: "RdBu", domain: [0, 255], reverse: true}});
    for (let i = 0; i < 256; i++) {
      const [r, g, b] = (String(scale.apply(i)).match(/\d+/g) ?? ["0", "0", "0"]).map(Number);
      table.set([r, g, b], i * 3);
    }
  } else {
    const tint = {grey: [1, 1, 1], ink: [1, 1, 1], red: [1, 0, 0], green: [0, 1, 0], blue: [0, 0, 1]}[colours];
    for (let i = 0; i < 256; i++) {
      const v = colours === "ink" ? 255 - i : i;
      table.set(
        tint.map((t) => Math.round(t * v)),
        i * 3
      );
    }
  }
  LUTS.set(colours, table);
  return table;
}

/** Smallest and largest value (0, 0 for an empty map). */
export function valueRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/**
 * The 99th percentile of |value|: feature maps of photographs are mostly near 0 with a few strong
 * edges, and scaling to the single largest value would leave nearly everything white.
 */
export function divergingExtent(data: ArrayLike<number>, quantile = 0.99): number {
  const sorted = Float32Array.from(data, Math.abs).sort();
  const e = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] : 0;
  return e > 0 ? e : Math.max(...valueRange(data).map(Math.abs)) || 1;
}

export function domainOf(data: ArrayLike<number>, {colours = "grey", domain}: MapStyle): [number, number] {
  if (domain) return [domain[0], domain[1]];
  const [lo, hi] = valueRange(data);
  if (colours === "diverging") {
    const e = divergingExtent(data);
    return [-e, e];
  }
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** A width × height canvas whose pixel i gets the RGB that `colour(i, rgb)` writes; CSS scales it up without smoothing. */
function paintCanvas(width: number, height: number, colour: (i: number, rgb: Uint8ClampedArray, at: number) => void): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.style.imageRendering = "pixelated";
  const context = canvas.getContext("2d");
  if (!context) return canvas;
  const pixels = context.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    colour(i, pixels.data, i * 4);
    pixels.data[i * 4 + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
  return canvas;
}

/** One channel drawn pixel for pixel. */
export function mapCanvas(grid: Grid, style: MapStyle = {}): HTMLCanvasElement {
  const [h, w] = grid.shape;
  const table = lut(style.colours ?? "grey");
  const [lo, hi] = domainOf(grid.data, style);
  const k = 255 / (hi - lo);
  return paintCanvas(w, h, (i, rgb, at) => {
    const level = Math.max(0, Math.min(255, Math.round((grid.data[i] - lo) * k)));
    rgb[at] = table[level * 3];
    rgb[at + 1] = table[level * 3 + 1];
    rgb[at + 2] = table[level * 3 + 2];
  });
}

/** An RGB image (values 0–1, or 0–`max`) in its own colours. */
export function rgbCanvas(image: Image, {max = 1} = {}): HTMLCanvasElement {
  const [h, w] = image.shape;
  return paintCanvas(w, h, (i, rgb, at) => {
    for (let c = 0; c < 3; c++) rgb[at + c] = Math.round((image.data[i * 3 + c] / max) * 255);
  });
}
