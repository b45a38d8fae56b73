// The backend build-time training runs on: @tensorflow/tfjs-node where a user has it installed
// (native TensorFlow, the fast path; it cannot install on this project's machines, so that
// branch is untested here), else wasm with this project's conv-gradient kernels. Never the
// pure-JavaScript cpu backend: it is ~100× slower and a build would seem to hang.
import {tf, useBackend} from "./tf-node.js";
import {registerWasmConvBackpropFilter} from "../../../lib/wasm/wasm-conv-backprop-filter.js";
import {registerWasmConvBackpropInput} from "../../../lib/wasm/wasm-conv-backprop-input.js";
import {registerWasmTrainingKernels} from "../../../lib/wasm/wasm-training-kernels.js";

export interface TrainingBackend {
  tf: typeof tf;
  /** "tensorflow" (tfjs-node) or "wasm". */
  name: string;
  /** What runs the convolution gradients, for the metrics files. */
  note: string;
}

/**
 * Start the fastest backend available. `prefer: "wasm"` skips tfjs-node (the results of the
 * two differ in the last digits, so reproducibility checks pin one).
 */
export async function startTrainingBackend({prefer = "auto"}: {prefer?: "auto" | "wasm"} = {}): Promise<TrainingBackend> {
  if (prefer === "auto") {
    const native = await tryTfjsNode();
    if (native) return native;
  }
  try {
    await useBackend("wasm");
  } catch (error) {
    throw new Error(
      `the tfjs wasm backend could not start (${(error as Error).message}); refusing to train on the pure-JavaScript cpu backend, which is ~100× slower`
    );
  }
  registerWasmConvBackpropFilter(tf);
  // On by default: XNNPACK's convolution replaces wasm's plain loop for the input gradient,
  // which roughly doubles CNN training speed here (measured: 733 → 1,125 images/s for conv 16/32 5×5).
  registerWasmConvBackpropInput(tf);
  // Transposed matrix products, max-pool gradients, leading-axis sums and a copy-free Identity
  // (wasm-training-kernels.ts): 1.6× more on the MNIST CNN's training step, and then ~20%.
  registerWasmTrainingKernels(tf);
  return {
    tf,
    name: "wasm",
    note: "tfjs wasm backend (XNNPACK, SIMD, one thread per worker) with this project's Conv2DBackpropFilter, Conv2DBackpropInput, BatchMatMul, MaxPoolGrad, Sum and Identity kernels"
  };
}

async function tryTfjsNode(): Promise<TrainingBackend | null> {
  // A variable specifier: the package is optional, so neither TypeScript nor a bundler may require it.
  const name = "@tensorflow/tfjs-node";
  try {
    await import(/* @vite-ignore */ name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return null;
    process.stderr.write(`@tensorflow/tfjs-node is installed but failed to load (${(error as Error).message}); training on wasm instead\n`);
    return null;
  }
  // tfjs-node registers the "tensorflow" backend with the tfjs it finds, the one imported here
  // when the versions agree.
  try {
    if (!(await tf.setBackend("tensorflow"))) return null;
    await tf.ready();
  } catch {
    return null;
  }
  return {tf, name: "tensorflow", note: "@tensorflow/tfjs-node (native TensorFlow)"};
}
