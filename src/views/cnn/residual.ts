// Pictures for the residual experiment (summary.json of src/data/residual.zip.ts): a plain and
// a residual block side by side, the gradient norm of every layer at one moment and over the
// whole of training, and the training loss of both networks.
import * as Plot from "@observablehq/plot";
import type {GradientProbe, ResidualRun, ResidualSummary} from "../../lib/models/residual-net.js";
import type {TrainingPoint} from "../../ui/training-chart.js";

const sci = (v: number) => v.toExponential(1);

/** "stem", "1a", "1b", …, "out": short names for the layer axis. */
export function shortLayerName(name: string): string {
  const block = /^block(\d+)_([ab])$/.exec(name);
  return block ? `${block[1]}${block[2]}` : name === "output" ? "out" : name;
}

/** The run's measurement taken at `step`, or the last one before it. */
export function probeAt(run: Pick<ResidualRun, "probes">, step: number): GradientProbe {
  let found = run.probes[0];
  for (const probe of run.probes) if (probe.step <= step) found = probe;
  return found;
}

/** Gradient norm of each weight layer, input (left) to output (right), one line per network, log scale. */
/** What gradientByLayer draws: the build-time summary, or a run in the page with the same fields. */
export type GradientRuns = Pick<ResidualSummary, "layers"> & {runs: Pick<ResidualRun, "name" | "probes">[]};

export function gradientByLayer(summary: GradientRuns, {width = 640, step = 0}: {width?: number; step?: number} = {}) {
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
  // One axis for every step (all measurements' range), so moving through training moves the lines, not the axis.
  const all = summary.runs.flatMap((r) => r.probes.flatMap((p) => p.norms)).filter((n) => n > 0);
  const domain = [Math.min(...all), Math.max(...all)];
  const decades = Array.from(
    {length: Math.floor(Math.log10(domain[1])) - Math.ceil(Math.log10(domain[0])) + 1},
    (_, k) => 10 ** (Math.ceil(Math.log10(domain[0])) + k)
  );
  return Plot.plot({
    width,
    height: 300,
    ariaLabel: `Gradient norm by layer, log scale. ${described.join("; ")}`,
    x: {
      label: "layer (input → output)",
      domain: [0.5, layers + 0.5],
      ticks,
      tickFormat: (i: number) => shortLayerName(summary.layers[i - 1] ?? "")
    },
    y: {
      label: "gradient norm (log scale)",
      type: "log",
      domain,
      nice: true,
      grid: true,
      ticks: decades.length >= 2 ? decades : undefined,
      tickFormat: (v: number) => v.toExponential(0)
    },
    color: {legend: true, domain: summary.runs.map((r) => r.name)},
    marks: [
      Plot.lineY(rows, {x: "layer", y: "norm", stroke: "network", strokeWidth: 1.8, marker: "dot"}),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "layer",
          y: "norm",
          stroke: "network",
          title: (r: (typeof rows)[number]) =>
            `${r.network}, layer ${r.layer} (${r.name})\nafter ${r.step} steps\ngradient norm ${r.norm.toExponential(2)}`
        })
      )
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
        y: {
          label: null,
          padding: 0,
          domain: [...layerNames].reverse(),
          tickFormat: (n: string) => (n === "stem" || n === "out" || layerNames.indexOf(n) % every === 0 ? n : "")
        },
        color: {type: "log", scheme: "viridis", domain: colorDomain, legend: k === 0, label: "gradient norm", tickFormat: "~e"},
        marks: [
          Plot.barX(rows, {x1: "from", x2: "to", y: "layer", fill: "norm", inset: 0, shapeRendering: "crispEdges"}),
          Plot.tip(
            rows,
            Plot.pointer({
              x: "from",
              y: "layer",
              title: (r: (typeof rows)[number]) => `${run.name}, layer ${r.layer}, step ${r.step}\ngradient norm ${r.norm.toExponential(2)}`
            })
          )
        ]
      })
    );
  });
  return root;
}

