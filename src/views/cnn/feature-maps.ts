import {channelOf, type Grid, type Image} from "../../lib/cnn/conv.js";
import {injectStyle} from "../../ui/inject-style.js";
import {type MapStyle, valueRange, mapCanvas, rgbCanvas, domainOf} from "../../ui/map-canvas.js";

/** "−1.25 … 3.5" with true minus signs. */
export function rangeText([lo, hi]: readonly [number, number]): string {
  const f = (x: number) => {
    const a = Math.abs(x);
    const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2);
    return s.replace(/^-(?=0(\.0+)?$)/, "").replace("-", "\u2212");
  };
  return `${f(lo)} … ${f(hi)}`;
}

export interface MapPanel {
  /** One channel, or an RGB image. */
  map: Grid | Image;
  title: string;
  /** Line under the title; default the map's size and value range. */
  note?: string;
  style?: MapStyle;
  /** Small numbers shown beside the picture, e.g. the filter's weights. */
  weights?: Grid;
  /** A pixel to ring, [row, column] (e.g. the one whose numbers the page prints). */
  marker?: readonly [number, number];
}

/**
 * Maps side by side, each with its title, size and value range, and optionally the filter that
 * made it. Panels wrap on narrow screens; every canvas has an accessible name.
 */
export function mapPanels(
  panels: readonly MapPanel[],
  {width = 640, columns = 4, label = "Feature maps"}: {width?: number; columns?: number; label?: string} = {}
): HTMLElement {
  injectStyle("feature-maps-view-style", CSS);
  const root = document.createElement("div");
  root.className = "map-panels";
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label);
  const gap = 12;
  const cols = Math.max(1, Math.min(columns, panels.length, Math.floor((width + gap) / (130 + gap))));
  const cell = Math.floor((width - gap * (cols - 1)) / cols);
  root.style.gridTemplateColumns = `repeat(${cols}, ${cell}px)`;
  for (const panel of panels) {
    const figure = document.createElement("figure");
    const isRgb = panel.map.shape.length === 3 && panel.map.shape[2] === 3;
    const canvas = isRgb ? rgbCanvas(panel.map as Image) : mapCanvas(channelOf(panel.map, 0), panel.style);
    const [h, w] = panel.map.shape;
    if (panel.marker) ringPixel(canvas, panel.marker);
    canvas.style.width = `${cell}px`;
    canvas.style.height = `${Math.round((cell * h) / w)}px`;
    canvas.setAttribute("role", "img");
    const range = isRgb ? "" : `, values ${rangeText(valueRange(panel.map.data))}`;
    canvas.setAttribute("aria-label", `${panel.title}: ${h}×${w}${range}`);
    const caption = document.createElement("figcaption");
    const title = document.createElement("strong");
    title.textContent = panel.title;
    const note = document.createElement("span");
    note.textContent = panel.note ?? `${h}×${w}${range.replace(", values", ",")}`;
    caption.append(title, note);
    if (panel.weights) caption.append(weightTable(panel.weights, `Weights of ${panel.title}`));
    figure.append(canvas, caption);
    root.append(figure);
  }
  return root;
}

// A dark and a light square around one pixel, visible on any colours.
function ringPixel(canvas: HTMLCanvasElement, [row, col]: readonly [number, number]): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  context.lineWidth = 1;
  context.strokeStyle = "#000";
  context.strokeRect(col - 2.5, row - 2.5, 6, 6);
  context.strokeStyle = "#ff0";
  context.strokeRect(col - 1.5, row - 1.5, 4, 4);
}

/** A small grid of numbers (a filter), readable by screen readers as a table. */
export function weightTable(grid: Grid, label: string): HTMLTableElement {
  const [h, w] = grid.shape;
  const table = document.createElement("table");
  table.className = "weight-table";
  table.setAttribute("aria-label", label);
  const extent = valueRange(grid.data).reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  for (let r = 0; r < h; r++) {
    const row = table.insertRow();
    for (let c = 0; c < w; c++) {
      const v = grid.data[r * w + c];
      const cell = row.insertCell();
      cell.textContent = formatWeight(v);
      // Red for positive, blue for negative, as in the diverging maps; strength by size.
      const a = Math.min(1, Math.abs(v) / extent) * 0.45;
      cell.style.background = v > 0 ? `rgba(214, 96, 77, ${a})` : v < 0 ? `rgba(67, 147, 195, ${a})` : "";
    }
  }
  return table;
}

export function formatWeight(v: number): string {
  const s = Number.isInteger(v) ? String(v) : Math.abs(v) < 0.0005 ? v.toExponential(0) : String(Number(v.toFixed(3)));
  return s.replace(/-/g, "\u2212");
}

