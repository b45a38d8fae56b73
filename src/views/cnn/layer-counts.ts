// The lecture's argument for convolution, as a calculator: a fully connected first layer on an
// H×W image against a convolutional layer of k×k filters. The counting is receptive-field.ts;
// this module reads the typed sizes and draws the two layers side by side.

import * as Plot from "@observablehq/plot";
import {convLayerCount, fullyConnectedCount, type ConvLayerCount, type LayerCount} from "../../lib/cnn/receptive-field.js";
import {fail, ok, type Result} from "../../lib/core/result.js";
import {parseWhole} from "../../lib/core/result.js";

export interface CalculatorText {
  readonly height: string;
  readonly width: string;
  readonly channels: string;
  readonly neurons: string;
  readonly kernel: string;
  readonly filters: string;
}

export interface LayerComparison {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly kernel: number;
  readonly filters: number;
  readonly dense: LayerCount;
  readonly conv: ConvLayerCount;
}

// Big enough for any real image, small enough that every count stays an exact integer.
const LIMITS = {height: 10_000, width: 10_000, channels: 1_000, neurons: 1_000_000, kernel: 99, filters: 10_000};

/** Both layers' counts from the typed sizes, or the first thing wrong with them. */
export function compareLayers(text: CalculatorText): Result<LayerComparison> {
  const read = (name: string, key: keyof CalculatorText) => parseWhole(name, text[key], {min: 1, max: LIMITS[key]});
  const fields = [
    ["Image height", "height"],
    ["Image width", "width"],
    ["Channels", "channels"],
    ["Neurons", "neurons"],
    ["Kernel size", "kernel"],
    ["Filters", "filters"]
  ] as const;
  const n: Partial<Record<keyof CalculatorText, number>> = {};
  for (const [name, key] of fields) {
    const value = read(name, key);
    if (!value.ok) return value;
    n[key] = value.value;
  }
  const {height, width, channels, neurons, kernel, filters} = n as Record<keyof CalculatorText, number>;
  if (kernel > height || kernel > width) return fail(`A ${kernel}×${kernel} kernel does not fit in a ${height}×${width} image.`);
  const dense = fullyConnectedCount({height, width, channels, neurons});
  if (!dense.ok) return dense;
  // 'same' padding: one neuron per pixel and filter, as the lecture's feature maps.
  const conv = convLayerCount({height, width, channels, kernel, filters, padding: "same"});
  if (!conv.ok) return conv;
  return ok({height, width, channels, kernel, filters, dense: dense.value, conv: conv.value});
}

const count = (n: number) => n.toLocaleString("en");

/** The two layers side by side, one row per quantity. */
export function layerTable(c: LayerComparison): HTMLTableElement {
  const rows: [string, string, string][] = [
    ["Neurons", `${count(c.dense.neurons)}`, `${count(c.conv.neurons)} (${c.conv.outputShape.join("×")})`],
    [
      "Each neuron sees",
      `all ${count(c.height * c.width * c.channels)} inputs`,
      `${count(c.conv.fanIn)} inputs (${c.kernel}×${c.kernel}×${c.channels})`
    ],
    ["Connections", count(c.dense.connections), count(c.conv.connections)],
    ["Parameters (weights + biases)", count(c.dense.parameters), count(c.conv.parameters)]
  ];
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const text of ["", "Fully connected", "Convolutional"])
    head.append(Object.assign(document.createElement("th"), {textContent: text, scope: "col"}));
  const body = table.createTBody();
  for (const [name, dense, conv] of rows) {
    const row = body.insertRow();
    row.append(Object.assign(document.createElement("th"), {textContent: name, scope: "row"}));
    for (const text of [dense, conv]) {
      const cell = row.insertCell();
      cell.textContent = text;
      cell.style.fontVariantNumeric = "tabular-nums";
    }
  }
  return table;
}

/** Parameters and connections of both layers as bars on a log scale (they differ by orders of magnitude). */
export function layerChart(c: LayerComparison, {width = 640} = {}): SVGSVGElement | HTMLElement {
  const data = [
    {layer: "Fully connected", what: "connections", n: c.dense.connections},
    {layer: "Convolutional", what: "connections", n: c.conv.connections},
    {layer: "Fully connected", what: "parameters", n: c.dense.parameters},
    {layer: "Convolutional", what: "parameters", n: c.conv.parameters}
  ];
  const max = Math.max(...data.map((d) => d.n));
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 110,
    marginRight: 20,
    ariaLabel: `Connections and parameters: fully connected ${count(c.dense.connections)} and ${count(c.dense.parameters)}, convolutional ${count(c.conv.connections)} and ${count(c.conv.parameters)}`,
    x: {type: "log", domain: [1, max * 30], label: "count (log scale: each tick is 10× the last)", grid: true, tickFormat: "~s"},
    y: {label: null},
    fy: {domain: ["connections", "parameters"], axis: null},
    color: {domain: ["Fully connected", "Convolutional"], range: ["var(--theme-foreground-muted)", "var(--theme-foreground-focus)"]},
    marks: [
      Plot.barX(data, {fy: "what", y: "layer", x1: 1, x2: "n", fill: "layer", insetTop: 6}),
      Plot.text(data, {fy: "what", y: "layer", x: "n", text: (d) => count(d.n), dx: 4, dy: 3, textAnchor: "start", fill: "currentColor"}),
      Plot.text(["connections", "parameters"], {
        fy: (d) => d,
        text: (d) => d,
        frameAnchor: "top-left",
        dy: -2,
        fontWeight: "bold",
        fill: "currentColor"
      })
    ]
  });
}
