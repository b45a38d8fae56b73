// More kernel replacements for training on the tfjs "wasm" backend (4.22), beside the conv
// gradients (wasm-conv-backprop-filter.ts, wasm-conv-backprop-input.ts). Profiling one training
// step of the MNIST CNN (conv 16/32 5×5, dense 128, batch 64) showed the first two taking 24 of
// 60 ms, and the last two ~7 of 35 ms of a half batch:
//
// - BatchMatMul with transposeA or transposeB: wasm sends every transposed product to a plain
//   C++ loop; only the untransposed one goes to XNNPACK. A dense layer's backward pass needs
//   both transposed forms (xᵀ·dy for the weights, dy·Wᵀ for the input), 5–9× slower than an
//   explicit Transpose followed by the fast product. So: transpose explicitly, then call the
//   original kernel untransposed.
// - MaxPoolGrad: wasm's loop is slow for the channels-last layout (~13 ms for two pools).
//   Here it is a JavaScript loop over the wasm heap: find each window's maximum (the first on
//   ties, as the cpu kernel does) and add dy there, with a straight path for 2×2 windows.
// - Identity: wasm copies the data; every other backend shares it (tensors are immutable), as
//   wasm's own Reshape does. Gradients pass through it dozens of times a step.
// - Sum over the leading axes (a bias gradient: over batch, rows and columns): wasm transposes
//   the whole tensor to put those axes last, then sums. Here it is one product with a row of
//   ones, [1 × M]·[M × C], which XNNPACK does fast; other sums go to the original kernel.
//
// Nothing happens at import time: `registerWasmTrainingKernels(tf)` (idempotent) installs them
// all; `unregisterWasmTrainingKernels(tf)` restores the originals.
import type {TF} from "../core/tf-types.js";
import type {DataId, TensorInfo, KernelArgs, KernelConfig} from "./wasm-kernel-types.js";

type KernelFunc = (args: KernelArgs) => TensorInfo;

interface WasmHeapBackend {
  disposeData(dataId: DataId, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  incRef(dataId: DataId): void;
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
    const kept = (t: TensorInfo): TensorInfo => {
      temporaries.push(t);
      return t;
    };
    try {
      const a2 = attrs.transposeA ? kept(swapLast(a)) : a;
      const b2 = attrs.transposeB ? kept(swapLast(b)) : b;
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
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode
    );
    const {batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth} = info;
    const {effectiveFilterHeight: fh, effectiveFilterWidth: fw} = info;
    const {top, left} = info.padInfo;
    // Allocate first: growing the heap detaches views made before.
    const out = backend.makeOutput(input.shape, "float32");
    const dx = backend.typedArrayFromHeap(out);
    const x = backend.typedArrayFromHeap(input);
    const dys = backend.typedArrayFromHeap(dy);
    dx.fill(0);
    if (
      fh === 2 &&
      fw === 2 &&
      strideHeight === 2 &&
      strideWidth === 2 &&
      top === 0 &&
      left === 0 &&
      outHeight * 2 <= inHeight &&
      outWidth * 2 <= inWidth
    ) {
      // Non-overlapping 2×2 windows inside the input (the usual pooling): four candidates each.
      const row = inWidth * channels;
      for (let b = 0; b < batchSize; b++) {
        for (let oh = 0; oh < outHeight; oh++) {
          for (let ow = 0; ow < outWidth; ow++) {
            const i0 = b * inHeight * row + 2 * oh * row + 2 * ow * channels;
            const o = ((b * outHeight + oh) * outWidth + ow) * channels;
            for (let ch = 0; ch < channels; ch++) {
              // The same rule as the general loop: the first strictly greater value wins.
              const a = i0 + ch;
              let at = -1;
              let best = -Infinity;
              if (x[a] > best) {
                best = x[a];
                at = a;
              }
              if (x[a + channels] > best) {
                best = x[a + channels];
                at = a + channels;
              }
              if (x[a + row] > best) {
                best = x[a + row];
                at = a + row;
              }
              if (x[a + row + channels] > best) at = a + row + channels;
              if (at >= 0) dx[at] += dys[o + ch];
            }
          }
        }
      }
      return out;
    }
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
                if (v > bestValue[ch]) {
                  bestValue[ch] = v;
                  bestIndex[ch] = i0 + ch;
                }
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

/** Identity that shares the input's memory (with a reference count), as Reshape does. */
export function makeIdentityKernel(original: KernelFunc): KernelFunc {
  return function identityWasm(args: KernelArgs): TensorInfo {
    const {x} = args.inputs;
    if (x.dtype === "string") return original(args);
    (args.backend as WasmHeapBackend).incRef(x.dataId);
    return {dataId: x.dataId, shape: x.shape, dtype: x.dtype};
  };
}

/** Sum of float32 data over its leading axes as a product with ones; anything else to `original`. */
export function makeSumKernel(tf: Pick<TF, "getKernel" | "util">, original: KernelFunc): KernelFunc {
  return function sumWasm(args: KernelArgs): TensorInfo {
    const {x} = args.inputs;
    const {axis, keepDims} = (args.attrs ?? {}) as {axis: number | number[]; keepDims?: boolean};
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (x.dtype !== "float32" || !leading) return original(args);
    const backend = args.backend as WasmHeapBackend;
    const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
    const kept = x.shape.slice(axes.length);
    const columns = kept.reduce((a, b) => a * b, 1);
    if (rows === 0 || columns === 0) return original(args);
    const matMul = tf.getKernel("BatchMatMul", BACKEND)!.kernelFunc as unknown as KernelFunc;
    const ones = backend.makeOutput([1, 1, rows], "float32");
    backend.typedArrayFromHeap(ones).fill(1);
    try {
      const matrix = {dataId: x.dataId, shape: [1, rows, columns], dtype: x.dtype};
      const out = matMul({inputs: {a: ones, b: matrix}, backend, attrs: {transposeA: false, transposeB: false}});
      return {...out, shape: keepDims ? [...axes.map(() => 1), ...kept] : kept};
    } finally {
      backend.disposeData(ones.dataId);
    }
  };
}

function replace(
  tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel">,
  name: string,
  make: (original: KernelConfig) => KernelFunc
): boolean {
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

const NAMES = ["BatchMatMul", "MaxPoolGrad", "Identity", "Sum"] as const;

/** Install every kernel for wasm. Idempotent; returns true if anything was replaced now. */
export function registerWasmTrainingKernels(
  tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel" | "backend_util" | "util">
): boolean {
  const made = {
    BatchMatMul: (original: KernelConfig) => makeBatchMatMulKernel(tf, original.kernelFunc as unknown as KernelFunc),
    MaxPoolGrad: () => makeMaxPoolGradKernel(tf),
    Identity: (original: KernelConfig) => makeIdentityKernel(original.kernelFunc as unknown as KernelFunc),
    Sum: (original: KernelConfig) => makeSumKernel(tf, original.kernelFunc as unknown as KernelFunc)
  };
  return NAMES.map((name) => replace(tf, name, made[name])).some(Boolean);
}

/** Put wasm's own kernels back. */
export function unregisterWasmTrainingKernels(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel">): boolean {
  return NAMES.map((name) => restore(tf, name)).some(Boolean);
}
