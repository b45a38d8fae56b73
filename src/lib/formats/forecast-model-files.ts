// The forecasting RNN's weights straight from its zip members model.json + weights.bin (written
// by layersModelFiles in lib/formats/model-files.ts), without tfjs: the step-by-step cell needs only
// the numbers, so a page that draws hidden states need not download tfjs at all.
import {weightsFromFiles} from "./model-files.js";
import {forecastWeightsFromTensors, type ForecastWeights} from "../models/forecast-model.js";

/** The forecasting RNN's weights for the step-by-step cell, straight from its two files. */
export function forecastWeightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array): ForecastWeights {
  const byName = weightsFromFiles(modelJson, weights);
  const get = (name: string) => {
    const tensor = byName.get(name);
    if (!tensor) throw new Error(`model.json has no weight "${name}" (it has ${[...byName.keys()].join(", ")})`);
    return tensor;
  };
  return forecastWeightsFromTensors(
    [get("rnn/kernel"), get("rnn/recurrent_kernel"), get("rnn/bias")],
    [get("readout/kernel"), get("readout/bias")]
  );
}
