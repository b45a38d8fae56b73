// Two more kernel replacements for training on the tfjs "wasm" backend (4.22), beside the conv
// gradients (wasm-conv-backprop-filter.ts, wasm-conv-backprop-input.ts). Profiling one training
// step of the MNIST CNN (conv 16/32 5×5, dense 128, batch 64) showed these two taking 24 of
// 60 ms:
//
// - BatchMatMul with transposeA or transposeB: wasm sends every transposed product to a plain
//   C++ loop; only the untransposed one goes to XNNPACK. A dense layer's backward pass needs
//   both transposed forms (xᵀ·dy for the weights, dy·Wᵀ for the input), 5–9× slower than an
//   explicit Transpose followed by the fast product. So: transpose explicitly, then call the
//   original kernel untransposed.
// - MaxPoolGrad: wasm's loop is slow for the channels-last layout (~13 ms for two pools).
//   Here it is a JavaScript loop over the wasm heap: find each window's maximum (the first on
//   ties, as the cpu kernel does) and add dy there.
//
// Nothing happens at import time: `registerWasmTrainingKernels(tf)` (idempotent) installs both;
// `unregisterWasmTrainingKernels(tf)` restores the originals.
import type {TF} from "../../components/tf-types.js";

type DataId = object;
interface TensorInfo {
  dataId: DataId;
  shape: number[];
  dtype: "float32" | "int32" | "bool" | "complex64" | "string";
}
type KernelArgs = {inputs: Record<string, TensorInfo>; backend: unknown; attrs?: Record<string, unknown>};
type KernelFunc = (args: KernelArgs) => TensorInfo;
type KernelConfig = NonNullable<ReturnType<TF["getKernel"]>>;

