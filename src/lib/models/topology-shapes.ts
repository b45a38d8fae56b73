// The input and output tensor shapes of a saved tfjs layers model, read from its model.json
// topology without tfjs (the sequence-shapes page loads no weights). Shapes keep Keras's
// convention: the first axis is the batch, and null marks an axis of any length; for a
// recurrent model a null after the batch axis is time. Covers the layers this site's
// recurrent models use; anything else is named in the message.
import {fail, ok, type Result} from "../core/result.js";

export type Shape = readonly (number | null)[];

export interface NamedShape {
  name: string;
  shape: Shape;
}

export interface RecurrentLayer {
  name: string;
  cell: "SimpleRNN" | "LSTM" | "GRU";
  units: number;
}

export interface TopologyShapes {
  inputs: NamedShape[];
  outputs: NamedShape[];
  /** The recurrent layers, in order. */
  recurrent: RecurrentLayer[];
}

interface LayerJson {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
  inbound_nodes?: [string, number, number, unknown][][];
}

const RECURRENT = ["SimpleRNN", "LSTM", "GRU"] as const;

/** Shapes of a model.json (the whole file, or its modelTopology). */
export function topologyShapes(modelJson: unknown): Result<TopologyShapes> {
  const json = modelJson as {modelTopology?: unknown} | null;
  const topology = (json && typeof json === "object" && "modelTopology" in json ? json.modelTopology : json) as {
    class_name?: string;
    config?: {layers?: LayerJson[]; input_layers?: [string, number, number][]; output_layers?: [string, number, number][]};
  } | null;
  const layers = topology?.config?.layers;
  if (!Array.isArray(layers) || layers.length === 0) return fail("The model file has no layers (expected a tfjs layers model.json).");
  const recurrent: RecurrentLayer[] = layers
    .filter((l) => (RECURRENT as readonly string[]).includes(l.class_name))
    .map((l) => ({name: layerName(l), cell: l.class_name as RecurrentLayer["cell"], units: l.config.units as number}));
  if (topology?.class_name === "Sequential") {
    const first = layers[0].config.batch_input_shape as Shape | undefined;
    if (!Array.isArray(first)) return fail(`The first layer (${layerName(layers[0])}) has no input shape.`);
    let shapes: Shape[] = [first];
    for (const layer of layers) {
      const next = layerOutputs(layer, shapes);
      if (!next.ok) return next;
      shapes = next.value;
    }
    return ok({
      inputs: [{name: layerName(layers[0]), shape: first}],
      outputs: [{name: layerName(layers.at(-1) as LayerJson), shape: shapes[0]}],
      recurrent
    });
  }
  // A functional model: layers are listed inputs first, each after the layers it reads.
  const outputsOf = new Map<string, Shape[]>();
  for (const layer of layers) {
    const inbound = layer.inbound_nodes?.[0] ?? [];
    const inputs: Shape[] = [];
    for (const [source, , tensor] of inbound) {
      const shape = outputsOf.get(source)?.[tensor];
      if (!shape) return fail(`Layer ${layerName(layer)} reads ${source}, which comes later or does not exist.`);
      inputs.push(shape);
    }
    const next = layerOutputs(layer, inputs);
    if (!next.ok) return next;
    outputsOf.set(layerName(layer), next.value);
  }
  const pick = (refs: [string, number, number][] | undefined): NamedShape[] =>
    (refs ?? []).map(([name, , tensor]) => ({name, shape: outputsOf.get(name)?.[tensor] as Shape}));
  const inputs = pick(topology?.config?.input_layers);
  const outputs = pick(topology?.config?.output_layers);
  if ([...inputs, ...outputs].some((s) => !s.shape)) return fail("The model names an input or output layer it does not have.");
  return ok({inputs, outputs, recurrent});
}

const layerName = (layer: LayerJson): string => layer.name ?? (layer.config.name as string);

