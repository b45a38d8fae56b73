// A trained classifier CNN made fully convolutional (Shelhamer et al.; Oquab et al. slide theirs
// over whole images): the first dense layer, which reads the last pooled maps (h × w × c,
// flattened channels-last row-major), is the same arithmetic as a convolution with an h × w
// kernel and no padding; every later dense layer is a 1×1 convolution. The weights carry over
// unchanged (the dense kernel [h·w·c, units] reshaped to [h, w, c, units]), dropout goes (it is
// the identity at inference), and the input becomes [null, null, channels]. On an image wider or
// taller than the training size the output is a map: one class distribution per window of the
// training size, windows a stride apart (the product of the pooling strides).
//
// Only what keeps that equality exact is accepted: 'valid' convolutions and pools, stride-1
// convolutions, channels last. Padding would make a window's border differ from a crop's.
import type {LayersModel, Sequential, Tensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";

export interface FullyConvolutional {
  /** The fully convolutional model; input [batch, height, width, channels] of any size ≥ window. */
  model: Sequential;
  /** Input height and width of the original classifier: the window each output cell sees. */
  window: readonly [number, number];
  /** Input pixels between neighbouring output cells (the product of the pooling strides). */
  stride: readonly [number, number];
  channels: number;
  classes: number;
}

interface LayerConfig {
  [key: string]: unknown;
}

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)]);

/**
 * The fully convolutional twin of `source` (Conv2D/MaxPooling2D/AveragePooling2D layers, one
 * Flatten, then Dense layers with optional Dropout), or an Error naming what does not fit.
 * The caller owns the result (dispose its model).
 */
export function fullyConvolutional(tf: TF, source: LayersModel): FullyConvolutional {
  const inputShape = source.inputs[0]?.shape ?? [];
  if (source.inputs.length !== 1 || inputShape.length !== 4 || inputShape.slice(1).some((d) => typeof d !== "number"))
    throw new Error(
      `fullyConvolutional needs one image input of a fixed size [height, width, channels] (got ${JSON.stringify(inputShape)})`
    );
  const [, height, width, channels] = inputShape as number[];
  const layers = source.layers.filter((l) => l.getClassName() !== "InputLayer");
  const flat = layers.findIndex((l) => l.getClassName() === "Flatten");
  if (flat < 0) throw new Error("fullyConvolutional needs a Flatten layer between the convolutions and the dense layers");

  const fcn = tf.sequential({name: `${source.name}_fully_convolutional`});
  const stride: [number, number] = [1, 1];
  const weights: Tensor[] = [];
  // Built inside a try so that a refusal halfway leaves no half-built model behind.
  try {
    let first = true;
    const inputShapeOf = () => (first ? {inputShape: [null, null, channels]} : {});
    for (const [i, layer] of layers.entries()) {
      const kind = layer.getClassName();
      const config = layer.getConfig() as LayerConfig;
      const where = `layer ${i + 1} (${layer.name}, ${kind})`;
      if (config.dataFormat !== undefined && config.dataFormat !== "channelsLast") throw new Error(`${where} is not channels-last`);
      if (i < flat) {
        if (!["Conv2D", "MaxPooling2D", "AveragePooling2D"].includes(kind))
          throw new Error(`${where}: only Conv2D and pooling layers can come before the Flatten`);
        if (config.padding !== "valid")
          throw new Error(`${where} pads its input ('${config.padding}'); only 'valid' keeps every window equal to a crop`);
        if (kind === "Conv2D") {
          const strides = pair(config.strides);
          const dilation = pair(config.dilationRate ?? 1);
          if (strides.some((s) => s !== 1) || dilation.some((d) => d !== 1))
            throw new Error(`${where} has stride or dilation other than 1`);
          const [kernel, bias] = layer.getWeights();
          fcn.add(
            tf.layers.conv2d({
              ...inputShapeOf(),
              name: layer.name,
              filters: config.filters as number,
              kernelSize: pair(config.kernelSize),
              activation: config.activation as never,
              useBias: Boolean(bias),
              kernelInitializer: "zeros"
            })
          );
          weights.push(kernel.clone(), ...(bias ? [bias.clone()] : []));
        } else {
          const size = pair(config.poolSize);
          const strides = pair(config.strides ?? config.poolSize);
          const make = kind === "MaxPooling2D" ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
          fcn.add(make({...inputShapeOf(), name: layer.name, poolSize: size, strides}));
          stride[0] *= strides[0];
          stride[1] *= strides[1];
        }
        first = false;
      } else if (i === flat) {
        if (first) throw new Error("fullyConvolutional needs at least one convolution or pooling before the Flatten");
      } else if (kind === "Dropout") {
        // The identity at inference: nothing to carry over.
      } else if (kind === "Dense") {
        const [kernel, bias] = layer.getWeights();
        // The first dense layer sees the last maps whole: its kernel becomes one of their size.
        const before = fcn.outputs[0].shape;
        const denseAfterFlatten = !layers.slice(flat + 1, i).some((l) => l.getClassName() === "Dense");
        const [kh, kw, kc] = denseAfterFlatten ? mapShape(source, flat) : [1, 1, before[3] as number];
        if (kernel.shape[0] !== kh * kw * kc)
          throw new Error(`${where} reads ${kernel.shape[0]} values, not the ${kh}×${kw}×${kc} before it`);
        const units = config.units as number;
        fcn.add(
          tf.layers.conv2d({
            name: `${layer.name}_as_conv`,
            filters: units,
            kernelSize: [kh, kw],
            activation: config.activation as never,
            useBias: Boolean(bias),
            kernelInitializer: "zeros"
          })
        );
        // Flatten reads [h, w, c] row-major with channels last: row r·w·c + x·c + ch of the dense
        // kernel is the weight of map position (r, x), channel ch. Exactly a reshape.
        weights.push(kernel.reshape([kh, kw, kc, units]), ...(bias ? [bias.clone()] : []));
      } else {
        throw new Error(`${where}: only Dense and Dropout layers can follow the Flatten`);
      }
    }
    const last = layers[layers.length - 1];
    if (last.getClassName() !== "Dense") throw new Error("fullyConvolutional needs the model to end in a Dense layer");
    fcn.setWeights(weights);
  } catch (error) {
    fcn.dispose();
    throw error;
  } finally {
    tf.dispose(weights);
  }
  const classes = fcn.outputs[0].shape[3] as number;
  return {model: fcn, window: [height, width], stride, channels, classes};
}

