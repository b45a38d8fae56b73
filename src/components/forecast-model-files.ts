// A trained tfjs layers model as two zip members and back: model.json (the standard tfjs
// format: topology plus a weights manifest naming weights.bin) and weights.bin. Framework
// renames files by content hash, so the page rebuilds the model in memory from both members
// (tf.io.fromMemory) instead of letting tfjs fetch "weights.bin" by a relative path.
// A minimal version written for the forecasting loader; the generic helpers for build-time
// models (issue 4) do the same and can replace it.
import type {LayersModel} from "@tensorflow/tfjs";
import type {TensorLike} from "./cell-weights.js";
import {forecastWeightsFromTensors, type ForecastWeights} from "./forecast-model.js";
import type {TF} from "./tf-types.js";

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export interface ModelFiles {
  "model.json": string;
  "weights.bin": Uint8Array;
}

export async function modelFiles(tf: TF, model: LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{paths: ["weights.bin"], weights: artifacts.weightSpecs ?? []}]
      };
      files = {"model.json": JSON.stringify(json), "weights.bin": new Uint8Array(data)};
      return {modelArtifactsInfo: {dateSaved: new Date(0), modelTopologyType: "JSON"}};
    })
  );
  if (!files) throw new Error("the model was not saved");
  return files;
}

/** The manifest and the bytes, checked against each other: a mismatch gets a message, not garbage. */
function checkedWeights(modelJson: unknown, weights: ArrayBuffer | Uint8Array): {topology: object; specs: WeightSpec[]; bytes: Uint8Array} {
  const json = modelJson as {modelTopology?: object; weightsManifest?: {weights: WeightSpec[]}[]};
  if (!json?.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error("model.json is not a tfjs layers model (no topology or weights manifest)");
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  if (specs.some((spec) => spec.dtype !== "float32")) throw new Error("model.json has weights that are not float32");
  const expected = specs.reduce((sum, spec) => sum + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  if (bytes.byteLength !== expected) throw new Error(`weights.bin has ${bytes.byteLength} bytes, but model.json describes ${expected}`);
  return {topology: json.modelTopology, specs, bytes};
}

/** Rebuilds the model in memory. */
export async function loadModelFiles(tf: TF, modelJson: unknown, weights: ArrayBuffer | Uint8Array): Promise<LayersModel> {
  const {topology, specs, bytes} = checkedWeights(modelJson, weights);
  return tf.loadLayersModel(tf.io.fromMemory({modelTopology: topology, weightSpecs: specs as never, weightData: bytes.slice().buffer}));
}

/**
 * The weights by name ("rnn/kernel", …) without tfjs: enough for the step-by-step cells, so a page
 * that only draws hidden states need not download tfjs at all.
 */
export function weightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array): Map<string, TensorLike> {
  const {specs, bytes} = checkedWeights(modelJson, weights);
  const floats = new Float32Array(bytes.slice().buffer);
  const out = new Map<string, TensorLike>();
  let offset = 0;
  for (const {name, shape} of specs) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = floats.subarray(offset, offset + size);
    out.set(name, {shape, dataSync: () => data});
    offset += size;
  }
  return out;
}

/** The forecasting RNN's weights for the step-by-step cell, straight from its two files. */
export function forecastWeightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array): ForecastWeights {
  const byName = weightsFromFiles(modelJson, weights);
  const get = (name: string) => {
    const tensor = byName.get(name);
    if (!tensor) throw new Error(`model.json has no weight "${name}" (it has ${[...byName.keys()].join(", ")})`);
    return tensor;
  };
  return forecastWeightsFromTensors([get("rnn/kernel"), get("rnn/recurrent_kernel"), get("rnn/bias")], [get("readout/kernel"), get("readout/bias")]);
}
