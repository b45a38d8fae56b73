// A sequential CNN as plain data: what the "Assemble a CNN" page edits, what build-time training
// loaders read from JSON, and what `buildCnn` turns into a tfjs model. The shapes and parameter
// counts come from a pure function (no tfjs), so a page updates its table on every keystroke and
// only builds a model when it needs one; a test checks both agree with tfjs.
//
// Conventions follow Keras/tfjs: images HWC; 'same' padding gives ceil(in / stride); a conv
// layer has kh·kw·in·filters weights plus one bias per filter; pooling's stride defaults to its
// size; a dense layer needs a flat input (put a flatten layer first).

import {planWindow, type Pair} from "../cnn/conv.js";
import {checkInteger, fail, ok, show, unwrap, type Result} from "../core/result.js";
import type {TF} from "../core/tf-types.js";

export type Activation = "relu" | "tanh" | "sigmoid" | "linear" | "softmax";
export const ACTIVATIONS: readonly Activation[] = ["relu", "tanh", "sigmoid", "linear", "softmax"];

export interface ConvLayer {
  type: "conv";
  filters: number;
  /** Kernel height and width (one number for square). */
  kernel: Pair;
  /** Default 1. */
  stride?: Pair;
  /** Default "valid". */
  padding?: "valid" | "same";
  /** Default "relu". */
  activation?: Activation;
}

export interface PoolLayer {
  type: "pool";
  mode: "max" | "avg";
  size: Pair;
  /** Default: the size (windows that do not overlap). */
  stride?: Pair;
  /** Default "valid". */
  padding?: "valid" | "same";
}

export interface FlattenLayer {
  type: "flatten";
}

export interface DenseLayer {
  type: "dense";
  units: number;
  /** Default "relu". */
  activation?: Activation;
}

export interface DropoutLayer {
  type: "dropout";
  /** Fraction of inputs zeroed during training, in [0, 1). */
  rate: number;
}

export type LayerDescription = ConvLayer | PoolLayer | FlattenLayer | DenseLayer | DropoutLayer;

/** Plain JSON: safe to store, send to a worker, or write next to trained weights. */
export interface CnnDescription {
  name?: string;
  /** Height, width, channels of one input image. */
  input: readonly [number, number, number];
  layers: readonly LayerDescription[];
}

/** What one layer does to the shape, and what it costs. */
export interface LayerSummary {
  /** Unique within the model; buildCnn gives the tfjs layer the same name. */
  readonly name: string;
  readonly layer: LayerDescription;
  readonly inputShape: readonly number[];
  /** Without the batch axis: [h, w, c] or [units]. */
  readonly outputShape: readonly number[];
  readonly weights: number;
  readonly biases: number;
  /** weights + biases */
  readonly params: number;
  /** How the count is made, e.g. "5·5·1·6 + 6"; "" for layers without parameters. */
  readonly formula: string;
}

export interface CnnSummary {
  readonly input: readonly number[];
  readonly layers: readonly LayerSummary[];
  readonly totalParams: number;
  readonly outputShape: readonly number[];
}

/**
 * LeNet-5 (LeCun et al. 1998) adapted to MNIST's 28×28 images: C1's 'same' padding stands in
 * for the original's 32×32 zero-padded input (both give 28×28×6); C5, a 5×5 convolution over a
 * 5×5 map, is the dense layer of 120 units it is equivalent to (same 48,120 parameters); ReLU
 * replaces the scaled tanh, plain average pooling the trainable subsampling, and a softmax the
 * RBF output units.
 */
export const LENET5: CnnDescription = {
  name: "LeNet-5",
  input: [28, 28, 1],
  layers: [
    {type: "conv", filters: 6, kernel: 5, padding: "same", activation: "relu"},
    {type: "pool", mode: "avg", size: 2},
    {type: "conv", filters: 16, kernel: 5, padding: "valid", activation: "relu"},
    {type: "pool", mode: "avg", size: 2},
    {type: "flatten"},
    {type: "dense", units: 120, activation: "relu"},
    {type: "dense", units: 84, activation: "relu"},
    {type: "dense", units: 10, activation: "softmax"}
  ]
};