export interface StackOptions {
  width?: number;
  /** One label per map, drawn beside its sheet. */
  labels?: readonly string[];
  style?: MapStyle;
  /** What the stack is, for screen readers. */
  label?: string;
}

/**
 * Feature maps as the lecture draws them: sheets one behind the other, each slanted a little, so
 * the eye reads a 3D block (height × width × maps). The first map is at the front.
 */
export function featureStack(
  maps: Image,
  {width = 640, labels = [], style = {colours: "diverging"}, label}: StackOptions = {}
): SVGSVGElement {
  const [h, w, n] = maps.shape;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const labelRoom = labels.length ? Math.min(170, width * 0.32) : 0;
  // Each sheet sits up and to the right of the one in front, slanted a little so the eye reads depth.
  const stepX = 0.3;
  const sheetW = Math.max(50, Math.min(300, (width - labelRoom - 12) / (1 + stepX * Math.max(0, n - 1))));
  const sheetH = (sheetW * h) / w;
  const rise = sheetW * 0.12;
  const step = {x: sheetW * stepX, y: -Math.max(16, Math.min(sheetH * 0.3, 40))};
  const top = -step.y * (n - 1) + rise + 8;
  const height = Math.ceil(top + sheetH + 8);
  const labelX = 4 + (n - 1) * step.x + sheetW + 14;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label ?? `${n} feature maps of ${h}×${w}, stacked into a ${h}×${w}×${n} block`);
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  // The same value range for every sheet, so brightness compares across maps.
  const shared = domainOf(maps.data, style);
  // Back to front, so the first map ends on top.
  for (let i = n - 1; i >= 0; i--) {
    const x0 = 4 + i * step.x;
    const y0 = top + i * step.y;
    const g = document.createElementNS(ns, "g");
    g.setAttribute("transform", `translate(${x0},${y0}) matrix(1,${(-rise / sheetW).toFixed(4)},0,1,0,0)`);
    const image = document.createElementNS(ns, "image");
    image.setAttribute("href", mapCanvas(channelOf(maps, i), {...style, domain: style.domain ?? shared}).toDataURL());
    image.setAttribute("width", String(sheetW));
    image.setAttribute("height", String(sheetH));
    image.setAttribute("preserveAspectRatio", "none");
    image.style.imageRendering = "pixelated";
    const frame = document.createElementNS(ns, "rect");
    frame.setAttribute("width", String(sheetW));
    frame.setAttribute("height", String(sheetH));
    frame.setAttribute("fill", "none");
    frame.setAttribute("stroke", "currentColor");
    frame.setAttribute("stroke-width", "1");
    frame.setAttribute("vector-effect", "non-scaling-stroke");
    g.append(image, frame);
    svg.append(g);
  }
  // Labels in a column on the right, each level with its sheet's top-right corner and tied to it by a line.
  labels.slice(0, n).forEach((text, i) => {
    const cornerX = 4 + i * step.x + sheetW;
    const cornerY = top + i * step.y - rise;
    const line = document.createElementNS(ns, "line");
    line.setAttribute("x1", String(cornerX));
    line.setAttribute("y1", String(cornerY));
    line.setAttribute("x2", String(labelX - 4));
    line.setAttribute("y2", String(cornerY));
    line.setAttribute("stroke", "currentColor");
    line.setAttribute("stroke-opacity", "0.5");
    line.setAttribute("stroke-dasharray", "2 2");
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", String(labelX));
    t.setAttribute("y", String(cornerY + 4));
    t.setAttribute("fill", "currentColor");
    t.setAttribute("font-size", "12");
    // Cut to the room on the right (about 6.5 px a character); the full name stays in a tooltip.
    const room = Math.max(3, Math.floor((width - labelX) / 6.5));
    const full = `${i + 1}. ${text}`;
    t.textContent = full.length > room ? `${full.slice(0, room - 1)}…` : full;
    const title = document.createElementNS(ns, "title");
    title.textContent = full;
    t.append(title);
    svg.append(line, t);
  });
  return svg;
}

const CSS = `
.map-panels { display: grid; gap: 12px; align-items: start; }
.map-panels figure { margin: 0; }
.map-panels canvas { display: block; border: 1px solid var(--theme-foreground-faintest); }
.map-panels figcaption { display: flex; flex-direction: column; gap: 2px; font-size: 12px; margin-top: 4px; }
.map-panels figcaption span { color: var(--theme-foreground-muted); font-variant-numeric: tabular-nums; }
.weight-table { border-collapse: collapse; font-size: 11px; font-variant-numeric: tabular-nums; margin-top: 4px; }
.weight-table td { border: 1px solid var(--theme-foreground-faintest); padding: 1px 4px; text-align: right; min-width: 2.2em; }
`;
