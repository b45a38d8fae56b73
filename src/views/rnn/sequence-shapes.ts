// The lecture's four sequence shapes as unrolled drawings: one column per time step, an input
// box below a cell where the step reads an input, an output box above where it writes one.
// Plain SVG built with DOM calls (rows of boxes; Plot has no mark for them).
import {isSequence, sequenceShape, topologyShapes, type SequenceShape, type TopologyShapes} from "../../lib/models/topology-shapes.js";
import {textElement} from "../../ui/tables.js";
import {injectStyle} from "../../ui/inject-style.js";
import {arrowHeadDefs, el} from "./cell-drawing.js";

export interface StepColumn {
  /** "encoder" for the steps of a delayed network that only read. */
  part: "rnn" | "encoder" | "decoder";
  input: string | null;
  output: string | null;
}

const sub = (n: number | "t") => (n === "t" ? "ₜ" : String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]));

/**
 * Which steps read and which write, for `steps` drawn steps (the last stands for step t; a
 * delayed network draws `steps` for its encoder and as many for its decoder).
 */
export function stepColumns(shape: SequenceShape, steps = 4): StepColumn[] {
  const index = (i: number): number | "t" => (i === steps - 1 ? "t" : i + 1);
  const range = Array.from({length: steps}, (_, i) => i);
  switch (shape) {
    case "seq2seq":
      return range.map((i) => ({part: "rnn", input: `x${sub(index(i))}`, output: `y${sub(index(i))}`}));
    case "seq2vec":
      return range.map((i) => ({part: "rnn", input: `x${sub(index(i))}`, output: i === steps - 1 ? "y" : null}));
    case "vec2seq":
      return range.map((i) => ({part: "rnn", input: i === 0 ? "x" : null, output: `y${sub(index(i))}`}));
    case "delayed":
      return [
        ...range.map((i): StepColumn => ({part: "encoder", input: `x${sub(index(i))}`, output: null})),
        ...range.map((i): StepColumn => ({part: "decoder", input: null, output: `y${sub(i === steps - 1 ? "t" : i + 1)}′`}))
      ];
  }
}

let ids = 0;

/** The drawing of one shape; `label` is read by screen readers. */
export function shapeDiagram(shape: SequenceShape, {steps = 4, label}: {steps?: number; label: string}): SVGSVGElement {
  injectStyle("sequence-shapes-style", CSS);
  const columns = stepColumns(shape, steps);
  const column = 46;
  const box = 30;
  const width = 16 + columns.length * column;
  const height = 150;
  const rows = {output: 14, cell: 62, input: 110};
  const marker = `shape-arrow-${++ids}`;
  // Drawn a quarter larger than its coordinates; max-width shrinks it on a phone.
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: width * 1.25,
    height: height * 1.25,
    role: "img",
    class: "sequence-shape"
  });
  svg.setAttribute("aria-label", label);
  svg.append(arrowHeadDefs(marker, {d: "M0,0 L10,5 L0,10 z", class: "arrow-head"}));
  const arrow = (x1: number, y1: number, x2: number, y2: number, dashed = false) =>
    svg.append(el("line", {x1, y1, x2, y2, class: dashed ? "arrow dashed" : "arrow", "marker-end": `url(#${marker})`}));
  columns.forEach((c, i) => {
    const x = 8 + i * column + (column - box) / 2;
    const mid = x + box / 2;
    svg.append(el("rect", {x, y: rows.cell, width: box, height: box, rx: 4, class: `cell ${c.part}`}));
    svg.append(el("text", {x: mid, y: rows.cell + box / 2 + 4, class: "cell-name"}, "A"));
    // The state passes right; dashed into step t, standing for the steps not drawn.
    if (i > 0) arrow(x - (column - box) + 1, rows.cell + box / 2, x - 1, rows.cell + box / 2, i % steps === steps - 1);
    if (c.input) {
      svg.append(el("rect", {x, y: rows.input, width: box, height: box - 6, rx: 3, class: "io input"}));
      svg.append(el("text", {x: mid, y: rows.input + box / 2 + 1, class: "io-name"}, c.input));
      arrow(mid, rows.input - 1, mid, rows.cell + box + 1);
    }
    if (c.output) {
      svg.append(el("rect", {x, y: rows.output, width: box, height: box - 6, rx: 3, class: "io output"}));
      svg.append(el("text", {x: mid, y: rows.output + box / 2 + 1, class: "io-name"}, c.output));
      arrow(mid, rows.cell - 1, mid, rows.output + box - 5);
    }
  });
  if (shape === "delayed") {
    const split = 8 + steps * column;
    svg.append(el("text", {x: split / 2 + 4, y: height - 4, class: "part-name"}, "encoder"));
    svg.append(el("text", {x: split + (steps * column) / 2, y: height - 4, class: "part-name"}, "decoder"));
  }
  return svg;
}

export interface ShapeCardOptions {
  shape: SequenceShape;
  /** The lecture's name for the shape, and its example. */
  title: string;
  lecture: string;
  /** The tensors the reader gives and gets, each with its shape read from model.json. */
  tensors: {role: string; shape: string; meaning: string}[];
  /** The network, e.g. "SimpleRNN of 16 units". */
  network: string;
  page: {title: string; href: string};
  label: string;
}

