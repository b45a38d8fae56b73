// Trained models as files, and back. The loaders write them into a zip (Framework renames
// every file by a content hash, so a model.json pointing at "weights.bin" by a relative path
// would break); a page reads the members and rebuilds the model in memory:
//
//   const model = await loadLayersModelFromFiles(tf,
//     await FileAttachment("../data/mnist-models/cnn/model.json").json(),
//     await FileAttachment("../data/mnist-models/cnn/weights.bin").arrayBuffer());
//
// model.json is the standard tfjs layers format (topology plus a weights manifest naming
// weights.bin), so the same pair also loads with tf.loadLayersModel from a folder.
import type {LayersModel} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import type {TensorLike} from "../rnn/cell-weights.js";
import type {KnnDescription, KnnModel} from "../models/knn.js";
import {decodeFloat16, encodeFloat16} from "./float16.js";
import {dequantiseUint8, quantiseUint8} from "./uint8-affine.js";

/** A weights-manifest entry; quantization as tfjs writes it (its loader dequantises float16, uint8, uint16). */
export type WeightSpec = {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: {dtype: string; original_dtype?: string; min?: number; scale?: number};
};

export interface LayersModelFiles {
  "model.json": string;
  "weights.bin": Uint8Array;
}

const WEIGHTS_FILE = "weights.bin";
const BYTES: Record<string, number> = {float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2};

/** model.json (topology and weights manifest) and weights.bin of a tfjs layers model. */
export async function layersModelFiles(tf: TF, model: LayersModel): Promise<LayersModelFiles> {
  let files: LayersModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? []}]
      };
      files = {"model.json": JSON.stringify(json), "weights.bin": new Uint8Array(weightData)};
      return {modelArtifactsInfo: {dateSaved: new Date(0), modelTopologyType: "JSON"}};
    })
  );
  if (!files) throw new Error("the model was not saved");
  return files;
}

/** Bytes that weights of these specs take in weights.bin (NaN for an unknown dtype). */
export function weightBytes(specs: readonly WeightSpec[]): number {
  return specs.reduce(
    (sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * (BYTES[spec.quantization?.dtype ?? spec.dtype] ?? NaN),
    0
  );
}

/**
 * Rebuild a layers model from model.json (parsed or as text) and the bytes of weights.bin.
 * Checks that the weights fit the manifest, so a truncated or mismatched file gets a message
 * instead of a model with garbage weights.
 */
export async function loadLayersModelFromFiles(tf: TF, modelJson: unknown, weights: ArrayBuffer | ArrayBufferView): Promise<LayersModel> {
  const json = (typeof modelJson === "string" ? parseJson(modelJson, "model.json") : modelJson) as {
    modelTopology?: unknown;
    weightsManifest?: {weights?: WeightSpec[]}[];
  };
  if (!json || typeof json !== "object" || !json.modelTopology || typeof json.modelTopology !== "object")
    throw new Error("model.json has no modelTopology: not a tfjs layers model");
  if (!Array.isArray(json.weightsManifest)) throw new Error("model.json has no weightsManifest");
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights ?? []);
  const expected = weightBytes(weightSpecs);
  const weightData = toArrayBuffer(weights);
  if (weightData.byteLength !== expected) {
    throw new Error(
      `weights.bin has ${weightData.byteLength} bytes, but model.json describes ${Number.isNaN(expected) ? "weights of an unknown type" : `${expected}`}`
    );
  }
  return tf.loadLayersModel(tf.io.fromMemory({modelTopology: json.modelTopology as object, weightSpecs: weightSpecs as never, weightData}));
}

export interface KnnFiles {
  "model.json": string;
  /** float32: the PCA mean (inputSize), then the basis (inputSize × components, row-major). */
  "pca.bin": Uint8Array;
  /** int16: training coordinates (rows × components); value = int · scale[component]. */
  "features.bin": Uint8Array;
  /** uint8: the class of every training row. */
  "labels.bin": Uint8Array;
}

interface KnnJson {
  format: "workbook-knn";
  version: 1;
  description: KnnDescription;
  pca: {inputSize: number; components: number; variance: number[]; totalVariance: number};
  features: {rows: number; columns: number; scale: number[]};
}

export function knnModelFiles({description, pca, features, labels}: KnnModel): KnnFiles {
  const json: KnnJson = {
    format: "workbook-knn",
    version: 1,
    description,
    pca: {inputSize: pca.inputSize, components: pca.components, variance: pca.variance, totalVariance: pca.totalVariance},
    // float32 values written as doubles read back as the same float32.
    features: {rows: features.rows, columns: features.columns, scale: Array.from(features.scale)}
  };
  const pcaBytes = new Float32Array(pca.mean.length + pca.basis.length);
  pcaBytes.set(pca.mean);
  pcaBytes.set(pca.basis, pca.mean.length);
  return {"model.json": JSON.stringify(json), "pca.bin": bytesOf(pcaBytes), "features.bin": bytesOf(features.data), "labels.bin": labels};
}

