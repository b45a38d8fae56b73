// The forecasting RNN's weights straight from its zip members model.json + weights.bin (written
// by layersModelFiles in lib/formats/model-files.ts), without tfjs: the step-by-step cell needs only
// the numbers, so a page that draws hidden states need not download tfjs at all.
import type {TensorLike} from "../rnn/cell-weights.js";
import {forecastWeightsFromTensors, type ForecastWeights} from "../models/forecast-model.js";

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/**
 * The weights by name ("rnn/kernel", …), checked against the manifest.
 */
export function weightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array): Map<string, TensorLike> {
  const json = modelJson as {modelTopology?: object; weightsManifest?: {weights: WeightSpec[]}[]};
  if (!json?.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error("model.json is not a tfjs layers model (no topology or weights manifest)");
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  if (specs.some((spec) => spec.dtype !== "float32")) throw new Error("model.json has weights that are not float32");
  const expected = specs.reduce((sum, spec) => sum + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  // A mismatch gets a message, not garbage weights.
  if (bytes.byteLength !== expected) throw new Error(`weights.bin has ${bytes.byteLength} bytes, but model.json describes ${expected}`);
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