/** One shape: its drawing, its tensors and its network, and the page where it runs. */
export function shapeCard({shape, title, lecture, tensors, network, page, label}: ShapeCardOptions): HTMLElement {
  const card = document.createElement("section");
  card.className = "card sequence-shape-card";
  card.dataset.shape = shape;
  const heading = document.createElement("h2");
  heading.textContent = title;
  const example = document.createElement("p");
  example.className = "lecture-example";
  example.textContent = lecture;
  const figure = document.createElement("div");
  figure.className = "sequence-shape-figure";
  figure.append(shapeDiagram(shape, {label}));
  const list = document.createElement("dl");
  for (const t of tensors) {
    const term = document.createElement("dt");
    const code = document.createElement("code");
    code.textContent = t.shape;
    term.append(`${t.role} `, code);
    const meaning = document.createElement("dd");
    meaning.textContent = t.meaning;
    list.append(term, meaning);
  }
  const net = document.createElement("p");
  net.textContent = `Network: ${network}.`;
  const link = document.createElement("a");
  link.href = page.href;
  link.textContent = page.title;
  const go = document.createElement("p");
  go.append("Run it: ", link);
  card.append(heading, example, figure, list, net, go);
  return card;
}

// Dashed arrows mark the steps left out between step 3 and step t.
const CSS = `
.sequence-shape { max-width: 100%; height: auto; display: block; }
.sequence-shape .cell { fill: var(--theme-background-alt); stroke: var(--theme-foreground-focus); stroke-width: 1.5; }
.sequence-shape .cell.decoder { stroke-dasharray: 4 2; }
.sequence-shape .io { fill: var(--theme-background); stroke: var(--theme-foreground-muted); }
.sequence-shape .io.output { stroke: var(--theme-foreground-focus); }
.sequence-shape text { fill: var(--theme-foreground); font: 12px var(--sans-serif); text-anchor: middle; }
.sequence-shape .part-name { fill: var(--theme-foreground-muted); font-size: 11px; }
.sequence-shape .arrow { stroke: var(--theme-foreground-muted); stroke-width: 1.2; }
.sequence-shape .arrow.dashed { stroke-dasharray: 2 3; }
.sequence-shape .arrow-head { fill: var(--theme-foreground-muted); }
.sequence-shape-figure { overflow-x: auto; margin: 0.5em 0; }
.sequence-shape-card h2 { margin-top: 0; }
.sequence-shape-card .lecture-example { color: var(--theme-foreground-muted); font-style: italic; }
.sequence-shape-card dl { margin: 0.4em 0; }
.sequence-shape-card dt { margin-top: 0.4em; }
.sequence-shape-card dd { margin: 0 0 0 1em; color: var(--theme-foreground-muted); }
`;

/** The recurrent layers of one or more models, e.g. "a CNN, then GRU of 64 units". */
export function networkDescription(models: readonly TopologyShapes[]): string {
  return models
    .map((m) => (m.recurrent.length ? m.recurrent.map((r) => `${r.cell} of ${r.units} units`).join(", ") : "a CNN"))
    .join(", then ");
}

const SHAPE_NAMES: Record<SequenceShape, string> = {
  seq2seq: "sequence to sequence",
  seq2vec: "sequence to vector",
  vec2seq: "vector to sequence",
  delayed: "delayed sequence to sequence"
};

/** What a screen reader hears for a shape's drawing: where the input is read and the output written. */
export function shapeDiagramLabel(shape: SequenceShape, models: readonly TopologyShapes[]): string {
  const input = models[0].inputs[0].shape;
  const output = models.at(-1)!.outputs[0].shape;
  return `${SHAPE_NAMES[shape]}, unrolled: the input ${isSequence(input) ? "is read at every step" : "is read once"}, the output ${isSequence(output) ? "is written at every step" : "is written once"}${shape === "delayed" ? ", the decoder starting after the encoder's last step" : ""}`;
}

export interface ModelShapeSpec {
  title: string;
  lecture: string;
  page: {title: string; href: string};
  /** The tensors to list, from the models' shapes. */
  tensors: (models: TopologyShapes[]) => ShapeCardOptions["tensors"];
}

/** A shape's card from its saved model.json files, or a message naming what could not be read. */
export function modelShapeCard(spec: ModelShapeSpec, modelJsons: readonly unknown[]): HTMLElement {
  const models: TopologyShapes[] = [];
  for (const json of modelJsons) {
    const read = topologyShapes(json);
    if (!read.ok) return textElement("p", `${spec.title}: ${read.message}`);
    models.push(read.value);
  }
  const shape = sequenceShape(models);
  if (!shape.ok) return textElement("p", `${spec.title}: ${shape.message}`);
  return shapeCard({
    shape: shape.value,
    title: spec.title,
    lecture: spec.lecture,
    tensors: spec.tensors(models),
    network: networkDescription(models),
    page: spec.page,
    label: shapeDiagramLabel(shape.value, models)
  });
}
