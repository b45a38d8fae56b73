// The IDX parser against hand-made files: good ones, and each way a file can be corrupt.
import {describe, expect, test} from "vitest";
import {encodeIdx, IdxError, parseIdx} from "../../../../src/data/lib/datasets/idx.js";

/** A hand-written IDX file: 2 images of 2×3 bytes. */
const GOOD_IMAGES = Uint8Array.from([
  0x00,
  0x00,
  0x08,
  0x03, // magic: unsigned bytes, 3 dimensions
  0x00,
  0x00,
  0x00,
  0x02, // 2 items
  0x00,
  0x00,
  0x00,
  0x02, // 2 rows
  0x00,
  0x00,
  0x00,
  0x03, // 3 columns
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  255
]);

/** A hand-written label file: 3 labels. */
const GOOD_LABELS = Uint8Array.from([0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x03, 7, 0, 9]);

describe("parseIdx", () => {
  test("reads shape and data of a hand-made image file", () => {
    const {shape, data} = parseIdx(GOOD_IMAGES, "good-images");
    expect(shape).toEqual([2, 2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
  });

  test("reads a label file and checks expectations", () => {
    const {shape, data} = parseIdx(GOOD_LABELS, "good-labels", {rank: 1, count: 3});
    expect(shape).toEqual([3]);
    expect(Array.from(data)).toEqual([7, 0, 9]);
  });

  test("encodeIdx writes exactly the hand-made bytes", () => {
    expect(Array.from(encodeIdx([2, 2, 3], GOOD_IMAGES.subarray(16)))).toEqual(Array.from(GOOD_IMAGES));
  });

  test("works on a view into a larger buffer", () => {
    const padded = new Uint8Array(GOOD_LABELS.length + 5);
    padded.set(GOOD_LABELS, 5);
    expect(Array.from(parseIdx(padded.subarray(5), "offset").data)).toEqual([7, 0, 9]);
  });

  const corrupt: [string, Uint8Array, RegExp, object?][] = [
    ["empty file", new Uint8Array(0), /bad-file: only 0 bytes, too short/],
    [
      "non-zero first bytes",
      Uint8Array.from([0x1f, 0x8b, 0x08, 0x01, 0, 0, 0, 0]),
      /bad-file: bad magic number 0x1f8b0801.*two zero bytes/
    ],
    ["wrong data type", Uint8Array.from([0, 0, 0x0d, 0x01, 0, 0, 0, 1, 0, 0, 0, 0]), /data type 0x0d is not unsigned bytes/],
    ["zero dimensions", Uint8Array.from([0, 0, 0x08, 0x00]), /zero dimensions/],
    ["truncated header", GOOD_IMAGES.subarray(0, 10), /header truncated: 3 dimensions need 16 bytes, the file has 10/],
    ["truncated data", GOOD_IMAGES.subarray(0, 20), /truncated: shape 2×2×3 needs 12 data bytes, the file has 4/],
    ["trailing bytes", Uint8Array.from([...GOOD_LABELS, 1, 2]), /2 unexpected bytes after the 3 data bytes/],
    ["wrong rank", GOOD_LABELS, /has 1 dimensions, expected 3/, {rank: 3}],
    ["wrong count", GOOD_IMAGES, /item count is 2, expected 60000/, {count: 60000}],
    ["wrong item shape", GOOD_IMAGES, /items are 2×3, expected 28×28/, {itemShape: [28, 28]}]
  ];
  test.each(corrupt)("rejects a file with %s, naming the file", (_, bytes, message, expect_ = {}) => {
    expect(() => parseIdx(bytes, "bad-file", expect_)).toThrow(message);
    expect(() => parseIdx(bytes, "bad-file", expect_)).toThrow(IdxError);
  });
});