/** Every output of one layer, given the shapes it reads. */
function layerOutputs(layer: LayerJson, inputs: Shape[]): Result<Shape[]> {
  const c = layer.config;
  const name = layerName(layer);
  if (layer.class_name === "InputLayer") return ok([c.batch_input_shape as Shape]);
  const x = inputs[0];
  if (!x) return fail(`Layer ${name} has no input.`);
  const [batch, ...rest] = x;
  switch (layer.class_name) {
    case "Embedding":
      return ok([[...x, c.output_dim as number]]);
    case "Dense":
      return ok([[...x.slice(0, -1), c.units as number]]);
    case "Dropout":
    case "Activation":
      return ok([x]);
    case "Flatten":
      return ok([[batch, rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1)]]);
    case "Conv2D":
      return window(name, x, c.kernel_size as number[], c.strides as number[], c.padding as string, c.filters as number);
    case "MaxPooling2D":
    case "AveragePooling2D":
      return window(name, x, c.pool_size as number[], (c.strides as number[]) ?? (c.pool_size as number[]), c.padding as string, x[3]);
    case "SimpleRNN":
    case "LSTM":
    case "GRU": {
      if (x.length !== 3) return fail(`Layer ${name} (${layer.class_name}) needs a [batch, time, features] input, got rank ${x.length}.`);
      const units = c.units as number;
      const main: Shape = c.return_sequences ? [batch, x[1], units] : [batch, units];
      const states = c.return_state ? (layer.class_name === "LSTM" ? 2 : 1) : 0;
      return ok([main, ...Array.from({length: states}, (): Shape => [batch, units])]);
    }
    default:
      return fail(`Layer ${name} is a ${layer.class_name}, which this page cannot follow.`);
  }
}

/** Conv and pooling arithmetic (channels last): "same" gives ceil(n / s), "valid" floor((n − k) / s) + 1. */
function window(name: string, x: Shape, kernel: number[], strides: number[], padding: string, channels: number | null): Result<Shape[]> {
  if (x.length !== 4) return fail(`Layer ${name} needs an image-shaped input [batch, height, width, channels].`);
  const side = (n: number | null, i: number) =>
    n === null ? null : padding === "same" ? Math.ceil(n / strides[i]) : Math.floor((n - kernel[i]) / strides[i]) + 1;
  return ok([[x[0], side(x[1], 0), side(x[2], 1), channels]]);
}

/** Whether a shape is a sequence: an axis of any length after the batch axis. */
export function isSequence(shape: Shape): boolean {
  return shape.slice(1).includes(null);
}

export type SequenceShape = "seq2seq" | "seq2vec" | "vec2seq" | "delayed";

/**
 * The lecture's name for what a network does, from its real shapes: the input the reader gives
 * (the first model's first input) and the output the reader gets (the last model's first output).
 * With two models (an encoder, then a decoder started from its state), a sequence read to the end
 * before any output is written is the delayed shape.
 */
export function sequenceShape(models: readonly TopologyShapes[]): Result<SequenceShape> {
  if (models.length === 0) return fail("No model given.");
  const input = models[0].inputs[0]?.shape;
  const output = models.at(-1)?.outputs[0]?.shape;
  if (!input || !output) return fail("A model has no inputs or outputs.");
  const inSeq = isSequence(input);
  const outSeq = isSequence(output);
  if (inSeq && outSeq) return ok(models.length > 1 ? "delayed" : "seq2seq");
  if (inSeq) return ok("seq2vec");
  if (outSeq) return ok("vec2seq");
  return fail("Neither the input nor the output is a sequence: this is not a recurrent network's shape.");
}

/** A shape for reading: null axes named (batch first, then time), e.g. [batch, T, 1]. */
export function shapeLabel(shape: Shape, time = "T"): string {
  return `[${shape.map((d, i) => (d !== null ? String(d) : i === 0 ? "batch" : time)).join(", ")}]`;
}
