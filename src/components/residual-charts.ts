// Pictures for the residual experiment (summary.json of src/data/residual.zip.ts): a plain and
// a residual block side by side, the gradient norm of every layer at one moment and over the
// whole of training, and the training loss of both networks.
import * as Plot from "@observablehq/plot";
import type {GradientProbe, ResidualRun, ResidualSummary} from "./models/residual-net.js";
import type {TrainingPoint} from "./training-chart.js";

const sci = (v: number) => v.toExponential(1);

/** "stem", "1a", "1b", …, "out": short names for the layer axis. */
export function shortLayerName(name: string): string {
  const block = /^block(\d+)_([ab])$/.exec(name);
  return block ? `${block[1]}${block[2]}` : name === "output" ? "out" : name;
}

/** The run's measurement taken at `step`, or the last one before it. */
export function probeAt(run: ResidualRun, step: number): GradientProbe {
  let found = run.probes[0];
  for (const probe of run.probes) if (probe.step <= step) found = probe;
  return found;
}

/** Gradient norm of each weight layer, input (left) to output (right), one line per network, log scale. */
export function gradientByLayer(summary: ResidualSummary, {width = 640, step = 0}: {width?: number; step?: number} = {}) {
  const rows = summary.runs.flatMap((run) => {
    const probe = probeAt(run, step);
    return probe.norms.map((norm, i) => ({network: run.name, layer: i + 1, name: summary.layers[i], norm, step: probe.step}));
  });
  const layers = summary.layers.length;
  const every = width < 560 ? 3 : 1;
  // Every `every`-th layer counted back from the output, and the first.
  const ticks = Array.from({length: layers}, (_, i) => i + 1).filter((i) => i === 1 || ((layers - i) % every === 0 && i > every));
  const described = summary.runs.map((run) => {
    const {norms, step: at} = probeAt(run, step);
    return `${run.name} after ${at} steps: first layer ${sci(norms[0])}, last layer ${sci(norms[norms.length - 1])}`;
  });
  return Plot.plot({
    width,
    height: 300,
    ariaLabel: `Gradient norm by layer, log scale. ${described.join("; ")}`,
    x: {label: "layer (input → output)", domain: [0.5, layers + 0.5], ticks, tickFormat: (i: number) => shortLayerName(summary.layers[i - 1] ?? "")},
    y: {label: "gradient norm (log scale)", type: "log", grid: true, tickFormat: "~e"},
    color: {legend: true, domain: summary.runs.map((r) => r.name)},
    marks: [
      Plot.lineY(rows, {x: "layer", y: "norm", stroke: "network", strokeWidth: 1.8, marker: "dot"}),
      Plot.tip(rows, Plot.pointer({x: "layer", y: "norm", stroke: "network", title: (r: (typeof rows)[number]) => `${r.network}, layer ${r.layer} (${r.name})\nafter ${r.step} steps\ngradient norm ${r.norm.toExponential(2)}`}))
    ]
  });
}

/**
 * Every measurement of every layer over training as colour: one panel per network, output layer
 * at the top, on one shared colour scale so the two can be compared.
 */
export function gradientHeatmap(summary: ResidualSummary, {width = 640}: {width?: number} = {}): HTMLElement {
  const layerNames = summary.layers.map(shortLayerName);
  const all = summary.runs.flatMap((r) => r.probes.flatMap((p) => p.norms));
  const colorDomain: [number, number] = [Math.min(...all), Math.max(...all)];
  const every = width < 560 ? 3 : 1;
  const root = document.createElement("div");
  summary.runs.forEach((run, k) => {
    const rows = run.probes.flatMap((probe, j) => {
      const next = run.probes[j + 1]?.step ?? probe.step + summary.config.probeEvery;
      return probe.norms.map((norm, i) => ({layer: layerNames[i], from: probe.step, to: next, step: probe.step, norm}));
    });
    const norms = run.probes.flatMap((p) => p.norms);
    const heading = document.createElement("div");
    heading.textContent = run.name;
    heading.style.cssText = "font-weight: 600; margin-top: 0.75rem";
    root.append(
      heading,
      Plot.plot({
        width,
        height: 40 + 11 * layerNames.length + (k === 0 ? 50 : 0),
        marginLeft: 44,
        ariaLabel: `Gradient norm of every layer during training, ${run.name}: from ${sci(Math.min(...norms))} to ${sci(Math.max(...norms))}; first layer ${sci(run.probes[0].norms[0])} at step 0 and ${sci(run.probes.at(-1)!.norms[0])} at step ${run.probes.at(-1)!.step}`,
        x: {label: "training step"},
        y: {label: null, padding: 0, domain: [...layerNames].reverse(), tickFormat: (n: string) => (n === "stem" || n === "out" || layerNames.indexOf(n) % every === 0 ? n : "")},
        color: {type: "log", scheme: "viridis", domain: colorDomain, legend: k === 0, label: "gradient norm", tickFormat: "~e"},
        marks: [
          Plot.barX(rows, {x1: "from", x2: "to", y: "layer", fill: "norm", inset: 0, shapeRendering: "crispEdges"}),
          Plot.tip(rows, Plot.pointer({x: "from", y: "layer", title: (r: (typeof rows)[number]) => `${run.name}, layer ${r.layer}, step ${r.step}\ngradient norm ${r.norm.toExponential(2)}`}))
        ]
      })
    );
  });
  return root;
}

