import {describe, expect, test} from "vitest";
import {PIXELS} from "../../../src/lib/formats/dataset-files.js";
import {mistakenIndices, placeTestImages} from "../../../src/lib/formats/mistake-images.js";

const shipped = (indices: number[]) => {
  const images = new Uint8Array(indices.length * PIXELS);
  indices.forEach((index, i) => images.fill(index + 1, i * PIXELS, (i + 1) * PIXELS));
  return {indexBytes: Uint16Array.from(indices).buffer, images: images.buffer};
};

describe("mistakenIndices", () => {
  test("every index any list holds, ascending, once", () => {
    expect(mistakenIndices([[5, 1], [1, 9], []])).toEqual([1, 5, 9]);
    expect(mistakenIndices([])).toEqual([]);
  });
});

describe("placeTestImages", () => {
  test("puts each shipped image at its test index, zeros elsewhere", () => {
    const {indexBytes, images} = shipped([1, 3]);
    const out = placeTestImages(indexBytes, images, 5, [1, 3]);
    expect(out.length).toBe(5 * PIXELS);
    expect([0, 1, 2, 3, 4].map((i) => out[i * PIXELS])).toEqual([0, 2, 0, 4, 0]);
    expect(out[4 * PIXELS - 1]).toBe(4);
  });
  test("accepts more images than expected (a build whose models trained in the loader ships them all)", () => {
    const {indexBytes, images} = shipped([0, 1, 2]);
    expect(placeTestImages(indexBytes, images, 3, [2])[2 * PIXELS]).toBe(3);
  });
  test("refuses images that miss an expected index, or sizes that disagree", () => {
    const {indexBytes, images} = shipped([1, 3]);
    expect(() => placeTestImages(indexBytes, images, 5, [1, 2, 3])).toThrow("1 of the 3 test images the models got wrong were not shipped");
    expect(() => placeTestImages(indexBytes, images.slice(1), 5, [1])).toThrow("do not make 2 images");
    expect(() => placeTestImages(indexBytes, images, 2, [1])).toThrow("test index 3 is past the 2 test images");
  });
});
