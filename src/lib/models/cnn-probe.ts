// Looking inside a trained sequential CNN for one image: every layer's output (the feature maps),
// the class probabilities, and two answers to "where does the network look?": the saliency map
// (Simonyan et al. 2014: the gradient of the class score with respect to each input pixel) and
// Grad-CAM (Selvaraju et al. 2017: a convolutional layer's maps weighted by the mean gradient of
// the class score over each map). Class scores are the logits, before the softmax: the softmax
// couples the classes, and a confident probability has almost no gradient left.
// Every function runs inside tf.tidy and returns plain arrays, so no tensor outlives a call.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import type {LayerSpec} from "../cnn/receptive-field.js";

export interface LayerOutput {
  /** The tfjs layer's name (conv1, pool1, …, as buildCnn names them). */
  name: string;
  /** The tfjs class name: Conv2D, MaxPooling2D, Flatten, Dense, Dropout. */
  kind: string;
  /** Without the batch axis: [height, width, channels] or [units]. */
  shape: number[];
  /** Values in tfjs's order (height, width, channel). */
  data: Float32Array;
}

export interface Probe {
  probabilities: Float32Array;
  /** The scores before the softmax. */
  logits: Float32Array;
  layers: LayerOutput[];
}

export interface ClassMap {
  /** The layer the map belongs to ("input" for the saliency map). */
  layer: string;
  /** [height, width]. */
  shape: [number, number];
  data: Float32Array;
}

export interface GradCam extends ClassMap {
  /** Each channel's weight: the mean over positions of d(score)/d(activation). */
  weights: Float32Array;
}

type Model = Pick<LayersModel, "layers" | "inputs">;

/** The model's input as a batch of one, from `pixels` (height × width × channels values). */
function inputOf(tf: TF, model: Model, pixels: ArrayLike<number>): Tensor {
  const [, h, w, c] = model.inputs[0].shape as number[];
  if (pixels.length !== h * w * c) throw new Error(`the model takes ${h}×${w}×${c} = ${h * w * c} values, got ${pixels.length}`);
  return tf.tensor4d(Float32Array.from(pixels), [1, h, w, c]);
}

/**
 * Run layers `from` … `to − 1` on x. The last layer, if it is a softmax dense layer, can be run
 * without its softmax (`logits`), by its own kernel and bias.
 */
function runLayers(tf: TF, model: Model, x: Tensor, from: number, to: number, {logits = false} = {}): Tensor {
  const last = model.layers.length - 1;
  for (let i = from; i < to; i++) {
    const layer = model.layers[i];
    if (logits && i === last) {
      const [kernel, bias] = layer.getWeights();
      x = tf.add(tf.matMul(x as never, kernel as never), bias);
    } else x = layer.apply(x) as Tensor; // dropout is the identity outside training
  }
  return x;
}

/** The last layer must be a dense softmax, whose kernel and bias give the logits. */
function checkSoftmaxHead(model: Model): void {
  const last = model.layers[model.layers.length - 1];
  const config = last?.getConfig() as {activation?: string} | undefined;
  if (last?.getClassName() !== "Dense" || config?.activation !== "softmax") throw new Error("the model must end in a dense softmax layer");
}

/** Every layer's output for one image, the logits and the probabilities. */
export function probeCnn(tf: TF, model: Model, pixels: ArrayLike<number>): Probe {
  checkSoftmaxHead(model);
  const last = model.layers.length - 1;
  // The tensors come out of tf.tidy as a flat list and are read and disposed here: handing tidy
  // the typed arrays instead would make it walk every value looking for tensors.
  const outputs = tf.tidy(() => {
    let x = inputOf(tf, model, pixels);
    const kept: Tensor[] = [];
    for (let i = 0; i < last; i++) {
      x = runLayers(tf, model, x, i, i + 1);
      kept.push(x);
    }
    const z = runLayers(tf, model, x, last, last + 1, {logits: true});
    return [...kept, z, tf.softmax(z)];
  });
  try {
    const read = (t: Tensor) => Float32Array.from(t.dataSync());
    const probabilities = read(outputs[last + 1]);
    const layers: LayerOutput[] = model.layers.map((layer, i) => ({
      name: layer.name,
      kind: layer.getClassName(),
      shape: outputs[i === last ? last + 1 : i].shape.slice(1),
      data: i === last ? probabilities : read(outputs[i])
    }));
    return {probabilities, logits: read(outputs[last]), layers};
  } finally {
    tf.dispose(outputs);
  }
}