/** The training loss of both networks as TrainingPoints, for trainingChart. */
export function lossPoints(summary: ResidualSummary): TrainingPoint[] {
  return summary.runs.flatMap((run) => run.curve.map((p) => ({seen: p.seen, series: run.name, value: p.loss})));
}

const SVG = "http://www.w3.org/2000/svg";

function node(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * A plain block and a residual block, side by side: x → dense → ReLU → dense (→ + x) → ReLU.
 * The shortcut carries x around the two layers unchanged and adds it back.
 */
export function residualBlockDiagram({width = 640}: {width?: number} = {}): SVGSVGElement {
  const W = 460;
  const H = 420;
  const svg = node("svg", {viewBox: `0 0 ${W} ${H}`, width: Math.min(width, 560), role: "img", "aria-label": "A plain block, x → dense → ReLU → dense → ReLU, beside a residual block, where a shortcut carries x around the two dense layers and adds it to their output before the last ReLU: relu(F(x) + x)."}) as SVGSVGElement;
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  svg.style.fontFamily = "var(--sans-serif)";
  const defs = node("defs", {});
  const marker = node("marker", {id: "residual-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse"});
  marker.append(node("path", {d: "M0,0 L10,5 L0,10 z", fill: "currentColor"}));
  defs.append(marker);
  svg.append(defs);
  const steps = [
    {y: 62, label: "dense (64 units)"},
    {y: 122, label: "ReLU"},
    {y: 182, label: "dense (64 units)"}
  ];
  const column = (cx: number, title: string, residual: boolean, formula: string) => {
    const g = node("g", {});
    g.append(node("text", {x: cx, y: 16, "text-anchor": "middle", "font-weight": "bold", "font-size": 15, fill: "currentColor"}, title));
    g.append(node("text", {x: cx, y: 40, "text-anchor": "middle", "font-size": 14, fill: "currentColor", "font-style": "italic"}, "x"));
    const line = (y1: number, y2: number) => g.append(node("line", {x1: cx, x2: cx, y1, y2, stroke: "currentColor", "stroke-width": 1.5, "marker-end": "url(#residual-arrow)"}));
    line(45, steps[0].y - 14);
    steps.forEach((s, i) => {
      g.append(node("rect", {x: cx - 62, y: s.y - 14, width: 124, height: 28, rx: 5, fill: "var(--theme-background-alt)", stroke: "currentColor"}));
      g.append(node("text", {x: cx, y: s.y + 5, "text-anchor": "middle", "font-size": 13, fill: "currentColor"}, s.label));
      if (i < steps.length - 1) line(s.y + 14, steps[i + 1].y - 14);
    });
    const plus = 248;
    if (residual) {
      line(steps[2].y + 14, plus - 13);
      g.append(node("circle", {cx, cy: plus, r: 13, fill: "var(--theme-background-alt)", stroke: "var(--theme-foreground-focus)", "stroke-width": 2}));
      g.append(node("text", {x: cx, y: plus + 6, "text-anchor": "middle", "font-size": 18, fill: "currentColor"}, "+"));
      // The shortcut: from x, around the two layers, into the sum.
      const right = cx + 92;
      g.append(node("path", {d: `M${cx},50 L${right - 8},50 Q${right},50 ${right},58 L${right},${plus - 8} Q${right},${plus} ${right - 8},${plus} L${cx + 15},${plus}`, fill: "none", stroke: "var(--theme-foreground-focus)", "stroke-width": 2.5, "marker-end": "url(#residual-arrow)"}));
      g.append(node("text", {x: right + 6, y: 150, "font-size": 13, fill: "currentColor", transform: `rotate(90 ${right + 6} 150)`, "text-anchor": "middle"}, "identity: x"));
      g.append(node("text", {x: cx - 70, y: 226, "font-size": 13, fill: "currentColor", "text-anchor": "end", "font-style": "italic"}, "F(x)"));
      line(plus + 13, 300);
    } else {
      line(steps[2].y + 14, 300);
    }
    g.append(node("rect", {x: cx - 62, y: 300, width: 124, height: 28, rx: 5, fill: "var(--theme-background-alt)", stroke: "currentColor"}));
    g.append(node("text", {x: cx, y: 319, "text-anchor": "middle", "font-size": 13, fill: "currentColor"}, "ReLU"));
    line(328, 362);
    g.append(node("text", {x: cx, y: 384, "text-anchor": "middle", "font-size": 14, fill: "currentColor", "font-style": "italic"}, formula));
    svg.append(g);
  };
  column(100, "Plain block", false, "relu(F(x))");
  column(320, "Residual block", true, "relu(F(x) + x)");
  const caption = node("text", {x: W / 2, y: 412, "text-anchor": "middle", "font-size": 12, fill: "currentColor", opacity: 0.8}, "F: dense → ReLU → dense; the sum has no weights");
  svg.append(caption);
  return svg;
}
