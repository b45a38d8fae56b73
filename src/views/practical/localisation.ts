// The localisation page's two pictures: the strip as the network sees it with a labelled box
// over each confident run of windows, and the class map (window position × class, shaded by
// probability). Pure functions of data and options → element.
import * as Plot from "@observablehq/plot";
import type {ConfidentBox} from "../../lib/cnn/confident-boxes.js";
import {injectStyle} from "../../ui/inject-style.js";
import {mapCanvas} from "../../ui/map-canvas.js";

export interface StripImage {
  width: number;
  height: number;
  pixels: Float32Array;
}

/** The strip in ink on paper, the boxes drawn over it (positions in % so it scales with the page). */
export function stripWithBoxes(strip: StripImage, boxes: readonly ConfidentBox[], {classes}: {classes: readonly string[]}): HTMLElement {
  injectStyle("localisation-style", CSS);
  const figure = document.createElement("figure");
  figure.className = "loc-strip";
  const frame = document.createElement("div");
  frame.className = "loc-frame";
  frame.style.aspectRatio = `${strip.width} / ${strip.height}`;
  const canvas = mapCanvas({shape: [strip.height, strip.width], data: strip.pixels}, {colours: "ink", domain: [0, 1]});
  canvas.setAttribute("aria-hidden", "true");
  frame.append(canvas);
  for (const box of boxes) {
    const div = document.createElement("div");
    div.className = "loc-box";
    div.style.left = `${(100 * box.x) / strip.width}%`;
    div.style.width = `${(100 * box.width) / strip.width}%`;
    div.dataset.label = classes[box.label];
    const tag = document.createElement("span");
    tag.textContent = classes[box.label];
    div.append(tag);
    frame.append(div);
  }
  const caption = document.createElement("figcaption");
  caption.className = "loc-boxes";
  caption.dataset.labels = boxes.map((b) => classes[b.label]).join(",");
  caption.textContent = boxes.length
    ? `Boxes, left to right: ${boxes
        .map(
          (b) =>
            `${classes[b.label]} (pixels ${b.x}–${b.x + b.width}, ${b.last - b.first + 1} window${b.last > b.first ? "s" : ""}, best ${(100 * b.peak).toFixed(1)}%)`
        )
        .join("; ")}.`
    : "No window reaches the threshold: no boxes.";
  figure.append(frame, caption);
  return figure;
}

export interface ClassMapOptions {
  width?: number;
  classes: readonly string[];
  stride: number;
  threshold: number;
}

/** Heatmap: x = left edge of each window, y = class, fill = probability; cells at or above the threshold outlined. */
export function classMapChart(
  probabilities: ArrayLike<number>,
  columns: number,
  {width = 640, classes, stride, threshold}: ClassMapOptions
): SVGSVGElement | HTMLElement {
  const cells = Array.from({length: columns * classes.length}, (_, i) => {
    const j = Math.floor(i / classes.length);
    const c = i % classes.length;
    return {x: j * stride, label: classes[c], p: probabilities[i]};
  });
  const xs = Array.from({length: columns}, (_, j) => j * stride);
  // About 60 px between tick labels, whatever the number of windows.
  const every = Math.max(1, Math.ceil(columns / Math.max(1, Math.floor(width / 60))));
  return Plot.plot({
    width,
    height: 60 + classes.length * 22,
    marginLeft: 40,
    ariaLabel: `Class map: probability of each class (rows) for each of ${columns} windows (columns), ${stride} pixels apart`,
    x: {domain: xs, label: "window's left edge (strip pixels) →", ticks: xs.filter((_, j) => j % every === 0)},
    y: {domain: classes, label: "class"},
    color: {type: "linear", domain: [0, 1], scheme: "blues", legend: true, label: "probability"},
    marks: [
      Plot.cell(cells, {
        x: "x",
        y: "label",
        fill: "p",
        inset: 0.5,
        title: (d) => `window at ${d.x}: ${d.label} ${(100 * d.p).toFixed(1)}%`
      }),
      Plot.cell(
        cells.filter((d) => d.p >= threshold),
        {x: "x", y: "label", stroke: "var(--theme-foreground-focus)", strokeWidth: 2, fill: "none"}
      )
    ]
  });
}

const CSS = `
.loc-strip { margin: 0; max-width: 100%; }
.loc-frame { position: relative; width: 100%; }
.loc-frame canvas { display: block; width: 100%; height: 100%; border: 1px solid var(--theme-foreground-faint); box-sizing: border-box; }
.loc-box { position: absolute; top: 0; bottom: 0; border: 2px solid var(--theme-foreground-focus); box-sizing: border-box; pointer-events: none; }
.loc-box span { position: absolute; top: 0; left: 0; padding: 0 0.25em; font: 600 12px/1.3 var(--sans-serif);
  background: var(--theme-foreground-focus); color: var(--theme-background); }
.loc-boxes { margin-top: 0.4rem; color: var(--theme-foreground-muted); font-size: 0.85rem; }
`;
