// The weights of a tfjs recurrent layer, in the order and layout `layer.getWeights()` returns:
// kernel [inputDim, gates·units], recurrentKernel [units, gates·units], bias [gates·units]
// (absent with useBias: false). Gates sit side by side along the columns: SimpleRNN has one
// block, GRU three (z, r, h), LSTM four (i, f, c, o).
import type {Matrix, Vector} from "../core/matvec.js";
import {matrixFromFlat} from "../core/matvec.js";

export interface CellWeights {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias?: Vector | null;
}

/** What the cells need of a tfjs tensor, so this module does not import tfjs. */
export interface TensorLike {
  shape: number[];
  dataSync(): ArrayLike<number>;
}

/** Copies `layer.getWeights()` (or a saved model's weight tensors) into plain arrays. */
export function cellWeightsFromTensors(tensors: readonly TensorLike[]): CellWeights {
  const [kernel, recurrentKernel, bias] = tensors;
  if (!kernel || !recurrentKernel || kernel.shape.length !== 2 || recurrentKernel.shape.length !== 2) {
    throw new Error("expected [kernel, recurrentKernel, bias?] as returned by layer.getWeights()");
  }
  const rows = (t: TensorLike) => matrixFromFlat(Float32Array.from(t.dataSync()), t.shape[0], t.shape[1]);
  return {
    kernel: rows(kernel),
    recurrentKernel: rows(recurrentKernel),
    bias: bias ? Float32Array.from(bias.dataSync()) : null
  };
}

/**
 * Checks shapes against the state and returns `units`. Catching a mismatch here gives a message
 * that names the weight, instead of NaNs drawn on a page.
 */
export function checkCellWeights(
  {kernel, recurrentKernel, bias}: CellWeights,
  gates: number,
  cell: string
): {units: number; inputDim: number} {
  const units = recurrentKernel.length;
  const width = gates * units;
  const inputDim = kernel.length;
  if (inputDim > 0 && kernel[0].length !== width) {
    throw new Error(`${cell}: kernel has ${kernel[0].length} columns, expected ${gates}·${units} = ${width}`);
  }
  if (units > 0 && recurrentKernel[0].length !== width) {
    throw new Error(`${cell}: recurrentKernel has ${recurrentKernel[0].length} columns, expected ${width}`);
  }
  if (bias && bias.length !== width) {
    throw new Error(`${cell}: bias has ${bias.length} entries, expected ${width}`);
  }
  return {units, inputDim};
}

export function checkLength(v: {length: number}, n: number, what: string): void {
  if (v.length !== n) throw new Error(`${what} has length ${v.length}, expected ${n}`);
}