const pair = (p: Pair): readonly [number, number] => (typeof p === "number" ? [p, p] : p);
const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
const SHORT: Record<LayerDescription["type"], string> = {
  conv: "conv",
  pool: "pool",
  flatten: "flatten",
  dense: "dense",
  dropout: "dropout"
};

/** Layer names as the table and the tfjs model show them: conv1, pool1, conv2, …, dense3. */
export function layerNames(layers: readonly LayerDescription[]): string[] {
  const seen = new Map<string, number>();
  return layers.map((l) => {
    const short = SHORT[l?.type] ?? "layer";
    const n = (seen.get(short) ?? 0) + 1;
    seen.set(short, n);
    return `${short}${n}`;
  });
}

/**
 * The shape after every layer and the parameters of each, or the first problem found (named by
 * layer, ready to show a reader). Accepts anything, so a description read from JSON is checked too.
 */
export function summarizeCnn(description: CnnDescription): Result<CnnSummary> {
  if (!description || typeof description !== "object") return fail("The model description is missing.");
  const {input, layers} = description;
  if (!Array.isArray(input) || input.length !== 3) return fail("The input needs a shape [height, width, channels].");
  const inputProblem =
    checkInteger("Input height", input[0], 1) ?? checkInteger("Input width", input[1], 1) ?? checkInteger("Input channels", input[2], 1);
  if (inputProblem) return fail(inputProblem);
  if (!Array.isArray(layers) || layers.length === 0) return fail("The model has no layers.");
  const names = layerNames(layers);
  const out: LayerSummary[] = [];
  let shape: readonly number[] = [...input];
  for (let i = 0; i < layers.length; i++) {
    const step = layerStep(layers[i], shape, `Layer ${i + 1} (${names[i]})`);
    if (!step.ok) return step;
    const {outputShape, weights, biases, formula} = step.value;
    out.push({name: names[i], layer: layers[i], inputShape: shape, outputShape, weights, biases, params: weights + biases, formula});
    shape = outputShape;
  }
  return ok({input: [...input], layers: out, totalParams: out.reduce((s, l) => s + l.params, 0), outputShape: shape});
}

type Step = {outputShape: number[]; weights: number; biases: number; formula: string};

function layerStep(layer: LayerDescription, shape: readonly number[], where: string): Result<Step> {
  if (!layer || typeof layer !== "object") return fail(`${where} is missing.`);
  const spatial = (what: string): string | null =>
    shape.length === 3
      ? null
      : `${where}: a ${what} needs an image-shaped input (height × width × channels), but it gets ${shape.length === 1 ? "a flat vector" : `shape ${shape.join("×")}`}.`;
  switch (layer.type) {
    case "conv": {
      const problem =
        spatial("convolution") ??
        checkInteger(`${where}: the number of filters`, layer.filters, 1) ??
        checkPairValue(`${where}: the kernel`, layer.kernel) ??
        checkPairValue(`${where}: the stride`, layer.stride ?? 1) ??
        checkPaddingValue(where, layer.padding) ??
        checkActivation(where, layer.activation);
      if (problem) return fail(problem);
      const plan = planWindow(shape, layer.kernel, {stride: layer.stride ?? 1, padding: layer.padding ?? "valid"});
      if (!plan.ok) return fail(`${where}: ${lowerFirst(plan.message)}`);
      const [kh, kw] = pair(layer.kernel);
      const cin = shape[2];
      return ok({
        outputShape: [plan.value.rows.output, plan.value.cols.output, layer.filters],
        weights: kh * kw * cin * layer.filters,
        biases: layer.filters,
        formula: `${kh}·${kw}·${cin}·${layer.filters} + ${layer.filters}`
      });
    }
    case "pool": {
      const problem =
        spatial("pooling layer") ??
        (layer.mode === "max" || layer.mode === "avg" ? null : `${where}: pooling is "max" or "avg" (got ${show(layer.mode)}).`) ??
        checkPairValue(`${where}: the pool size`, layer.size) ??
        checkPairValue(`${where}: the stride`, layer.stride ?? layer.size) ??
        checkPaddingValue(where, layer.padding);
      if (problem) return fail(problem);
      const plan = planWindow(shape, layer.size, {stride: layer.stride ?? layer.size, padding: layer.padding ?? "valid"});
      if (!plan.ok) return fail(`${where}: ${lowerFirst(plan.message.replace("kernel", "pool window"))}`);
      return ok({outputShape: [plan.value.rows.output, plan.value.cols.output, shape[2]], weights: 0, biases: 0, formula: ""});
    }
    case "flatten":
      return ok({outputShape: [product(shape)], weights: 0, biases: 0, formula: ""});
    case "dense": {
      const problem =
        (shape.length === 1 ? null : `${where}: a dense layer needs a flat input; add a flatten layer before it.`) ??
        checkInteger(`${where}: the number of units`, layer.units, 1) ??
        checkActivation(where, layer.activation);
      if (problem) return fail(problem);
      return ok({
        outputShape: [layer.units],
        weights: shape[0] * layer.units,
        biases: layer.units,
        formula: `${shape[0]}·${layer.units} + ${layer.units}`
      });
    }
    case "dropout": {
      const r = layer.rate;
      if (typeof r !== "number" || !Number.isFinite(r) || r < 0 || r >= 1)
        return fail(`${where}: the dropout rate must be at least 0 and below 1 (got ${show(r)}).`);
      return ok({outputShape: [...shape], weights: 0, biases: 0, formula: ""});
    }
    default:
      return fail(`${where}: unknown layer type ${show((layer as {type?: unknown}).type)}.`);
  }
}