interface WasmHeapBackend {
  disposeData(dataId: DataId, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

const BACKEND = "wasm";
/** Our kernel functions, each mapped to the config it replaced. */
const replaced = new WeakMap<object, KernelConfig>();

/** BatchMatMul that never hands a transposed operand to wasm's slow loop. */
export function makeBatchMatMulKernel(tf: Pick<TF, "getKernel">, original: KernelFunc): KernelFunc {
  return function batchMatMulWasm(args: KernelArgs): TensorInfo {
    const {a, b} = args.inputs;
    const attrs = (args.attrs ?? {}) as {transposeA?: boolean; transposeB?: boolean};
    if ((!attrs.transposeA && !attrs.transposeB) || a.dtype !== "float32" || b.dtype !== "float32") return original(args);
    const transpose = tf.getKernel("Transpose", BACKEND)!.kernelFunc as unknown as KernelFunc;
    const backend = args.backend as WasmHeapBackend;
    const swapLast = (t: TensorInfo): TensorInfo => {
      const rank = t.shape.length;
      const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
      return transpose({inputs: {x: t}, backend, attrs: {perm}});
    };
    const temporaries: TensorInfo[] = [];
    try {
      const a2 = attrs.transposeA ? (temporaries.push(swapLast(a)), temporaries[temporaries.length - 1]) : a;
      const b2 = attrs.transposeB ? (temporaries.push(swapLast(b)), temporaries[temporaries.length - 1]) : b;
      return original({inputs: {a: a2, b: b2}, backend, attrs: {...attrs, transposeA: false, transposeB: false}});
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
}

/** MaxPoolGrad (2-D, NHWC, any size, stride and padding) as a loop over the wasm heap. */
export function makeMaxPoolGradKernel(tf: Pick<TF, "backend_util">): KernelFunc {
  return function maxPoolGradWasm(args: KernelArgs): TensorInfo {
    const {dy, input} = args.inputs;
    const backend = args.backend as WasmHeapBackend;
    const {filterSize, strides, pad, dimRoundingMode} = args.attrs as {
      filterSize: [number, number] | number;
      strides: [number, number] | number;
      pad: "valid" | "same" | number;
      dimRoundingMode?: "floor" | "round" | "ceil";
    };
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    const {batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth} = info;
    const {effectiveFilterHeight: fh, effectiveFilterWidth: fw} = info;
    const {top, left} = info.padInfo;
    // Allocate first: growing the heap detaches views made before.
    const out = backend.makeOutput(input.shape, "float32");
    const dx = backend.typedArrayFromHeap(out);
    const x = backend.typedArrayFromHeap(input);
    const dys = backend.typedArrayFromHeap(dy);
    dx.fill(0);
    // Per window, scan its pixels in row-major order with the channels innermost (contiguous
    // in NHWC), keeping each channel's best value and where it was.
    const bestValue = new Float32Array(channels);
    const bestIndex = new Int32Array(channels);
    for (let b = 0; b < batchSize; b++) {
      const base = b * inHeight * inWidth * channels;
      for (let oh = 0; oh < outHeight; oh++) {
        const r0 = oh * strideHeight - top;
        const rStart = Math.max(0, r0);
        const rEnd = Math.min(inHeight, r0 + fh);
        for (let ow = 0; ow < outWidth; ow++) {
          const c0 = ow * strideWidth - left;
          const cStart = Math.max(0, c0);
          const cEnd = Math.min(inWidth, c0 + fw);
          bestValue.fill(-Infinity);
          bestIndex.fill(-1);
          for (let r = rStart; r < rEnd; r++) {
            for (let c = cStart; c < cEnd; c++) {
              const i0 = base + (r * inWidth + c) * channels;
              for (let ch = 0; ch < channels; ch++) {
                const v = x[i0 + ch];
                if (v > bestValue[ch]) (bestValue[ch] = v), (bestIndex[ch] = i0 + ch);
              }
            }
          }
          const dyBase = ((b * outHeight + oh) * outWidth + ow) * channels;
          for (let ch = 0; ch < channels; ch++) if (bestIndex[ch] >= 0) dx[bestIndex[ch]] += dys[dyBase + ch];
        }
      }
    }
    return out;
  };
}

function replace(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel">, name: string, make: (original: KernelConfig) => KernelFunc): boolean {
  const existing = tf.getKernel(name, BACKEND);
  if (existing == null) throw new Error(`the wasm backend has no ${name} kernel to replace`);
  if (replaced.has(existing.kernelFunc)) return false;
  const kernelFunc = make(existing);
  replaced.set(kernelFunc, existing);
  tf.unregisterKernel(name, BACKEND);
  tf.registerKernel({
    kernelName: name,
    backendName: BACKEND,
    kernelFunc: kernelFunc as unknown as KernelConfig["kernelFunc"],
    // The original's setup binds its C++ function, which our fallback path still calls.
    ...(existing.setupFunc ? {setupFunc: existing.setupFunc} : {}),
    ...(existing.disposeFunc ? {disposeFunc: existing.disposeFunc} : {})
  });
  return true;
}

function restore(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel">, name: string): boolean {
  const existing = tf.getKernel(name, BACKEND);
  if (existing == null || !replaced.has(existing.kernelFunc)) return false;
  tf.unregisterKernel(name, BACKEND);
  tf.registerKernel(replaced.get(existing.kernelFunc)!);
  return true;
}

/** Install both kernels for wasm. Idempotent; returns true if anything was replaced now. */
export function registerWasmTrainingKernels(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel" | "backend_util">): boolean {
  const matMul = replace(tf, "BatchMatMul", (original) => makeBatchMatMulKernel(tf, original.kernelFunc as unknown as KernelFunc));
  const pool = replace(tf, "MaxPoolGrad", () => makeMaxPoolGradKernel(tf));
  return matMul || pool;
}

/** Put wasm's own BatchMatMul and MaxPoolGrad back. */
export function unregisterWasmTrainingKernels(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel">): boolean {
  const matMul = restore(tf, "BatchMatMul");
  const pool = restore(tf, "MaxPoolGrad");
  return matMul || pool;
}
