// Many small greyscale images drawn as one Plot raster: one mark is far faster than hundreds.
import * as Plot from "@observablehq/plot";

export interface MosaicOptions {
  /** Images per row. */
  columns?: number;
  /** Side of one square image, in pixels of the data. */
  size?: number;
  /** Width of the chart in CSS pixels. */
  width?: number;
  /** A caption for each image, drawn under it (e.g. its label). */
  captions?: string[];
  /** Largest value (255 for bytes); values are drawn from white (0) to black (max). */
  max?: number;
  /** Diverging colours around zero, for weights and filters. */
  diverging?: boolean;
  title?: string;
  ariaLabel?: string;
}

export function imageMosaic(
  images: ArrayLike<number>,
  {columns = 10, size = 28, width = 640, captions, max, diverging = false, title, ariaLabel}: MosaicOptions = {}
): SVGSVGElement | HTMLElement {
  const pixels = size * size;
  const count = Math.floor(images.length / pixels);
  if (count === 0) return emptyNote("No images to show.");
  const cols = Math.min(columns, count);
  const rows = Math.ceil(count / cols);
  const gap = 2;
  const cell = size + gap;
  // Captions get a band under each row, in units of data pixels.
  const band = captions ? Math.ceil(size / 3) : 0;
  const rowStep = cell + band;
  const W = cols * cell - gap;
  const H = rows * rowStep - gap;
  // Lay the images out into one grid of values; gaps stay NaN (transparent).
  const grid = new Float64Array(W * H).fill(NaN);
  for (let k = 0; k < count; k++) {
    const x0 = (k % cols) * cell;
    const y0 = Math.floor(k / cols) * rowStep;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) grid[(y0 + y) * W + x0 + x] = images[k * pixels + y * size + x];
  }
  let extent = max ?? 0;
  if (max === undefined) for (let i = 0; i < images.length; i++) extent = Math.max(extent, Math.abs(images[i]));
  const scale = width / W;
  return Plot.plot({
    width,
    height: Math.round(H * scale) + 4,
    marginTop: 0,
    marginLeft: 0,
    marginRight: 0,
    marginBottom: 4,
    title,
    ariaLabel,
    x: {axis: null, domain: [0, W]},
    y: {axis: null, domain: [H, 0]},
    color: diverging
      ? {type: "linear", scheme: "RdBu", domain: [-(extent || 1), extent || 1], reverse: true}
      : {type: "linear", scheme: "Greys", domain: [0, extent || 1]},
    marks: [
      Plot.raster(grid, {width: W, height: H, x1: 0, y1: 0, x2: W, y2: H, imageRendering: "pixelated"}),
      captions
        ? Plot.text(captions.slice(0, count), {
            x: (_: string, k: number) => (k % cols) * cell + size / 2,
            y: (_: string, k: number) => Math.floor(k / cols) * rowStep + size + 1,
            text: (d: string) => d,
            lineAnchor: "top",
            fontSize: Math.max(9, Math.min(12, band * scale * 0.8)),
            fill: "currentColor"
          })
        : null
    ]
  });
}

function emptyNote(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "note";
  p.textContent = text;
  return p;
}
