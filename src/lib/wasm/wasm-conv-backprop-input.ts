// OPT-IN: a faster `Conv2DBackpropInput` for the tfjs "wasm" backend. Unlike
// Conv2DBackpropFilter (see wasm-conv-backprop-filter.ts), wasm 4.22 has this kernel, but as a
// plain C++ loop: with the fast filter kernel in place it takes about half of a training step of
// a LeNet-like CNN (89 of 177 ms per batch of 64 for conv 32/64 3×3). It is also the kernel
// behind tf.conv2dTranspose.
//
// The input gradient is a convolution of dy with the filter rotated by 180° and its channel axes
// swapped, so the wasm backend's own Conv2D (XNNPACK) can do it:
//
//   dx[b, i, j, ci] = Σ_{kh, kw, co} u[b, i − (fh−1−pt) + kh, j − (fw−1−pl) + kw, co] · W[fh−1−kh, fw−1−kw, ci, co]
//
// where u is dy with stride − 1 zeros inserted after every row and column (u = dy when the
// stride is 1), zero outside. So: upsample dy (Reshape + PadV2, only for strides > 1), Reverse
// and Transpose the small filter to [fh, fw, co, ci], one stride-1 Conv2D with padding
// top = fh−1−pt and bottom as needed, and crop to the input shape if it came out larger.
// Cases this formulation does not cover (NCHW, which the wasm forward Conv2D rejects anyway, or
// an explicit padding larger than the filter) go to the original kernel.
//
// Nothing happens at import time: call `registerWasmConvBackpropInput(tf)` (idempotent) after
// importing "@tensorflow/tfjs-backend-wasm"; `unregisterWasmConvBackpropInput(tf)` restores the
// original kernel.
import type {TF} from "../core/tf-types.js";
import type {DataId, KernelArgs, KernelConfig, Pad, TensorInfo} from "./wasm-kernel-types.js";

export interface Conv2DBackpropInputAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat?: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  inputShape: [number, number, number, number];
}

interface WasmBackendLike {
  disposeData(dataId: DataId, force?: boolean): boolean;
}

type SubKernel = (args: {inputs: Record<string, TensorInfo>; backend: unknown; attrs: Record<string, unknown>}) => TensorInfo;

const KERNEL_NAME = "Conv2DBackpropInput";
const BACKEND_NAME = "wasm";

/** Our kernel functions, each mapped to the config it replaced (null if there was none). */
const replaced = new WeakMap<object, KernelConfig | null>();