/** The training loss of both networks as TrainingPoints, for trainingChart. */
export function lossPoints(summary: {runs: Pick<ResidualRun, "name" | "curve">[]}): TrainingPoint[] {
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
 * A plain block and a residual block: x → dense → ReLU → dense (→ + x) → ReLU. The shortcut
 * carries x around the two layers unchanged and adds it back. Two drawings side by side, one
 * above the other on a phone (each stays large enough to read).
 */
export function residualBlockDiagram({width = 640, units = 64}: {width?: number; units?: number} = {}): HTMLElement {
  const root = document.createElement("figure");
  root.style.cssText = "margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; justify-content: center";
  const size = Math.min(280, width);
  root.append(
    blockDrawing(false, {
      size,
      units,
      label: `A plain block: x → dense (${units} units) → ReLU → dense → ReLU, so its output is relu(F(x)).`
    }),
    blockDrawing(true, {
      size,
      units,
      label: `A residual block: the same layers, and a shortcut that carries x around the two dense layers and adds it to their output F(x) before the last ReLU: relu(F(x) + x).`
    })
  );
  const caption = document.createElement("figcaption");
  caption.style.cssText = "flex-basis: 100%; text-align: center; font-size: smaller";
  caption.textContent = "F: dense → ReLU → dense. The sum (+) has no weights.";
  root.append(caption);
  return root;
}

function blockDrawing(residual: boolean, {size, units, label}: {size: number; units: number; label: string}): SVGSVGElement {
  const W = 240;
  const H = 400;
  const cx = 100;
  const id = residual ? "residual-arrow" : "plain-arrow";
  const svg = node("svg", {viewBox: `0 0 ${W} ${H}`, width: size, role: "img", "aria-label": label}) as SVGSVGElement;
  svg.style.cssText = "max-width: 100%; height: auto; font-family: var(--sans-serif)";
  // Arrowheads in drawing units, so the thicker shortcut gets the same head as the thin arrows.
  const marker = node("marker", {
    id,
    viewBox: "0 0 10 10",
    refX: 9,
    refY: 5,
    markerWidth: 10,
    markerHeight: 10,
    markerUnits: "userSpaceOnUse",
    orient: "auto-start-reverse"
  });
  marker.append(node("path", {d: "M0,0 L10,5 L0,10 z", fill: "currentColor"}));
  const defs = node("defs", {});
  defs.append(marker);
  svg.append(defs);
  const text = (x: number, y: number, content: string, extra: Record<string, string | number> = {}) =>
    svg.append(node("text", {x, y, "text-anchor": "middle", "font-size": 14, fill: "currentColor", ...extra}, content));
  const arrow = (y1: number, y2: number) =>
    svg.append(node("line", {x1: cx, x2: cx, y1, y2, stroke: "currentColor", "stroke-width": 1.5, "marker-end": `url(#${id})`}));
  const box = (y: number, content: string) => {
    svg.append(
      node("rect", {x: cx - 66, y: y - 15, width: 132, height: 30, rx: 5, fill: "var(--theme-background-alt)", stroke: "currentColor"})
    );
    text(cx, y + 5, content);
  };
  text(cx, 18, residual ? "Residual block" : "Plain block", {"font-weight": "bold", "font-size": 16});
  text(cx, 44, "x", {"font-style": "italic"});
  const rows = [72, 132, 192];
  arrow(49, rows[0] - 15);
  box(rows[0], `dense (${units} units)`);
  arrow(rows[0] + 15, rows[1] - 15);
  box(rows[1], "ReLU");
  arrow(rows[1] + 15, rows[2] - 15);
  box(rows[2], `dense (${units} units)`);
  const plus = 256;
  const last = 310;
  if (residual) {
    arrow(rows[2] + 15, plus - 14);
    text(cx - 10, 236, "F(x)", {"text-anchor": "end", "font-style": "italic"});
    svg.append(
      node("circle", {cx, cy: plus, r: 14, fill: "var(--theme-background-alt)", stroke: "var(--theme-foreground-focus)", "stroke-width": 2})
    );
    text(cx, plus + 6, "+", {"font-size": 20});
    // The shortcut: from x, around the two layers, into the sum.
    const right = cx + 100;
    svg.append(
      node("path", {
        d: `M${cx},54 L${right - 8},54 Q${right},54 ${right},62 L${right},${plus - 8} Q${right},${plus} ${right - 8},${plus} L${cx + 16},${plus}`,
        fill: "none",
        stroke: "var(--theme-foreground-focus)",
        "stroke-width": 2.5,
        "marker-end": `url(#${id})`
      })
    );
    text(right + 8, 155, "identity: x", {transform: `rotate(90 ${right + 8} 155)`});
    arrow(plus + 14, last - 15);
  } else {
    arrow(rows[2] + 15, last - 15);
  }
  box(last, "ReLU");
  arrow(last + 15, 352);
  text(cx, 376, residual ? "relu(F(x) + x)" : "relu(F(x))", {"font-style": "italic", "font-size": 15});
  return svg;
}