/** The [height, width, channels] that the source's Flatten (at index `flat`) reads. */
function mapShape(source: LayersModel, flat: number): [number, number, number] {
  const layers = source.layers.filter((l) => l.getClassName() !== "InputLayer");
  const shape = layers[flat - 1].outputShape as (number | null)[];
  if (shape.length !== 4) throw new Error(`the Flatten layer reads ${JSON.stringify(shape)}, not image maps`);
  return [shape[1], shape[2], shape[3]] as [number, number, number];
}

/** How many windows (output cells) an input of this size gives, per axis; 0 when smaller than a window. */
export function windowCount(size: number, window: number, stride: number): number {
  return size < window ? 0 : Math.floor((size - window) / stride) + 1;
}

export interface ClassMap {
  /** Windows across (the strip's width gives one row of them when its height is the window's). */
  columns: number;
  rows: number;
  classes: number;
  /** rows × columns × classes probabilities, row-major. */
  data: Float32Array;
}

/**
 * The class map of one grey image (height × width, row-major, one channel) in one pass of the
 * fully convolutional model. Plain arrays out; no tensors left behind.
 */
export function classMap(tf: TF, fcn: FullyConvolutional, pixels: ArrayLike<number>, height: number, width: number): ClassMap {
  if (fcn.channels !== 1) throw new Error(`classMap reads grey images; this model wants ${fcn.channels} channels`);
  if (pixels.length !== height * width) throw new Error(`a ${height}×${width} image needs ${height * width} values, got ${pixels.length}`);
  if (height < fcn.window[0] || width < fcn.window[1])
    throw new Error(`the image (${height}×${width}) is smaller than one ${fcn.window[0]}×${fcn.window[1]} window`);
  const out = tf.tidy(() => fcn.model.predict(tf.tensor4d(Float32Array.from(pixels), [1, height, width, 1])) as Tensor);
  const [, rows, columns, classes] = out.shape;
  const data = out.dataSync() as Float32Array;
  out.dispose();
  return {rows, columns, classes, data};
}

/**
 * Multiply-adds of the convolutions (dense layers included, as the convolutions they became) for
 * one height × width input: the arithmetic a pass costs, whatever the backend.
 */
export function multiplyAdds(fcn: FullyConvolutional, height: number, width: number): number {
  let [h, w] = [height, width];
  let total = 0;
  for (const layer of fcn.model.layers) {
    const config = layer.getConfig() as LayerConfig;
    if (layer.getClassName() === "Conv2D") {
      const [kh, kw, cin, cout] = layer.getWeights()[0].shape;
      [h, w] = [h - kh + 1, w - kw + 1];
      total += h * w * kh * kw * cin * cout;
    } else {
      const [ph, pw] = pair(config.poolSize);
      const [sh, sw] = pair(config.strides ?? config.poolSize);
      [h, w] = [Math.floor((h - ph) / sh) + 1, Math.floor((w - pw) / sw) + 1];
    }
    if (h < 1 || w < 1) return 0;
  }
  return total;
}