function checkPairValue(name: string, value: unknown): string | null {
  if (Array.isArray(value)) {
    if (value.length !== 2) return `${name} needs one number or two (height, width).`;
    return checkInteger(`${name} height`, value[0], 1) ?? checkInteger(`${name} width`, value[1], 1);
  }
  return checkInteger(name, value, 1);
}

function checkPaddingValue(where: string, padding: unknown): string | null {
  return padding === undefined || padding === "valid" || padding === "same"
    ? null
    : `${where}: padding is "valid" or "same" (got ${show(padding)}).`;
}

function checkActivation(where: string, activation: unknown): string | null {
  return activation === undefined || ACTIVATIONS.includes(activation as Activation)
    ? null
    : `${where}: unknown activation ${show(activation)} (use ${ACTIVATIONS.join(", ")}).`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface BuildOptions {
  /** Seeds the weight initialisers (layer i uses seed + i), so a build is reproducible. */
  seed?: number;
}

/**
 * The description as an (uncompiled) tfjs sequential model with the same layer names: Glorot-
 * uniform kernels and zero biases, as Keras's defaults, but seeded. Throws the summary's message
 * for an invalid description (call summarizeCnn first to show it instead). The caller compiles
 * the model (optimiser, loss) and disposes it (see dispose-model.ts).
 */
export function buildCnn(tf: TF, description: CnnDescription, {seed = 1}: BuildOptions = {}) {
  const summary = unwrap(summarizeCnn(description));
  const layers = summary.layers.map(({name, layer}, i) => {
    const first = i === 0 ? {inputShape: [...description.input]} : {};
    const kernelInitializer = tf.initializers.glorotUniform({seed: seed + i});
    switch (layer.type) {
      case "conv":
        return tf.layers.conv2d({
          ...first,
          name,
          filters: layer.filters,
          kernelSize: [...pair(layer.kernel)],
          strides: [...pair(layer.stride ?? 1)],
          padding: layer.padding ?? "valid",
          activation: layer.activation ?? "relu",
          kernelInitializer
        });
      case "pool": {
        const options = {
          ...first,
          name,
          poolSize: [...pair(layer.size)] as [number, number],
          strides: [...pair(layer.stride ?? layer.size)] as [number, number],
          padding: layer.padding ?? "valid"
        };
        return layer.mode === "max" ? tf.layers.maxPooling2d(options) : tf.layers.averagePooling2d(options);
      }
      case "flatten":
        return tf.layers.flatten({...first, name});
      case "dense":
        return tf.layers.dense({...first, name, units: layer.units, activation: layer.activation ?? "relu", kernelInitializer});
      case "dropout":
        return tf.layers.dropout({...first, name, rate: layer.rate, seed: seed + i});
    }
  });
  return tf.sequential({name: safeName(description.name), layers});
}

// tfjs model names become scopes: keep letters, digits and underscores.
const safeName = (name = "cnn") => name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "") || "cnn";
