// How far a neuron deep in a CNN "sees", and why convolutional layers need so few weights.
// One axis at a time (call twice for a non-square image); padding follows conv.ts, so 'same'
// puts the odd zero on the bottom/right exactly as tfjs does.

import {planAxis, type AxisPadding} from "./conv.js";
import {checkInteger, fail, ok, type Result} from "../core/result.js";

export interface LayerSpec {
  /** Shown in tables; pooling and convolution grow the field the same way. */
  name?: string;
  kind?: "conv" | "pool";
  kernel: number;
  /** Defaults to 1 for conv and to the kernel for pool (as in Keras). */
  stride?: number;
  padding?: AxisPadding;
  dilation?: number;
}

/** The state after the input or after one layer, along one axis. */
export interface FieldStep {
  readonly layer: LayerSpec | null;
  /** Feature-map length. */
  readonly size: number;
  /** Receptive field of one neuron, in input pixels (padding included). */
  readonly field: number;
  /** Input pixels between neighbouring neurons: the product of the strides so far. */
  readonly jump: number;
  /** Input coordinate of the centre of neuron 0's field (pixel centres are 0, 1, …; may be negative or fractional). */
  readonly start: number;
}

/**
 * Receptive-field arithmetic through a stack of layers: each layer widens the field by
 * (effective kernel − 1) × the jump so far, multiplies the jump by its stride, and shifts the
 * first centre by its left padding. Returns the input step followed by one step per layer.
 */
export function receptiveFieldGrowth(inputSize: number, layers: readonly LayerSpec[]): Result<FieldStep[]> {
  const problem = checkInteger("Input size", inputSize, 1);
  if (problem) return fail(problem);
  const steps: FieldStep[] = [{layer: null, size: inputSize, field: 1, jump: 1, start: 0}];
  for (const [i, layer] of layers.entries()) {
    const prev = steps[steps.length - 1];
    const {kernel, kind = "conv", padding = "valid", dilation = 1} = layer;
    const stride = layer.stride ?? (kind === "pool" ? kernel : 1);
    const plan = planAxis(prev.size, kernel, stride, padding, dilation);
    if (!plan.ok) return fail(`Layer ${i + 1}${layer.name ? ` (${layer.name})` : ""}: ${plan.message}`);
    const {effectiveKernel, padBefore, output} = plan.value;
    steps.push({
      layer,
      size: output,
      field: prev.field + (effectiveKernel - 1) * prev.jump,
      jump: prev.jump * stride,
      start: prev.start + ((effectiveKernel - 1) / 2 - padBefore) * prev.jump
    });
  }
  return ok(steps);
}

/** First and last input pixel in neuron `index`'s field (either may fall in the padding). */
export function fieldSpan(step: FieldStep, index: number): readonly [number, number] {
  const centre = step.start + index * step.jump;
  const half = (step.field - 1) / 2;
  return [centre - half, centre + half];
}

/**
 * The input pixels that actually reach neuron `index` of the last layer: the field minus what
 * falls in padding and minus the gaps a dilation, or a stride longer than its kernel, leaves.
 * For highlighting; fieldSpan is the textbook number.
 */
export function fieldPixels(inputSize: number, layers: readonly LayerSpec[], index: number): Result<number[]> {
  const steps = receptiveFieldGrowth(inputSize, layers);
  if (!steps.ok) return steps;
  const last = steps.value[steps.value.length - 1];
  const problem = checkInteger("Neuron index", index, 0) ?? (index >= last.size ? `Neuron ${index} is outside 0…${last.size - 1}.` : null);
  if (problem) return fail(problem);
  let cells = new Set([index]);
  for (let i = layers.length - 1; i >= 0; i--) {
    const {kernel, kind = "conv", padding = "valid", dilation = 1} = layers[i];
    const stride = layers[i].stride ?? (kind === "pool" ? kernel : 1);
    const below = steps.value[i].size;
    const plan = planAxis(below, kernel, stride, padding, dilation);
    if (!plan.ok) return plan; // cannot happen: receptiveFieldGrowth accepted the same plan
    const next = new Set<number>();
    for (const o of cells) {
      for (let t = 0; t < kernel; t++) {
        const p = o * stride - plan.value.padBefore + t * dilation;
        if (p >= 0 && p < below) next.add(p);
      }
    }
    cells = next;
  }
  return ok([...cells].sort((a, b) => a - b));
}

// ---------------------------------------------------------------------------------------------
// The lecture's argument: a fully connected first layer on a 100×100 image with 1,000 neurons
// already has 10 million connections; a convolutional layer shares one small filter everywhere.

export interface LayerCount {
  /** Weights + biases: what training must learn. */
  readonly parameters: number;
  /** Input-to-neuron links (weights used), counted as textbooks do: every tap, padding included. */
  readonly connections: number;
  /** Neurons in the layer. */
  readonly neurons: number;
}

export function fullyConnectedCount({
  height,
  width,
  channels = 1,
  neurons,
  bias = true
}: {
  height: number;
  width: number;
  channels?: number;
  neurons: number;
  bias?: boolean;
}): Result<LayerCount> {
  const problem =
    checkInteger("Image height", height, 1) ??
    checkInteger("Image width", width, 1) ??
    checkInteger("Channels", channels, 1) ??
    checkInteger("Neurons", neurons, 1);
  if (problem) return fail(problem);
  const connections = height * width * channels * neurons;
  return ok({connections, parameters: connections + (bias ? neurons : 0), neurons});
}

export interface ConvLayerCount extends LayerCount {
  readonly outputShape: readonly [number, number, number];
  /** Inputs each neuron sees: k·k·channels. */
  readonly fanIn: number;
}

/** A conv layer of `filters` k×k filters: parameters do not depend on the image size, connections do. */
export function convLayerCount({
  height,
  width,
  channels = 1,
  kernel,
  filters,
  stride = 1,
  padding = "same",
  bias = true
}: {
  height: number;
  width: number;
  channels?: number;
  kernel: number;
  filters: number;
  stride?: number;
  padding?: AxisPadding;
  bias?: boolean;
}): Result<ConvLayerCount> {
  const problem = checkInteger("Channels", channels, 1) ?? checkInteger("Filters", filters, 1);
  if (problem) return fail(problem);
  const rows = planAxis(height, kernel, stride, padding, 1, "height");
  if (!rows.ok) return rows;
  const cols = planAxis(width, kernel, stride, padding, 1, "width");
  if (!cols.ok) return cols;
  const fanIn = kernel * kernel * channels;
  const neurons = rows.value.output * cols.value.output * filters;
  return ok({
    parameters: (fanIn + (bias ? 1 : 0)) * filters,
    connections: neurons * fanIn,
    neurons,
    fanIn,
    outputShape: [rows.value.output, cols.value.output, filters]
  });
}
