// A parser for the IDX format of the original MNIST files (LeCun & Cortes): a 4-byte magic
// number (two zero bytes, a type code, the number of dimensions), one big-endian uint32 per
// dimension, then the items. MNIST uses only unsigned bytes (type 0x08).

export interface IdxArray {
  /** Sizes of every dimension; the first is the item count. */
  shape: number[];
  /** The items, row-major, one byte each. */
  data: Uint8Array;
}

export interface IdxExpectation {
  /** Number of dimensions, e.g. 3 for images and 1 for labels. */
  rank?: number;
  /** Expected item count (the first dimension). */
  count?: number;
  /** Expected sizes of the dimensions after the first, e.g. [28, 28]. */
  itemShape?: number[];
}

export class IdxError extends Error {
  constructor(
    readonly file: string,
    problem: string
  ) {
    super(`${file}: ${problem}`);
    this.name = "IdxError";
  }
}

const UNSIGNED_BYTE = 0x08;

/** Parse an IDX file of unsigned bytes; `file` names it in error messages. */
export function parseIdx(bytes: Uint8Array, file: string, expect: IdxExpectation = {}): IdxArray {
  const fail = (problem: string): never => {
    throw new IdxError(file, problem);
  };
  if (bytes.length < 4) fail(`only ${bytes.length} bytes, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] !== 0 || bytes[1] !== 0) fail(`bad magic number 0x${hex(magic)}: an IDX file starts with two zero bytes`);
  if (bytes[2] !== UNSIGNED_BYTE)
    fail(`bad magic number 0x${hex(magic)}: data type 0x${bytes[2].toString(16).padStart(2, "0")} is not unsigned bytes (0x08)`);
  const rank = bytes[3];
  if (rank === 0) fail(`bad magic number 0x${hex(magic)}: zero dimensions`);
  if (expect.rank !== undefined && rank !== expect.rank) fail(`has ${rank} dimensions, expected ${expect.rank}`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) fail(`header truncated: ${rank} dimensions need ${headerLength} bytes, the file has ${bytes.length}`);
  const shape = Array.from({length: rank}, (_, i) => view.getUint32(4 + 4 * i));
  const [count, ...itemShape] = shape;
  if (expect.count !== undefined && count !== expect.count) fail(`item count is ${count}, expected ${expect.count}`);
  if (expect.itemShape && !sameShape(itemShape, expect.itemShape)) {
    fail(`items are ${itemShape.join("×") || "scalars"}, expected ${expect.itemShape.join("×")}`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerLength;
  if (available < size) fail(`truncated: shape ${shape.join("×")} needs ${size} data bytes, the file has ${available}`);
  if (available > size) fail(`${available - size} unexpected bytes after the ${size} data bytes of shape ${shape.join("×")}`);
  return {shape, data: bytes.subarray(headerLength)};
}

/** Serialise bytes as an IDX file (used to make test fixtures and to round-trip). */
export function encodeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = shape.length;
  shape.forEach((n, i) => view.setUint32(4 + 4 * i, n));
  out.set(data, 4 + 4 * shape.length);
  return out;
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}
