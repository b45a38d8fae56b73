// A deep stack of equal-width dense layers, plain or with identity shortcuts (He et al., 2015):
// the architecture page trains both from the same initial weights to show why shortcuts let a
// deep network learn. Shared by the loader (Node) and the page (browser), so it takes `tf`.
import type {LayersModel, SymbolicTensor, Tensor, Variable} from "@tensorflow/tfjs";
import {checkInteger, fail, ok, unwrap, type Result} from "../core/result.js";
import type {TF} from "../core/tf-types.js";

export interface DeepNetConfig {
  /** Inputs per example (784 for a flattened 28×28 image). */
  inputSize: number;
  /** Units of every hidden layer (all equal, so a shortcut can add a block's input to its output). */
  width: number;
  /** Blocks of two dense layers; the network has 2 × blocks + 2 weight layers (stem and output). */
  blocks: number;
  classes: number;
}

const MAX_BLOCKS = 100;
const MAX_WIDTH = 1024;

export function validateDeepNet(config: DeepNetConfig): Result<DeepNetConfig> {
  const problem =
    checkInteger("Input size", config.inputSize, 1) ??
    checkInteger("Width", config.width, 1) ??
    (config.width > MAX_WIDTH ? `Width can be at most ${MAX_WIDTH} (got ${config.width}).` : null) ??
    checkInteger("Blocks", config.blocks, 1) ??
    (config.blocks > MAX_BLOCKS ? `Blocks can be at most ${MAX_BLOCKS} (got ${config.blocks}).` : null) ??
    checkInteger("Classes", config.classes, 2);
  return problem ? fail(problem) : ok(config);
}

/** Layers with weights: the stem, two per block, the output. */
export function weightLayerCount({blocks}: DeepNetConfig): number {
  return 2 * blocks + 2;
}

/** Names of the weight layers, input to output (the same in both networks). */
export function weightLayerNames({blocks}: DeepNetConfig): string[] {
  return ["stem", ...Array.from({length: blocks}, (_, b) => [`block${b + 1}_a`, `block${b + 1}_b`]).flat(), "output"];
}

/**
 * The network, uncompiled. Each block is dense → ReLU → dense, then, with `residual`, the
 * block's input is added (tf.layers.add, no weights), then ReLU:
 *   plain:    x → relu(W₂ relu(W₁ x))
 *   residual: x → relu(x + W₂ relu(W₁ x))
 * Kernels are Glorot-uniform (Keras's default) seeded per layer, biases zero, so the two
 * networks built with one seed start from identical weights.
 */
export function buildDeepNet(tf: TF, config: DeepNetConfig, {residual, seed = 1}: {residual: boolean; seed?: number}): LayersModel {
  const {inputSize, width, blocks, classes} = unwrap(validateDeepNet(config));
  const names = weightLayerNames(config);
  const dense = (index: number, units: number, activation: "relu" | "linear" | "softmax") =>
    tf.layers.dense({units, activation, name: names[index], kernelInitializer: tf.initializers.glorotUniform({seed: seed * 1000 + index})});
  const input = tf.input({shape: [inputSize], name: "pixels"});
  let x = dense(0, width, "relu").apply(input) as SymbolicTensor;
  for (let b = 0; b < blocks; b++) {
    const inner = dense(1 + 2 * b, width, "relu").apply(x) as SymbolicTensor;
    const f = dense(2 + 2 * b, width, "linear").apply(inner) as SymbolicTensor;
    const sum = residual ? (tf.layers.add({name: `block${b + 1}_add`}).apply([x, f]) as SymbolicTensor) : f;
    x = tf.layers.activation({activation: "relu", name: `block${b + 1}_relu`}).apply(sum) as SymbolicTensor;
  }
  const output = dense(names.length - 1, classes, "softmax").apply(x) as SymbolicTensor;
  return tf.model({inputs: input, outputs: output, name: residual ? "residual" : "plain"});
}

export interface LayerGradient {
  layer: string;
  /** Euclidean norm of the loss gradient w.r.t. all of the layer's trainable weights (kernel and bias). */
  norm: number;
}

/**
 * The gradient of the mean categorical cross-entropy on (xs, one-hot ys) w.r.t. each weight
 * layer's parameters, as one norm per layer, input to output. The weights are not changed.
 */
export function layerGradientNorms(
  tf: TF,
  model: LayersModel,
  xs: Tensor,
  ys: Tensor
): {loss: number; accuracy: number; layers: LayerGradient[]} {
  return tf.tidy(() => {
    const layers = model.layers.filter((l) => l.trainableWeights.length > 0);
    const variables = layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as Variable));
    let accuracy = 0;
    const {value, grads} = tf.variableGrads(() => {
      const p = model.apply(xs, {training: true}) as Tensor;
      accuracy = tf.metrics.categoricalAccuracy(ys, p).mean().dataSync()[0];
      return tf.metrics.categoricalCrossentropy(ys, p).mean() as never;
    }, variables);
    const norms = layers.map((l) => {
      const squares = l.trainableWeights.reduce((sum, w) => sum + grads[(w.read() as Variable).name].square().sum().dataSync()[0], 0);
      return {layer: l.name, norm: Math.sqrt(squares)};
    });
    return {loss: value.dataSync()[0], accuracy, layers: norms};
  });
}

/** How the loader trains the two networks (shown on the page beside the results). */
export interface ResidualTrainingConfig {
  net: DeepNetConfig;
  /** Plain stochastic gradient descent: it follows the gradient as it is, small or not. */
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Training images used (the first of a seeded shuffle); null: all 60,000. */
  trainImages: number | null;
  /** Seed of the initial weights (both networks), the shuffle and the probe batch. */
  seed: number;
  /** Gradient norms are measured every this many steps, on the same probe batch. */
  probeEvery: number;
  probeImages: number;
  quick: boolean;
}

export interface GradientProbe {
  /** Training steps (batches) taken before the measurement. */
  step: number;
  /** Mean loss and accuracy on the probe batch. */
  loss: number;
  accuracy: number;
  /** One norm per weight layer, in the order of `ResidualSummary.layers`. */
  norms: number[];
}

export interface CurvePoint {
  step: number;
  /** Training images seen so far. */
  seen: number;
  /** Mean training loss over the batches since the previous point. */
  loss: number;
}

export interface ResidualRun {
  id: "plain" | "residual";
  name: string;
  parameters: number;
  trainingSeconds: number;
  curve: CurvePoint[];
  probes: GradientProbe[];
  /** After every epoch, on the 10,000 test images. */
  epochs: {epoch: number; loss: number; accuracy: number; test: {loss: number; accuracy: number}}[];
  test: {loss: number; accuracy: number};
}

/** summary.json of src/data/residual.zip.ts. */
export interface ResidualSummary {
  quick: boolean;
  config: ResidualTrainingConfig;
  backend: string;
  layers: string[];
  trainingImages: number;
  testImages: number;
  runs: ResidualRun[];
}
