// A trained tfjs layers model as two zip members and back: model.json (the standard tfjs
// format: topology plus a weights manifest naming weights.bin) and weights.bin. Framework
// renames files by content hash, so the page rebuilds the model in memory from both members
// (tf.io.fromMemory) instead of letting tfjs fetch "weights.bin" by a relative path.
// A minimal version written for the forecasting loader; the generic helpers for build-time
// models (issue 4) do the same and can replace it.
import type {LayersModel} from "@tensorflow/tfjs";
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

/** Rebuilds the model; a weights file that does not fit the manifest gets a message, not garbage. */
export async function loadModelFiles(tf: TF, modelJson: unknown, weights: ArrayBuffer | Uint8Array): Promise<LayersModel> {
  const json = modelJson as {modelTopology?: object; weightsManifest?: {weights: WeightSpec[]}[]};
  if (!json?.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error("model.json is not a tfjs layers model (no topology or weights manifest)");
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const expected = weightSpecs.reduce((sum, spec) => sum + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
  if (weightSpecs.some((spec) => spec.dtype !== "float32")) throw new Error("model.json has weights that are not float32");
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  if (bytes.byteLength !== expected) throw new Error(`weights.bin has ${bytes.byteLength} bytes, but model.json describes ${expected}`);
  const weightData = bytes.slice().buffer;
  return tf.loadLayersModel(tf.io.fromMemory({modelTopology: json.modelTopology, weightSpecs: weightSpecs as never, weightData}));
}
