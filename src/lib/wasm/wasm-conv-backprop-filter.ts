// A fast `Conv2DBackpropFilter` kernel for the tfjs "wasm" backend, which (as of 4.22) has none:
// without it, training any conv net on wasm fails ("Kernel 'Conv2DBackpropFilter' not registered
// for backend 'wasm'"), and a JavaScript loop is slow (it was 82 of 130 s per epoch).
//
// The filter gradient is itself a convolution, so the kernel hands the arithmetic to the wasm
// backend's own Conv2D (XNNPACK, SIMD):
//
//   dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh·d − pt, ow·s + kw·d − pl, ci] · dy[b, oh, ow, co]
//
// is a Conv2D of   input  x' = x  transposed to [ci, H, W, b]      (ci plays "batch", b "channels")
//             with filter f' = dy transposed to [oh, ow, b, co]
//             stride = the forward dilation d, dilation = the forward stride s,
//             padding top/left = the forward pt/pl, bottom/right just enough for fh × fw outputs,
// giving [ci, fh, fw, co] (cropped if the input is larger than needed), transposed to
// [fh, fw, ci, co]. NCHW input only changes the two input permutations.
//
// The kernel calls the wasm backend's Transpose, Conv2D and Slice kernel functions directly and
// frees every intermediate with `backend.disposeData`, so the engine sees exactly one new tensor.
//
// Nothing happens at import time: call `registerWasmConvBackpropFilter(tf)` once (it is
// idempotent) after importing "@tensorflow/tfjs-backend-wasm". It works whether or not the wasm
// backend is already the active one. The kernel also accepts an optional, non-standard
// `dilations` attribute (tfjs's conv2d gradient refuses dilations > 1, so only direct
// `runKernel` calls can use it).
//
// With this kernel in place the next-slowest training kernel on wasm is Conv2DBackpropInput;
// wasm-conv-backprop-input.ts has an opt-in replacement built the same way.
import type {TF} from "../core/tf-types.js";
import type {DataId, TensorInfo, Pad} from "./wasm-kernel-types.js";

/** Attributes of Conv2DBackpropFilter, plus the optional `dilations` this kernel understands. */
export interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat?: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  filterShape: [number, number, number, number];
  dilations?: [number, number] | number;
}

/** The one method of the wasm backend this kernel calls itself (the sub-kernels use more). */
interface WasmBackendLike {
  disposeData(dataId: DataId, force?: boolean): boolean;
}

type SubKernel = (args: {inputs: Record<string, TensorInfo>; backend: unknown; attrs: Record<string, unknown>}) => TensorInfo;

const KERNEL_NAME = "Conv2DBackpropFilter";
const BACKEND_NAME = "wasm";

/** Kernel functions registered by this module (one per `tf` namespace it was given). */
const ours = new WeakSet<object>();

function pair(value: [number, number] | number | undefined): [number, number] {
  if (value === undefined) return [1, 1];
  return typeof value === "number" ? [value, value] : [value[0], value[1]];
}

/**
 * Build the kernel function for a given tfjs namespace. Exported for tests and for callers who
 * want to register it themselves; most code should call `registerWasmConvBackpropFilter`.
 */
