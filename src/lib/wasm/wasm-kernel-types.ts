// The few tfjs kernel-level types our wasm kernels need. tfjs-core does not export them from
// its public entry, so they are stated once here, structurally.
import type {TF} from "../core/tf-types.js";

export type DataType = "float32" | "int32" | "bool" | "complex64" | "string";
export type DataId = object;
export interface TensorInfo {
  dataId: DataId;
  shape: number[];
  dtype: DataType;
}
/** Convolution padding as kernels receive it. */
export type Pad = "valid" | "same" | number | [[number, number], [number, number], [number, number], [number, number]];
export type KernelArgs = {inputs: Record<string, TensorInfo>; backend: unknown; attrs?: Record<string, unknown>};
export type KernelConfig = NonNullable<ReturnType<TF["getKernel"]>>;