/** Runs `fn` in tf.tidy and returns its tensor's values; the tensor is disposed. */
function values(tf: TF, fn: () => Tensor): Float32Array {
  const t = tf.tidy(fn);
  try {
    return Float32Array.from(t.dataSync());
  } finally {
    t.dispose();
  }
}

const scoreOf = (tf: TF, logits: Tensor, classIndex: number) => tf.sum(tf.slice(logits, [0, classIndex], [1, 1]));

function checkClass(classIndex: number, classes: number): void {
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes)
    throw new Error(`class ${classIndex} is not one of the ${classes} outputs`);
}

/**
 * The saliency map: |d(score of `classIndex`)/d(pixel)| for every input pixel (summed over
 * channels). Large where changing the pixel would change the class score most.
 */
export function saliencyMap(tf: TF, model: Model, pixels: ArrayLike<number>, classIndex: number): ClassMap {
  checkSoftmaxHead(model);
  const n = model.layers.length;
  checkClass(classIndex, (model.layers[n - 1].outputShape as number[])[1]);
  const [, h, w] = model.inputs[0].shape as number[];
  const data = values(tf, () => {
    const gradient = tf.grad((input: Tensor) => scoreOf(tf, runLayers(tf, model, input, 0, n, {logits: true}), classIndex))(
      inputOf(tf, model, pixels)
    );
    return tf.sum(tf.abs(gradient), -1);
  });
  return {layer: "input", shape: [h, w], data};
}

/** Index of the last Conv2D layer, or −1. */
export function lastConvLayer(model: Model): number {
  for (let i = model.layers.length - 1; i >= 0; i--) if (model.layers[i].getClassName() === "Conv2D") return i;
  return -1;
}

/**
 * Grad-CAM for layer `layerIndex` (default: the last convolution): weight each of its maps by the
 * mean gradient of the class score over that map, add them up, and keep the positive part.
 */
export function gradCam(tf: TF, model: Model, pixels: ArrayLike<number>, classIndex: number, layerIndex = lastConvLayer(model)): GradCam {
  checkSoftmaxHead(model);
  const n = model.layers.length;
  if (layerIndex < 0 || layerIndex >= n - 1 || model.layers[layerIndex].getClassName() !== "Conv2D")
    throw new Error("Grad-CAM needs a convolutional layer before the output");
  checkClass(classIndex, (model.layers[n - 1].outputShape as number[])[1]);
  const [, h, w, k] = model.layers[layerIndex].outputShape as number[];
  // Channel weights and the map in one tensor, so one tidy call gives both.
  const both = values(tf, () => {
    const maps = runLayers(tf, model, inputOf(tf, model, pixels), 0, layerIndex + 1);
    const gradient = tf.grad((a: Tensor) => scoreOf(tf, runLayers(tf, model, a, layerIndex + 1, n, {logits: true}), classIndex))(maps);
    const weights = tf.mean(gradient, [0, 1, 2]); // one per channel
    const cam = tf.relu(tf.sum(tf.mul(maps, weights), -1));
    return tf.concat([weights, cam.reshape([-1])]);
  });
  return {layer: model.layers[layerIndex].name, shape: [h, w], data: both.slice(k), weights: both.slice(0, k)};
}

/**
 * Layers 0 … `upTo` as receptive-field specs (rows; these models are square), for
 * receptiveFieldGrowth: where on the input each cell of a deep map is centred.
 */
export function fieldSpecs(model: Model, upTo: number): LayerSpec[] {
  return model.layers.slice(0, upTo + 1).map((layer) => {
    const kind = layer.getClassName();
    const c = layer.getConfig() as {
      kernelSize?: number[];
      poolSize?: number[];
      strides?: number[];
      padding?: string;
      dilationRate?: number | number[];
    };
    const padding = c.padding === "same" ? "same" : "valid";
    if (kind === "Conv2D")
      return {
        name: layer.name,
        kind: "conv",
        kernel: c.kernelSize![0],
        stride: c.strides?.[0] ?? 1,
        padding,
        dilation: Array.isArray(c.dilationRate) ? c.dilationRate[0] : (c.dilationRate ?? 1)
      };
    if (kind === "MaxPooling2D" || kind === "AveragePooling2D")
      return {name: layer.name, kind: "pool", kernel: c.poolSize![0], stride: c.strides?.[0] ?? c.poolSize![0], padding};
    throw new Error(`${layer.name} (${kind}) is not a convolution or pooling layer`);
  });
}
