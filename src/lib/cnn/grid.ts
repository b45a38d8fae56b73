// Grids, images and filters for the CNN pages: plain Float32Arrays in tfjs's layouts (images
// HWC, filters [kh, kw, in, out]), so data moves between these and tensors unchanged. Also
// reading what a reader typed, and the checks every computation runs first.

import {checkInteger, fail, ok, show, type Result} from "../core/result.js";

/** One channel, row-major. */
export interface Grid {
  readonly shape: readonly [height: number, width: number];
  readonly data: Float32Array;
}

/** Height × width × channels, channels innermost (tfjs's HWC). */
export interface Image {
  readonly shape: readonly [height: number, width: number, channels: number];
  readonly data: Float32Array;
}

/** Filters in tfjs layout. For conv2d the last axis is output channels; for depthwise it is the channel multiplier. */
export interface Filters {
  readonly shape: readonly [height: number, width: number, inChannels: number, outChannels: number];
  readonly data: Float32Array;
}

// ---------------------------------------------------------------------------------------------
// Building and reading grids and images

export const isImage = (x: Grid | Image): x is Image => x.shape.length === 3;

/** A Grid is an image with one channel; the data is shared, not copied. */
export function toImage(x: Grid | Image): Image {
  return isImage(x) ? x : {shape: [x.shape[0], x.shape[1], 1], data: x.data};
}

export function gridFromRows(rows: readonly (readonly number[])[]): Grid {
  const height = rows.length;
  const width = height ? rows[0].length : 0;
  const data = new Float32Array(height * width);
  rows.forEach((row, r) => data.set(row.slice(0, width), r * width));
  return {shape: [height, width], data};
}

export function gridToRows(grid: Grid): number[][] {
  const [height, width] = grid.shape;
  return Array.from({length: height}, (_, r) => Array.from(grid.data.subarray(r * width, (r + 1) * width)));
}

/** One channel of an image as a grid (a copy). */
export function channelOf(image: Grid | Image, channel: number): Grid {
  const [height, width, channels] = toImage(image).shape;
  const data = new Float32Array(height * width);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i * channels + channel];
  return {shape: [height, width], data};
}

/** Same-sized grids (say R, G, B) interleaved into one HWC image. */
export function stackChannels(grids: readonly Grid[]): Result<Image> {
  if (grids.length === 0) return fail("There are no channels to stack.");
  const [height, width] = grids[0].shape;
  const bad = grids.findIndex((g) => g.shape[0] !== height || g.shape[1] !== width);
  if (bad >= 0) {
    return fail(`Channel ${bad + 1} is ${grids[bad].shape.join("×")} but channel 1 is ${height}×${width}.`);
  }
  const channels = grids.length;
  const data = new Float32Array(height * width * channels);
  grids.forEach((g, c) => g.data.forEach((v, i) => (data[i * channels + c] = v)));
  return ok({shape: [height, width, channels], data});
}

/** A single 2-D kernel as filters for a one-channel input and one feature map. */
export function kernelFilters(kernel: Grid): Filters {
  return {shape: [kernel.shape[0], kernel.shape[1], 1, 1], data: kernel.data};
}

/** One [kh, kw, inChannels] image per feature map, gathered into tfjs's [kh, kw, in, out]. */
export function stackFilters(perOutput: readonly Image[]): Result<Filters> {
  if (perOutput.length === 0) return fail("There are no filters to stack.");
  const [kh, kw, cin] = perOutput[0].shape;
  const bad = perOutput.findIndex((f) => f.shape.some((n, i) => n !== perOutput[0].shape[i]));
  if (bad >= 0) return fail(`Filter ${bad + 1} is ${perOutput[bad].shape.join("×")} but filter 1 is ${kh}×${kw}×${cin}.`);
  const cout = perOutput.length;
  const data = new Float32Array(kh * kw * cin * cout);
  perOutput.forEach((f, o) => f.data.forEach((v, i) => (data[i * cout + o] = v)));
  return ok({shape: [kh, kw, cin, cout], data});
}

