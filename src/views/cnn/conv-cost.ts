// The costs from compareConvCosts (conv-cost.ts) as a table and a bar chart: a standard
// convolution against its depthwise and pointwise steps and their total.
import * as Plot from "@observablehq/plot";
import type {ConvCost, ConvCostComparison} from "../../lib/cnn/conv.js";
import {injectStyle} from "../../ui/inject-style.js";

const ROWS = [
  ["standard", "Standard convolution"],
  ["depthwise", "Depthwise step"],
  ["pointwise", "Pointwise step (1×1)"],
  ["separable", "Depthwise separable (both steps)"]
] as const;

const COLUMNS: readonly [keyof ConvCost, string][] = [
  ["weights", "Weights"],
  ["biases", "Biases"],
  ["parameters", "Parameters"],
  ["multiplyAdds", "Multiply-adds"]
];

const format = (n: number) => n.toLocaleString("en");

/** Every count, each cell tagged data-cost="row-column" (e.g. "standard-parameters") for tests. */
export function costTable(costs: ConvCostComparison): HTMLTableElement {
  injectStyle("conv-cost-view-style", CSS);
  const table = document.createElement("table");
  table.className = "cost-table";
  const head = table.createTHead().insertRow();
  for (const text of ["", ...COLUMNS.map(([, label]) => label)]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const [key, label] of ROWS) {
    const row = body.insertRow();
    if (key === "separable") row.className = "total";
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    row.append(th);
    for (const [column] of COLUMNS) {
      const cell = row.insertCell();
      cell.dataset.cost = `${key}-${column}`;
      cell.textContent = format(costs[key][column]);
    }
  }
  return table;
}

/**
 * Parameters and multiply-adds of the separable version as a share of the standard convolution's
 * (the two measures differ by the number of output positions, so raw counts would not share an axis).
 */
export function costChart(costs: ConvCostComparison, {width = 640} = {}): SVGSVGElement | HTMLElement {
  const label = {parameters: "Parameters", multiplyAdds: "Multiply-adds"};
  const bars = (["parameters", "multiplyAdds"] as const).flatMap((measure) => {
    const whole = costs.standard[measure];
    return [
      {measure: label[measure], layer: `${label[measure]}: standard`, part: "standard", value: whole, share: 100},
      {
        measure: label[measure],
        layer: `${label[measure]}: separable`,
        part: "depthwise",
        value: costs.depthwise[measure],
        share: (100 * costs.depthwise[measure]) / whole
      },
      {
        measure: label[measure],
        layer: `${label[measure]}: separable`,
        part: "pointwise",
        value: costs.pointwise[measure],
        share: (100 * costs.pointwise[measure]) / whole
      }
    ];
  });
  return Plot.plot({
    width,
    height: 150,
    marginLeft: 140,
    ariaLabel: `Standard convolution against depthwise separable: ${format(costs.standard.parameters)} against ${format(costs.separable.parameters)} parameters, ${format(costs.standard.multiplyAdds)} against ${format(costs.separable.multiplyAdds)} multiply-adds`,
    x: {label: "% of the standard convolution", grid: true, domain: [0, 100]},
    y: {label: null},
    color: {legend: true, domain: ["standard", "depthwise", "pointwise"]},
    marks: [
      Plot.barX(bars, {
        y: "layer",
        x: "share",
        fill: "part",
        channels: {count: {value: "value", label: "count"}},
        tip: {format: {count: (n: number) => format(n), share: (n: number) => `${n.toFixed(1)}%`}}
      }),
      Plot.ruleX([0])
    ]
  });
}

const CSS = `
.cost-table { font-variant-numeric: tabular-nums; max-width: 100%; display: block; overflow-x: auto; }
.cost-table td { text-align: right; }
.cost-table tr.total th, .cost-table tr.total td { font-weight: 600; }
`;