/** Build the kernel; `fallback` handles what the conv formulation does not (the original kernel). */
export function makeWasmConvBackpropInputKernel(tf: Pick<TF, "getKernel" | "backend_util">, fallback?: (args: KernelArgs) => TensorInfo) {
  const subKernel = (name: string): SubKernel => {
    const config = tf.getKernel(name, BACKEND_NAME);
    if (config == null) throw new Error(`wasm Conv2DBackpropInput needs the wasm "${name}" kernel`);
    return config.kernelFunc as unknown as SubKernel;
  };

  return function conv2DBackpropInputWasm(args: KernelArgs): TensorInfo {
    const {dy, filter} = args.inputs;
    const backend = args.backend as WasmBackendLike;
    const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropInputAttrs;
    const {strides, pad, dataFormat = "NHWC", dimRoundingMode, inputShape} = attrs;
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(dataFormat)
    );
    const {batchSize, inHeight, inWidth, inChannels, outChannels, strideHeight, strideWidth, filterHeight, filterWidth} = info;
    const padTop = filterHeight - 1 - info.padInfo.top;
    const padLeft = filterWidth - 1 - info.padInfo.left;
    const supported =
      dataFormat === "NHWC" &&
      dy.dtype === "float32" &&
      filter.dtype === "float32" &&
      dy.shape.length === 4 &&
      padTop >= 0 &&
      padLeft >= 0 &&
      dy.shape[0] === batchSize &&
      dy.shape[3] === outChannels &&
      filter.shape[2] === inChannels;
    if (!supported) {
      if (fallback) return fallback(args);
      throw new Error(
        `wasm Conv2DBackpropInput (conv formulation) cannot handle dy [${dy.shape}], filter [${filter.shape}], ${JSON.stringify(attrs)}`
      );
    }
    const [, outHeight, outWidth] = dy.shape;
    const upHeight = outHeight * strideHeight;
    const upWidth = outWidth * strideWidth;
    const padBottom = Math.max(0, inHeight - upHeight + info.padInfo.top);
    const padRight = Math.max(0, inWidth - upWidth + info.padInfo.left);

    const temporaries: TensorInfo[] = [];
    const keep = (t: TensorInfo): TensorInfo => {
      temporaries.push(t);
      return t;
    };
    try {
      // u: dy with stride − 1 zeros after every row and column.
      let u = dy;
      if (strideHeight > 1 || strideWidth > 1) {
        const spread = {dataId: dy.dataId, shape: [batchSize, outHeight, 1, outWidth, 1, outChannels], dtype: dy.dtype};
        const padded = keep(
          subKernel("PadV2")({
            inputs: {x: spread},
            backend,
            attrs: {
              paddings: [
                [0, 0],
                [0, 0],
                [0, strideHeight - 1],
                [0, 0],
                [0, strideWidth - 1],
                [0, 0]
              ],
              constantValue: 0
            }
          })
        );
        u = {dataId: padded.dataId, shape: [batchSize, upHeight, upWidth, outChannels], dtype: padded.dtype};
      }
      // The filter rotated by 180° with its channel axes swapped: [fh, fw, co, ci].
      const reversed = keep(subKernel("Reverse")({inputs: {x: filter}, backend, attrs: {dims: [0, 1]}}));
      const rotated = keep(subKernel("Transpose")({inputs: {x: reversed}, backend, attrs: {perm: [0, 1, 3, 2]}}));
      let dx = keep(
        subKernel("Conv2D")({
          inputs: {x: u, filter: rotated},
          backend,
          attrs: {
            strides: 1,
            dilations: 1,
            pad: [
              [0, 0],
              [padTop, padBottom],
              [padLeft, padRight],
              [0, 0]
            ],
            dataFormat: "NHWC"
          }
        })
      );
      if (dx.shape[1] !== inHeight || dx.shape[2] !== inWidth) {
        if (dx.shape[1] < inHeight || dx.shape[2] < inWidth) throw new Error(`wasm Conv2DBackpropInput: unexpected geometry [${dx.shape}]`);
        dx = keep(
          subKernel("Slice")({inputs: {x: dx}, backend, attrs: {begin: [0, 0, 0, 0], size: [batchSize, inHeight, inWidth, inChannels]}})
        );
      }
      temporaries.splice(temporaries.indexOf(dx), 1);
      return dx;
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
}

/**
 * Replace the wasm backend's Conv2DBackpropInput with the conv formulation. Idempotent: returns
 * true if it replaced the kernel now, false if it was already in place.
 */
export function registerWasmConvBackpropInput(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel" | "backend_util">): boolean {
  const existing = tf.getKernel(KERNEL_NAME, BACKEND_NAME);
  if (existing != null && replaced.has(existing.kernelFunc)) return false;
  const original = existing ?? null;
  const fallback = original ? (original.kernelFunc as unknown as (args: KernelArgs) => TensorInfo) : undefined;
  const kernelFunc = makeWasmConvBackpropInputKernel(tf, fallback);
  replaced.set(kernelFunc, original);
  if (original) tf.unregisterKernel(KERNEL_NAME, BACKEND_NAME);
  tf.registerKernel({
    kernelName: KERNEL_NAME,
    backendName: BACKEND_NAME,
    kernelFunc: kernelFunc as unknown as KernelConfig["kernelFunc"],
    // The original's setup binds its C++ function, which the fallback needs if the wasm backend
    // is initialised only after this registration.
    ...(original?.setupFunc ? {setupFunc: original.setupFunc} : {}),
    ...(original?.disposeFunc ? {disposeFunc: original.disposeFunc} : {})
  });
  return true;
}

/** Put the original kernel back. Returns false if ours was not registered. */
export function unregisterWasmConvBackpropInput(tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel">): boolean {
  const existing = tf.getKernel(KERNEL_NAME, BACKEND_NAME);
  if (existing == null || !replaced.has(existing.kernelFunc)) return false;
  const original = replaced.get(existing.kernelFunc);
  tf.unregisterKernel(KERNEL_NAME, BACKEND_NAME);
  if (original) tf.registerKernel(original);
  return true;
}

/** Whether the wasm Conv2DBackpropInput currently registered is this module's. */
export function isWasmConvBackpropInputRegistered(tf: Pick<TF, "getKernel">): boolean {
  const existing = tf.getKernel(KERNEL_NAME, BACKEND_NAME);
  return existing != null && replaced.has(existing.kernelFunc);
}
