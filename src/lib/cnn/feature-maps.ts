// One feature map per named kernel over a real image, and the scaling that lets maps of very
// different ranges (a blur near 255, an edge near ±765) share one picture.

import {
  channelOf,
  conv2d,
  gridFromRows,
  kernelFilters,
  stackFilters,
  toImage,
  type Filters,
  type Grid,
  type Image,
  type Padding
} from "./conv.js";
import type {NamedGrid} from "./kernel-presets.js";
import {ok, type Result} from "../core/result.js";

export interface FeatureMap {
  readonly name: string;
  readonly map: Grid;
}

/** A byte image (e.g. one MNIST image of 784 bytes) as a grid of 0…255. */
export function byteGrid(bytes: ArrayLike<number>, height: number, width: number): Grid {
  return {shape: [height, width], data: Float32Array.from({length: height * width}, (_, i) => bytes[i])};
}

/** Convolve `image` with each kernel on its own (kernels may differ in size). */
export function applyKernels(
  image: Grid,
  kernels: readonly (NamedGrid | {name: string; kernel: Grid})[],
  {stride = 1, padding = "same" as Padding} = {}
): Result<FeatureMap[]> {
  const maps: FeatureMap[] = [];
  for (const k of kernels) {
    const kernel = "kernel" in k ? k.kernel : gridFromRows(k.rows);
    const out = conv2d(image, kernelFilters(kernel), {stride, padding});
    if (!out.ok) return {ok: false, message: `${k.name}: ${out.message}`};
    maps.push({name: k.name, map: channelOf(out.value, 0)});
  }
  return ok(maps);
}

/** All maps one after another, each divided by its own largest |value| (so each spans −1…1). */
export function scaleEach(maps: readonly Grid[]): Float32Array {
  const size = maps.reduce((n, m) => n + m.data.length, 0);
  const out = new Float32Array(size);
  let offset = 0;
  for (const {data} of maps) {
    let extent = 0;
    for (const v of data) extent = Math.max(extent, Math.abs(v));
    for (let i = 0; i < data.length; i++) out[offset + i] = extent ? data[i] / extent : 0;
    offset += data.length;
  }
  return out;
}

/** A filter bank as one conv2d's filters (each kernel makes one output channel). */
export function bankFilters(kernels: readonly NamedGrid[]): Result<Filters> {
  return stackFilters(kernels.map((k) => toImage(gridFromRows(k.rows))));
}

/** max(0, x) in place: the activation between a convolution and its pooling. */
export function reluInPlace<T extends Grid | Image>(x: T): T {
  const d = x.data;
  for (let i = 0; i < d.length; i++) if (d[i] < 0) d[i] = 0;
  return x;
}

/** An HWC image's channels one after another (channel-major), as imageMosaic lays out images. */
export function channelMajor(image: Image): Float32Array {
  const [h, w, c] = image.shape;
  const out = new Float32Array(h * w * c);
  for (let i = 0; i < h * w; i++) for (let k = 0; k < c; k++) out[k * h * w + i] = image.data[i * c + k];
  return out;
}
