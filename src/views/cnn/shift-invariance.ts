// How much a representation changes when the image moves a few pixels: raw pixels, convolutional
// feature maps (after ReLU), and those maps after max pooling. Pooling is meant to make a network
// tolerate a bit of shift (the lecture's "location invariance"); this measures it on real images.

import * as Plot from "@observablehq/plot";
import {conv2d, type Filters, type Grid} from "../../lib/cnn/conv.js";
import {reluInPlace} from "../../lib/cnn/feature-maps.js";
import {maxPool} from "../../lib/cnn/pool.js";

export type Direction = "right" | "down" | "diagonal";
export type Metric = "cosine" | "relative";

export const METRIC_NAMES: Record<Metric, string> = {
  cosine: "1 − cosine similarity",
  relative: "mean absolute change ÷ mean absolute value"
};

/** The image moved by (dy, dx) pixels; what moves out is lost, what comes in is zero. */
export function shiftGrid(g: Grid, dy: number, dx: number): Grid {
  const [h, w] = g.shape;
  const data = new Float32Array(h * w);
  for (let r = Math.max(0, dy); r < Math.min(h, h + dy); r++) {
    for (let c = Math.max(0, dx); c < Math.min(w, w + dx); c++) data[r * w + c] = g.data[(r - dy) * w + (c - dx)];
  }
  return {shape: [h, w], data};
}

/** 1 − cos(a, b): 0 for the same direction, 1 for nothing in common; 0 when both are zero. */
export function cosineDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (aa === 0 && bb === 0) return 0;
  if (aa === 0 || bb === 0) return 1;
  return 1 - ab / Math.sqrt(aa * bb);
}

/** Σ|a − b| / Σ|a|: the change as a share of the original's size; 0 when both are zero. */
export function relativeChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0,
    size = 0;
  for (let i = 0; i < a.length; i++) {
    diff += Math.abs(a[i] - b[i]);
    size += Math.abs(a[i]);
  }
  return size === 0 ? (diff === 0 ? 0 : Infinity) : diff / size;
}

/** The stages compared, in order: pixels, ReLU(conv) maps, then max pooling of those maps at each size. */
export function stageNames(poolSizes: readonly number[]): string[] {
  return ["pixels", "feature maps", ...poolSizes.map((p) => `max pooled ${p}×${p}`)];
}

/** One image at every stage ("same" padding keeps maps aligned with the pixels). */
export function representations(image: Grid, filters: Filters, poolSizes: readonly number[]): Float32Array[] {
  const maps = conv2d(image, filters, {padding: "same"});
  if (!maps.ok) throw new Error(maps.message); // the page's own filters on a 28×28 image: a bug, not input
  reluInPlace(maps.value);
  const pooled = poolSizes.map((size) => {
    const p = maxPool(maps.value, {size});
    if (!p.ok) throw new Error(p.message);
    return p.value.data;
  });
  return [image.data, maps.value.data, ...pooled];
}

export interface ShiftRow {
  readonly shift: number;
  readonly stage: string;
  readonly metric: Metric;
  /** Mean over the images added so far. */
  readonly value: number;
}

/** Accumulates, image by image, the mean change of every stage for shifts 0…maxShift. */
export function shiftStudy({
  filters,
  maxShift = 4,
  direction = "right",
  poolSizes = [2, 4]
}: {
  filters: Filters;
  maxShift?: number;
  direction?: Direction;
  poolSizes?: readonly number[];
}) {
  const stages = stageNames(poolSizes);
  const sums = {cosine: new Float64Array((maxShift + 1) * stages.length), relative: new Float64Array((maxShift + 1) * stages.length)};
  let count = 0;
  const move = (s: number): [number, number] => (direction === "right" ? [0, s] : direction === "down" ? [s, 0] : [s, s]);
  return {
    stages,
    get count() {
      return count;
    },
    add(image: Grid): void {
      const base = representations(image, filters, poolSizes);
      for (let s = 1; s <= maxShift; s++) {
        const moved = representations(shiftGrid(image, ...move(s)), filters, poolSizes);
        moved.forEach((rep, k) => {
          sums.cosine[s * stages.length + k] += cosineDistance(base[k], rep);
          sums.relative[s * stages.length + k] += relativeChange(base[k], rep);
        });
      }
      count++;
    },
    rows(): ShiftRow[] {
      return (["cosine", "relative"] as const).flatMap((metric) =>
        Array.from({length: maxShift + 1}, (_, shift) =>
          stages.map((stage, k) => ({shift, stage, metric, value: count ? sums[metric][shift * stages.length + k] / count : 0}))
        ).flat()
      );
    }
  };
}

/** Change against shift, one line per stage. */
export function shiftChart(
  rows: readonly ShiftRow[],
  {width = 640, metric = "cosine" as Metric, stages = [] as readonly string[]} = {}
): SVGSVGElement | HTMLElement {
  const shown = rows.filter((r) => r.metric === metric);
  const last = Math.max(...shown.map((r) => r.shift));
  return Plot.plot({
    width,
    height: 300,
    marginRight: width < 520 ? 20 : 130,
    ariaLabel:
      `${METRIC_NAMES[metric]} after shifting the images, for ${stages.join(", ")}: ` +
      stages.map((s) => `${s} ${shown.find((r) => r.stage === s && r.shift === last)?.value.toFixed(2)} at ${last} pixels`).join("; "),
    x: {label: "shift (pixels)", ticks: last + 1, tickFormat: "d"},
    y: {label: METRIC_NAMES[metric], grid: true, zero: true},
    color: {domain: stages, legend: true},
    marks: [
      Plot.line(shown, {x: "shift", y: "value", stroke: "stage", strokeWidth: 2}),
      Plot.dot(shown, {
        x: "shift",
        y: "value",
        fill: "stage",
        tip: true,
        title: (r: ShiftRow) => `${r.stage}, shift ${r.shift}: ${r.value.toFixed(3)}`
      }),
      width < 520
        ? null
        : Plot.text(
            shown.filter((r) => r.shift === last),
            {x: "shift", y: "value", text: "stage", dx: 6, textAnchor: "start", fill: "stage"}
          )
    ]
  });
}
