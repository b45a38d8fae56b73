// A tfjs backend for training in a page, chosen by the reader. tfjs's wasm backend has no
// Conv2DBackpropFilter (a CNN cannot train on it as shipped), so on wasm this registers the
// project's training kernels, the same ones the build-time loaders use (src/data/lib/wasm-*.ts).
import {tf, chooseBackend, type BackendName} from "./tf-browser.js";
import {registerWasmConvBackpropFilter} from "../lib/wasm/wasm-conv-backprop-filter.js";
import {registerWasmConvBackpropInput} from "../lib/wasm/wasm-conv-backprop-input.js";
import {registerWasmTrainingKernels} from "../lib/wasm/wasm-training-kernels.js";

export const BACKENDS: readonly BackendName[] = ["webgl", "wasm", "cpu"];

/** The backend in use after asking for `wanted`: it, or the next of webgl → wasm → cpu that starts. */
export async function startTrainingBackend(wanted: BackendName): Promise<BackendName> {
  const order = [wanted, ...BACKENDS.filter((b) => b !== wanted)];
  const name = await chooseBackend(order);
  // Idempotent; registering ahead of use costs nothing.
  if (name === "wasm") {
    registerWasmConvBackpropFilter(tf);
    registerWasmConvBackpropInput(tf);
    registerWasmTrainingKernels(tf);
  }
  return name;
}