export function makeWasmConvBackpropFilterKernel(tf: Pick<TF, "getKernel" | "backend_util">) {
  const subKernel = (name: string): SubKernel => {
    const config = tf.getKernel(name, BACKEND_NAME);
    if (config == null) throw new Error(`wasm Conv2DBackpropFilter needs the wasm "${name}" kernel`);
    return config.kernelFunc as unknown as SubKernel;
  };

  return function conv2DBackpropFilterWasm(args: {
    inputs: Record<string, TensorInfo>;
    backend: unknown;
    attrs?: Record<string, unknown>;
  }): TensorInfo {
    const {x, dy} = args.inputs;
    const backend = args.backend as WasmBackendLike;
    const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropFilterAttrs;
    const {strides, pad, dataFormat = "NHWC", dimRoundingMode, filterShape} = attrs;
    if (x.dtype !== "float32" || dy.dtype !== "float32") {
      throw new Error(`wasm Conv2DBackpropFilter needs float32 tensors, got x ${x.dtype}, dy ${dy.dtype}`);
    }
    const [dilationH, dilationW] = pair(attrs.dilations);
    const channelsLast = dataFormat === "NHWC";
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      [dilationH, dilationW],
      pad,
      dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(dataFormat)
    );
    const {batchSize, inHeight, inWidth, inChannels, outChannels, strideHeight, strideWidth} = info;
    const {filterHeight, filterWidth} = info;
    // The output size comes from dy itself, not from `info`: tfjs's conv2d gradient drops
    // dimRoundingMode, so for a forward conv with 'ceil' rounding dy can be one row or column
    // larger than `info` says. Using all of dy gives the true gradient (the cpu kernel ignores
    // the surplus row); with consistent attributes the two agree.
    const [outHeight, outWidth] = channelsLast ? [dy.shape[1], dy.shape[2]] : [dy.shape[2], dy.shape[3]];
    const dyChannels = channelsLast ? dy.shape[3] : dy.shape[1];
    if (x.shape.length !== 4 || dy.shape.length !== 4 || dy.shape[0] !== batchSize || dyChannels !== outChannels) {
      throw new Error(
        `wasm Conv2DBackpropFilter: x [${x.shape}] and dy [${dy.shape}] (${dataFormat}) do not fit ` +
          `filter [${filterShape}]: need rank 4, equal batch sizes and ${outChannels} dy channels`
      );
    }

    const top = info.padInfo.top;
    const left = info.padInfo.left;
    // Bottom/right padding so that exactly filterHeight × filterWidth outputs fit; if the input
    // already reaches further than needed, pad nothing and crop the surplus afterwards.
    const bottom = Math.max(0, (filterHeight - 1) * dilationH + (outHeight - 1) * strideHeight + 1 - inHeight - top);
    const right = Math.max(0, (filterWidth - 1) * dilationW + (outWidth - 1) * strideWidth + 1 - inWidth - left);
    // Invariant (XNNPACK would write out of bounds otherwise): the padded input holds the whole
    // dilated "filter" dy and yields at least filterHeight × filterWidth outputs.
    const convHeight = Math.floor((inHeight + top + bottom - (outHeight - 1) * strideHeight - 1) / dilationH) + 1;
    const convWidth = Math.floor((inWidth + left + right - (outWidth - 1) * strideWidth - 1) / dilationW) + 1;
    if (!(outHeight >= 1 && outWidth >= 1 && convHeight >= filterHeight && convWidth >= filterWidth)) {
      throw new Error(`wasm Conv2DBackpropFilter: unexpected geometry for x [${x.shape}], dy [${dy.shape}]`);
    }

    const transpose = subKernel("Transpose");
    const conv2D = subKernel("Conv2D");
    const temporaries: TensorInfo[] = [];
    const keep = <T extends TensorInfo>(t: T): T => {
      temporaries.push(t);
      return t;
    };
    try {
      // x → [ci, H, W, b]; dy → [oh, ow, b, co].
      const xT = keep(transpose({inputs: {x}, backend, attrs: {perm: channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]}}));
      const dyT = keep(transpose({inputs: {x: dy}, backend, attrs: {perm: channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]}}));
      let y = keep(
        conv2D({
          inputs: {x: xT, filter: dyT},
          backend,
          attrs: {
            strides: [dilationH, dilationW],
            dilations: [strideHeight, strideWidth],
            pad: [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0]
            ],
            dataFormat: "NHWC"
          }
        })
      );
      // y: [ci, ≥fh, ≥fw, co]
      if (y.shape[1] !== filterHeight || y.shape[2] !== filterWidth) {
        y = keep(
          subKernel("Slice")({
            inputs: {x: y},
            backend,
            attrs: {begin: [0, 0, 0, 0], size: [inChannels, filterHeight, filterWidth, outChannels]}
          })
        );
      }
      if (inChannels === 1) {
        // [1, fh, fw, co] and [fh, fw, 1, co] share a memory layout: hand over y's data as is.
        temporaries.splice(temporaries.indexOf(y), 1);
        return {dataId: y.dataId, shape: [filterHeight, filterWidth, 1, outChannels], dtype: "float32"};
      }
      return transpose({inputs: {x: y}, backend, attrs: {perm: [1, 2, 0, 3]}});
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
}

/**
 * Register the kernel for the "wasm" backend. Idempotent: returns true if it registered the
 * kernel now, false if a Conv2DBackpropFilter kernel for wasm already existed (this one, or a
 * native one in a future tfjs-backend-wasm, which is then kept unless `force` is set).
 */
export function registerWasmConvBackpropFilter(
  tf: Pick<TF, "getKernel" | "registerKernel" | "unregisterKernel" | "backend_util">,
  {force = false}: {force?: boolean} = {}
): boolean {
  const existing = tf.getKernel(KERNEL_NAME, BACKEND_NAME);
  if (existing != null) {
    if (ours.has(existing.kernelFunc) || !force) return false;
    tf.unregisterKernel(KERNEL_NAME, BACKEND_NAME);
  }
  const kernelFunc = makeWasmConvBackpropFilterKernel(tf);
  ours.add(kernelFunc);
  tf.registerKernel({
    kernelName: KERNEL_NAME,
    backendName: BACKEND_NAME,
    kernelFunc: kernelFunc as unknown as Parameters<TF["registerKernel"]>[0]["kernelFunc"]
  });
  return true;
}

/** Whether the kernel currently registered for wasm (if any) is the one from this module. */
export function isWasmConvBackpropFilterRegistered(tf: Pick<TF, "getKernel">): boolean {
  const existing = tf.getKernel(KERNEL_NAME, BACKEND_NAME);
  return existing != null && ours.has(existing.kernelFunc);
}
