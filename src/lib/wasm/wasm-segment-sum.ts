// UnsortedSegmentSum for tfjs's "wasm" backend (4.22), which has none: without it, training any
// model with an Embedding layer on wasm fails, because the gradient of tf.gather (the embedding
// lookup) is an unsorted segment sum of the output gradient into the rows that were looked up
// ("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'"). tfjs's cpu kernel runs
// one masked sum over the whole input per segment (per vocabulary word: 10,000 passes); here it
// is one pass over the wasm heap, adding each input row into its segment's row.
//
// Nothing happens at import time: `registerWasmSegmentSum(tf)` (idempotent) installs it.
import type {TF} from "../core/tf-types.js";
import type {TensorInfo, KernelArgs, KernelConfig} from "./wasm-kernel-types.js";

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: "float32" | "int32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array;
}

const BACKEND = "wasm";

/**
 * out[s] = Σ x[i] over the i with segmentIds[i] = s (rows of everything after the segment
 * axes); ids outside [0, numSegments) are dropped, as TensorFlow does.
 */
export function unsortedSegmentSumWasm(args: KernelArgs): TensorInfo {
  const {x, segmentIds} = args.inputs;
  const {numSegments} = args.attrs as {numSegments: number};
  const backend = args.backend as WasmHeapBackend;
  if (x.dtype !== "float32" && x.dtype !== "int32") throw new Error(`UnsortedSegmentSum (wasm): unsupported dtype ${x.dtype}`);
  const idCount = segmentIds.shape.reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
  const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  // Allocate first: growing the heap detaches views made before.
  const out = backend.makeOutput(shape, x.dtype);
  const sums = backend.typedArrayFromHeap(out);
  const values = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  sums.fill(0);
  for (let i = 0; i < idCount; i++) {
    const s = ids[i];
    if (!(s >= 0 && s < numSegments)) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) sums[to + j] += values[from + j];
  }
  return out;
}

/** Install the kernel for wasm (once); returns true if it was installed now. */
export function registerWasmSegmentSum(tf: Pick<TF, "getKernel" | "registerKernel">): boolean {
  const existing = tf.getKernel("UnsortedSegmentSum", BACKEND);
  if (existing?.kernelFunc === (unsortedSegmentSumWasm as unknown)) return false;
  if (existing) throw new Error("the wasm backend already has an UnsortedSegmentSum kernel that is not this project's");
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: BACKEND,
    kernelFunc: unsortedSegmentSumWasm as unknown as KernelConfig["kernelFunc"]
  });
  return true;
}