// ---------------------------------------------------------------------------------------------
// Parsing what a reader typed

/** Accepts numbers or strings (typed cells); "−" (U+2212) counts as a minus sign. */
export function parseGrid(cells: readonly (readonly unknown[])[]): Result<Grid> {
  if (cells.length === 0 || cells[0].length === 0) return fail("The grid is empty.");
  const width = cells[0].length;
  const data = new Float32Array(cells.length * width);
  for (let r = 0; r < cells.length; r++) {
    if (cells[r].length !== width) {
      return fail(`Row ${r + 1} has ${cells[r].length} cells but row 1 has ${width}.`);
    }
    for (let c = 0; c < width; c++) {
      const cell = cells[r][c];
      const where = `Row ${r + 1}, column ${c + 1}`;
      const value = typeof cell === "number" ? cell : typeof cell === "string" ? parseNumber(cell) : NaN;
      if (typeof cell === "string" && cell.trim() === "") return fail(`${where} is empty.`);
      if (!Number.isFinite(value)) return fail(`${where}: ${show(cell)} is not a number.`);
      data[r * width + c] = value;
    }
  }
  return ok({shape: [cells.length, width], data});
}

/** Rows on lines, cells separated by spaces, commas or semicolons. */
export function parseGridText(text: string): Result<Grid> {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return parseGrid(lines.map((l) => (l === "" ? [] : l.split(/\s*[,;]\s*|\s+/))));
}

// Number("") is 0 and Number(" ") too, so emptiness is checked by the caller first.
function parseNumber(text: string): number {
  const t = text.trim().replace(/\u2212/g, "-");
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

// ---------------------------------------------------------------------------------------------
// Checks (null when fine, else the sentence to show)

const AXES = ["Height", "Width", "Channels"];

/** Null for a well-formed grid or image with finite values, else what is wrong. */
export function checkImage(x: Grid | Image, what = "input"): string | null {
  if (!x?.shape || !(x.data instanceof Float32Array)) return `The ${what} is missing.`;
  if (x.shape.length !== 2 && x.shape.length !== 3) return `The ${what} needs a shape [height, width] or [height, width, channels].`;
  for (let i = 0; i < x.shape.length; i++) {
    const problem = checkInteger(`The ${what}'s ${AXES[i].toLowerCase()}`, x.shape[i], 1);
    if (problem) return problem;
  }
  return checkData(x.data, x.shape, what);
}

function checkData(data: Float32Array, shape: readonly number[], what: string): string | null {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) return `The ${what} has ${data.length} values but its shape ${shape.join("×")} needs ${size}.`;
  const i = data.findIndex((v) => !Number.isFinite(v));
  if (i < 0) return null;
  const c = shape.length === 3 ? shape[2] : 1;
  const cell = Math.floor(i / c);
  const at = `row ${Math.floor(cell / shape[1]) + 1}, column ${(cell % shape[1]) + 1}`;
  return `The ${what} at ${at}${c > 1 ? `, channel ${(i % c) + 1}` : ""} is not a number.`;
}

export function checkFilters(f: Filters, what: string): string | null {
  if (!f?.shape || !(f.data instanceof Float32Array)) return `The ${what} are missing.`;
  if (f.shape.length !== 4) return `The ${what} need a shape [height, width, in channels, out channels].`;
  const names = ["height", "width", "input channels", what === "depthwise filters" ? "channel multiplier" : "output channels"];
  for (let i = 0; i < 4; i++) {
    const problem = checkInteger(`The ${what}' ${names[i]}`, f.shape[i], 1);
    if (problem) return problem;
  }
  const size = f.shape.reduce((a, b) => a * b, 1);
  if (f.data.length !== size) return `The ${what} have ${f.data.length} weights but shape ${f.shape.join("×")} needs ${size}.`;
  return f.data.every(Number.isFinite) ? null : `A weight in the ${what} is not a number.`;
}
