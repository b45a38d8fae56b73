// The photographs of photos.zip (src/data/photos.zip.ts) in a page: raw RGB bytes to an image in
// conv.ts's layout, greyscale for one-channel filters, and the credit line each photo needs.
import type {Grid, Image} from "../cnn/conv.js";

export interface PhotoMeta {
  id: string;
  title: string;
  description: string;
  package: string;
  version: string;
  license: string;
  packageLicense: string;
  source: {name: string; web: string};
  original: {width: number; height: number};
  width: number;
  height: number;
  channelMeans: [number, number, number];
}

/** Bytes 0–255 to an HWC image of values 0–1. */
export function photoImage(bytes: ArrayBuffer, meta: PhotoMeta): Image {
  const data = new Uint8Array(bytes);
  if (data.length !== meta.width * meta.height * 3) {
    throw new Error(`${meta.id}: ${data.length} bytes do not make a ${meta.width}×${meta.height} RGB image`);
  }
  return {shape: [meta.height, meta.width, 3], data: Float32Array.from(data, (v) => v / 255)};
}

/** Luma (ITU-R BT.601 weights, as most image libraries use for "convert to grey"). */
export function greyscale(image: Image): Grid {
  const [h, w] = image.shape;
  const data = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) data[i] = 0.299 * image.data[i * 3] + 0.587 * image.data[i * 3 + 1] + 0.114 * image.data[i * 3 + 2];
  return {shape: [h, w], data};
}
