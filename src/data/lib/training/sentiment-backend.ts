// The backend the sentiment networks train on: the project's training backend (tfjs-node where
// a user has it, else wasm with the project's kernels) plus a kernel for the embedding's
// gradient on wasm. Both threads call this, so both get the same backend.
import {startTrainingBackend, type TrainingBackend} from "./training-backend.js";
import {registerWasmSegmentSum} from "../../../lib/wasm/wasm-segment-sum.js";

export async function startSentimentBackend(): Promise<TrainingBackend> {
  const backend = await startTrainingBackend();
  if (backend.name !== "wasm") return backend;
  registerWasmSegmentSum(backend.tf);
  return {
    ...backend,
    note: "tfjs wasm backend (XNNPACK, SIMD) with this project's kernels for transposed products and the embedding's gradient"
  };
}
