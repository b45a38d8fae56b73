// Receptive fields growing through a stack of layers, drawn along one axis: every neuron of every
// layer at the centre of its own field, and the cone of neurons (with their links) that feed one
// chosen neuron of the top layer. The arithmetic is receptive-field.ts.

import * as Plot from "@observablehq/plot";
import {planAxis} from "../../lib/cnn/conv.js";
import {fieldPixels, fieldSpan, receptiveFieldGrowth, type FieldStep, type LayerSpec} from "../../lib/cnn/receptive-field.js";
import {ok, type Result} from "../../lib/core/result.js";

/** `convLayers` conv layers of one kernel size and stride, each optionally followed by a 2×2 pool. */
export function layerStack({
  convLayers,
  kernel,
  stride = 1,
  pool = false
}: {
  convLayers: number;
  kernel: number;
  stride?: number;
  pool?: boolean;
}): LayerSpec[] {
  return Array.from({length: convLayers}, (_, i) => [
    {name: `conv ${i + 1}`, kind: "conv" as const, kernel, stride},
    ...(pool ? [{name: `pool ${i + 1}`, kind: "pool" as const, kernel: 2, stride: 2}] : [])
  ]).flat();
}

export interface DiagramNeuron {
  /** 0 is the input. */
  readonly level: number;
  readonly index: number;
  /** Centre of its field, in input pixels. */
  readonly x: number;
  /** Feeds the chosen top neuron. */
  readonly inCone: boolean;
}

export interface FieldDiagram {
  readonly steps: FieldStep[];
  readonly neurons: DiagramNeuron[];
  /** Links from a cone neuron to each cone neuron below it that it reads. */
  readonly links: {x1: number; y1: number; x2: number; y2: number}[];
  readonly top: number;
  /** The chosen neuron's field in input pixels: [first, last]. */
  readonly span: readonly [number, number];
}

/** Everything the chart draws, for neuron `top` of the last layer. */
export function fieldDiagram(inputSize: number, layers: readonly LayerSpec[], top: number): Result<FieldDiagram> {
  const growth = receptiveFieldGrowth(inputSize, layers);
  if (!growth.ok) return growth;
  const steps = growth.value;
  const last = steps.length - 1;
  const index = Math.max(0, Math.min(steps[last].size - 1, top));
  // The cone at each level: the cells of that level that reach the top neuron through the layers above.
  const cones: Set<number>[] = [];
  for (let level = 0; level <= last; level++) {
    const cells = fieldPixels(steps[level].size, layers.slice(level), index);
    if (!cells.ok) return cells;
    cones.push(new Set(cells.value));
  }
  const x = (level: number, i: number) => steps[level].start + i * steps[level].jump;
  const neurons: DiagramNeuron[] = steps.flatMap((step, level) =>
    Array.from({length: step.size}, (_, i) => ({level, index: i, x: x(level, i), inCone: cones[level].has(i)}))
  );
  const links: FieldDiagram["links"] = [];
  layers.forEach((layer, l) => {
    const {kernel, kind = "conv", padding = "valid", dilation = 1} = layer;
    const stride = layer.stride ?? (kind === "pool" ? kernel : 1);
    const plan = planAxis(steps[l].size, kernel, stride, padding, dilation);
    if (!plan.ok) return; // cannot happen: receptiveFieldGrowth accepted it
    for (const o of cones[l + 1]) {
      for (let t = 0; t < kernel; t++) {
        const p = o * stride - plan.value.padBefore + t * dilation;
        if (cones[l].has(p)) links.push({x1: x(l + 1, o), y1: l + 1, x2: x(l, p), y2: l});
      }
    }
  });
  return ok({steps, neurons, links, top: index, span: fieldSpan(steps[last], index)});
}

const levelName = (step: FieldStep, short: boolean) =>
  !step.layer
    ? "input"
    : short
      ? (step.layer.name ?? step.layer.kind ?? "")
      : `${step.layer.name ?? step.layer.kind} (${step.layer.kernel}×${step.layer.kernel})`;

/** The stack drawn bottom (input) to top, the cone in the focus colour. */
export function fieldGrowthChart(d: FieldDiagram, {width = 640} = {}): SVGSVGElement | HTMLElement {
  const levels = d.steps.length;
  const size = d.steps[0].size;
  const r = Math.max(1.5, Math.min(5, (width - 160) / size / 2.6));
  const cone = d.neurons.filter((n) => n.inCone);
  const last = d.steps[levels - 1];
  const narrow = width < 520;
  return Plot.plot({
    width,
    height: 50 + levels * 46,
    marginLeft: narrow ? 72 : 130,
    marginRight: 20,
    ariaLabel: `Receptive field of neuron ${d.top + 1} of the top layer: ${last.field} input pixels, ${d.span[0] + 1} to ${d.span[1] + 1}`,
    // Pixels are numbered from 1 on the axis, as in the page's text.
    x: {domain: [0, size + 1], label: "pixel of the input row", ticks: size > 40 ? 8 : Math.min(size, 14)},
    y: {domain: [-0.7, levels - 0.5], axis: null},
    marks: [
      // The chosen neuron's field on the input, as a band.
      Plot.rectX([d.span], {
        x1: (s) => s[0] + 0.5,
        x2: (s) => s[1] + 1.5,
        y1: -0.6,
        y2: -0.2,
        fill: "var(--theme-foreground-focus)",
        fillOpacity: 0.35
      }),
      Plot.text([d.span], {
        x: (s) => (s[0] + s[1]) / 2 + 1,
        y: -0.4,
        text: () => `field: ${last.field} pixels`,
        fill: "currentColor",
        fontSize: 11
      }),
      Plot.link(d.links, {
        x1: (l) => l.x1 + 1,
        y1: "y1",
        x2: (l) => l.x2 + 1,
        y2: "y2",
        stroke: "var(--theme-foreground-focus)",
        strokeOpacity: 0.45
      }),
      Plot.dot(d.neurons, {x: (n) => n.x + 1, y: "level", r, fill: "var(--theme-foreground-faint)"}),
      Plot.dot(cone, {x: (n) => n.x + 1, y: "level", r, fill: "var(--theme-foreground-focus)"}),
      Plot.text(d.steps, {
        x: 0,
        y: (_: FieldStep, i: number) => i,
        text: (s: FieldStep) => `${levelName(s, narrow)}: ${s.size}`,
        textAnchor: "end",
        dx: -8,
        fill: "currentColor",
        fontSize: 11
      })
    ]
  });
}
