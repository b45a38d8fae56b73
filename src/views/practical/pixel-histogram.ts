// Pixel intensities (0–255) of the training images, from precomputed 256-bin counts.
import * as Plot from "@observablehq/plot";

export function pixelHistogram(bins: number[], {width = 640, title = ""} = {}) {
  const total = bins.reduce((a, b) => a + b, 0);
  const rows = bins.map((count, value) => ({value, count, share: count / total})).filter((d) => d.count > 0);
  return Plot.plot({
    width,
    height: 240,
    title,
    x: {label: "pixel intensity (0 = background, 255 = full ink)", domain: [0, 256]},
    y: {type: "log", label: "pixels (log scale)", grid: true},
    marks: [
      Plot.rectY(rows, {x1: "value", x2: (d) => d.value + 1, y1: 1, y2: "count", fill: "var(--theme-foreground-focus)"}),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: (d) => d.value + 0.5,
          y: "count",
          title: (d) => `intensity ${d.value}: ${d.count.toLocaleString("en")} pixels (${(d.share * 100).toFixed(2)}%)`
        })
      )
    ]
  });
}