/** The k-NN written by knnModelFiles, checked member by member. */
export function knnModelFromFiles(
  modelJson: unknown,
  pcaBin: ArrayBuffer | ArrayBufferView,
  featuresBin: ArrayBuffer | ArrayBufferView,
  labelsBin: ArrayBuffer | ArrayBufferView
): KnnModel {
  const json = (typeof modelJson === "string" ? parseJson(modelJson, "knn model.json") : modelJson) as KnnJson;
  if (json?.format !== "workbook-knn" || json.version !== 1) throw new Error("knn model.json: not a version-1 workbook k-NN model");
  const {inputSize, components} = json.pca;
  const {rows, columns, scale} = json.features;
  const pcaFloats = new Float32Array(toArrayBuffer(pcaBin));
  if (pcaFloats.length !== inputSize * (components + 1))
    throw new Error(`pca.bin holds ${pcaFloats.length} numbers, expected ${inputSize * (components + 1)}`);
  const data = new Int16Array(toArrayBuffer(featuresBin));
  if (columns !== components || data.length !== rows * columns || scale.length !== columns)
    throw new Error(`features.bin holds ${data.length} numbers, expected ${rows} × ${components}`);
  const labels = new Uint8Array(toArrayBuffer(labelsBin));
  if (labels.length !== rows) throw new Error(`labels.bin holds ${labels.length} labels, expected ${rows}`);
  return {
    description: json.description,
    pca: {
      inputSize,
      components,
      mean: pcaFloats.slice(0, inputSize),
      basis: pcaFloats.slice(inputSize),
      variance: json.pca.variance,
      totalVariance: json.pca.totalVariance
    },
    features: {rows, columns, data, scale: Float32Array.from(scale)},
    labels
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON (${(error as Error).message})`);
  }
}

/** A standalone copy-free-when-possible ArrayBuffer of exactly the bytes given. */
function toArrayBuffer(data: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const {buffer, byteOffset, byteLength} = data;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return new Uint8Array(buffer, byteOffset, byteLength).slice().buffer;
}

function bytesOf(array: Float32Array | Int16Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

const isFloat16 = (spec: WeightSpec) => spec.dtype === "float32" && spec.quantization?.dtype === "float16";
const isUint8 = ({dtype, quantization: q}: WeightSpec) =>
  dtype === "float32" && q?.dtype === "uint8" && Number.isFinite(q.min) && Number.isFinite(q.scale);
const isPlain = (spec: WeightSpec) => spec.dtype === "float32" && !spec.quantization;

/**
 * The weights by name ("rnn/kernel", …), checked against the manifest: float32, float16 or
 * 8-bit affine (quantization {dtype: "float16"} or {dtype: "uint8", min, scale}, as tfjs writes
 * them), all read back as float32 the way tfjs reads them.
 */
export function weightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array): Map<string, TensorLike> {
  const json = modelJson as {modelTopology?: object; weightsManifest?: {weights: WeightSpec[]}[]};
  if (!json?.modelTopology || !Array.isArray(json.weightsManifest))
    throw new Error("model.json is not a tfjs layers model (no topology or weights manifest)");
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const odd = specs.find((spec) => !(isPlain(spec) || isFloat16(spec) || isUint8(spec)));
  if (odd) throw new Error(`model.json has weights that are not float32, float16 or uint8 with min and scale (${odd.name})`);
  const expected = weightBytes(specs);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  // A mismatch gets a message, not garbage weights.
  if (bytes.byteLength !== expected) throw new Error(`weights.bin has ${bytes.byteLength} bytes, but model.json describes ${expected}`);
  const out = new Map<string, TensorLike>();
  let offset = 0;
  for (const spec of specs) {
    const length = weightBytes([spec]);
    const chunk = bytes.slice(offset, offset + length);
    const q = spec.quantization;
    const data = isFloat16(spec)
      ? decodeFloat16(chunk)
      : isUint8(spec)
        ? dequantiseUint8({bytes: chunk, min: q!.min!, scale: q!.scale!})
        : new Float32Array(chunk.buffer);
    out.set(spec.name, {shape: spec.shape, dataSync: () => data});
    offset += length;
  }
  return out;
}

/**
 * The same model with its float32 weights stored lighter, marked the way tfjs marks quantised
 * weights so tf.loadLayersModel and weightsFromFiles read them back: as float16 ({dtype:
 * "float16", original_dtype: "float32"}: half the bytes, each weight within 2^-11 of itself,
 * relative), or, for the weights named in `uint8`, as 8-bit affine ({dtype: "uint8", min,
 * scale}: a quarter, each within scale / 2). A weight beyond float16's range is an error, never
 * a silent Infinity.
 */
export function lightModelFiles(modelJson: string, weights: Uint8Array, {uint8 = []}: {uint8?: readonly string[]} = {}): LayersModelFiles {
  const json = parseJson(modelJson, "model.json") as {weightsManifest?: {weights: WeightSpec[]}[]};
  // One weights file: the bytes below are that file, in manifest order.
  if (!Array.isArray(json?.weightsManifest) || json.weightsManifest.length !== 1)
    throw new Error("model.json needs a weightsManifest with one group (one weights file)");
  const byName = weightsFromFiles(json, weights);
  const missing = uint8.filter((name) => !byName.has(name));
  if (missing.length) throw new Error(`model.json has no weight ${missing.join(", ")} to store as uint8`);
  const group = json.weightsManifest[0];
  const chunks: Uint8Array[] = [];
  group.weights = group.weights.map((spec) => {
    const values = Float32Array.from(byName.get(spec.name)!.dataSync());
    if (uint8.includes(spec.name)) {
      const {bytes, min, scale} = quantiseUint8(values);
      chunks.push(bytes);
      return {...spec, quantization: {dtype: "uint8", min, scale, original_dtype: "float32"}};
    }
    // Values up to 65520 round to 65504; NaN fails this test too.
    const largest = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    if (!(largest < 65520)) throw new Error(`weight ${spec.name} reaches ${largest}, beyond float16's range (65504)`);
    chunks.push(encodeFloat16(values));
    return {...spec, quantization: {dtype: "float16", original_dtype: "float32"}};
  });
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return {"model.json": JSON.stringify(json), "weights.bin": out};
}
