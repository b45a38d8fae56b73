// The arithmetic behind "where the network looks" pictures, apart from tfjs and the DOM: a deep
// layer's small map placed back on the input (each cell at the centre of its receptive field),
// maps scaled to 0…1, and a heat map laid over a greyscale digit as one RGB image.
import type {Grid, Image} from "./conv.js";
import type {FieldStep} from "./receptive-field.js";

/**
 * A map of a deep layer (e.g. Grad-CAM on an 8×8 convolution) at the input's size: cell i sits at
 * input coordinate start + i · jump (the centre of its receptive field, as receptiveFieldGrowth
 * computes it), and input pixels in between are interpolated bilinearly; beyond the outermost
 * centres the edge value holds.
 */
export function mapToInput(map: Grid, {start, jump}: Pick<FieldStep, "start" | "jump">, inputSize: readonly [number, number]): Grid {
  const [h, w] = map.shape;
  const [H, W] = inputSize;
  const data = new Float32Array(H * W);
  const along = (p: number, n: number): [number, number, number] => {
    const t = Math.max(0, Math.min(n - 1, (p - start) / jump));
    const i = Math.min(n - 1, Math.floor(t));
    const j = Math.min(n - 1, i + 1);
    return [i, j, t - i];
  };
  for (let y = 0; y < H; y++) {
    const [r0, r1, fy] = along(y, h);
    for (let x = 0; x < W; x++) {
      const [c0, c1, fx] = along(x, w);
      const top = map.data[r0 * w + c0] * (1 - fx) + map.data[r0 * w + c1] * fx;
      const bottom = map.data[r1 * w + c0] * (1 - fx) + map.data[r1 * w + c1] * fx;
      data[y * W + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return {shape: [H, W], data};
}

/** Values divided by the largest one, so the map spans 0…1 (all zeros stay zeros). */
export function toUnit(data: ArrayLike<number>): Float32Array {
  let max = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > max) max = data[i];
  return Float32Array.from(data, (v) => (max > 0 ? Math.max(0, v) / max : 0));
}

/** Share of the total that falls where the mask is set: how much of a map lies on the ink, say. */
export function shareWhere(values: ArrayLike<number>, mask: (i: number) => boolean): number {
  let total = 0;
  let inside = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i];
    if (mask(i)) inside += values[i];
  }
  return total > 0 ? inside / total : 0;
}

/**
 * A greyscale digit (ink 0…1, drawn dark on white) with a heat map (0…1) laid over it: each
 * pixel is the digit's grey blended with `colour(heat)` by an opacity that grows with the heat,
 * so cold areas show the digit and hot ones the colour. Returns RGB values in 0…1.
 */
export function overlayHeat(ink: Grid, heat: Grid, colour: (h: number) => readonly [number, number, number], {opacity = 0.8} = {}): Image {
  const [h, w] = ink.shape;
  if (heat.shape[0] !== h || heat.shape[1] !== w) throw new Error(`heat map ${heat.shape.join("×")} does not match the image ${h}×${w}`);
  const data = new Float32Array(h * w * 3);
  for (let i = 0; i < h * w; i++) {
    const grey = 1 - 0.75 * Math.max(0, Math.min(1, ink.data[i]));
    const t = Math.max(0, Math.min(1, heat.data[i]));
    const a = opacity * Math.sqrt(t); // faint heat stays visible
    const c = colour(t);
    for (let k = 0; k < 3; k++) data[i * 3 + k] = grey * (1 - a) + c[k] * a;
  }
  return {shape: [h, w, 3], data};
}
