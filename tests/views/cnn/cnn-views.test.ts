// The pure parts of the CNN pages' view components (the DOM drawing is covered by the browser
// suite): value ranges and colour extents, number formats, layer labels, and waiting for a click.
import {describe, expect, it} from "vitest";
import {formatWeight, rangeText} from "../../../src/views/cnn/feature-maps.js";
import {divergingExtent, valueRange} from "../../../src/ui/map-canvas.js";
import {layerLabel} from "../../../src/views/cnn/cnn-layers.js";
import {nextClick} from "../../../src/ui/action-button.js";
import {LENET5} from "../../../src/lib/models/cnn-description.js";

describe("feature map numbers", () => {
  it("value ranges, with an empty map as 0…0", () => {
    expect(valueRange([3, -2, 7.5, 0])).toEqual([-2, 7.5]);
    expect(valueRange([])).toEqual([0, 0]);
  });

  it("the diverging extent is the 99th percentile of |value|, so one outlier does not wash out a map", () => {
    const values = Array.from({length: 1000}, (_, i) => (i % 2 ? 1 : -1) * (i / 1000));
    values[500] = 1000; // one outlier
    expect(divergingExtent(values)).toBeCloseTo(0.99, 2);
    expect(divergingExtent([0, 0, 0])).toBe(1); // a flat map still gets a usable scale
    expect(divergingExtent([0, 0, -4])).toBe(4);
  });

  it("prints true minus signs and no −0", () => {
    expect(rangeText([-1.2345, 250.4])).toBe("\u22121.23 … 250");
    expect(rangeText([-0.001, 12.34])).toBe("0.00 … 12.3");
    expect(formatWeight(-1)).toBe("\u22121");
    expect(formatWeight(0.0625)).toBe("0.063");
    expect(formatWeight(0.001)).toBe("0.001");
    expect(formatWeight(-0.0001)).toBe("\u22121e\u22124");
  });
});

describe("layer labels", () => {
  it("spell out LeNet-5", () => {
    expect(LENET5.layers.map(layerLabel)).toEqual([
      "conv 6@5×5, same, relu",
      "avg pool 2×2",
      "conv 16@5×5, valid, relu",
      "avg pool 2×2",
      "flatten",
      "dense 120, relu",
      "dense 84, relu",
      "dense 10, softmax"
    ]);
    expect(layerLabel({type: "conv", filters: 3, kernel: [3, 5], stride: 2})).toBe("conv 3@3×5, stride 2, valid, relu");
  });
});

describe("nextClick", () => {
  it("resolves true on a click and false when its cell is invalidated, and stops listening", async () => {
    const button = new EventTarget() as unknown as HTMLElement;
    const clicked = nextClick(button, new Promise(() => {}));
    button.dispatchEvent(new Event("click"));
    expect(await clicked).toBe(true);
    let invalidate!: () => void;
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    const abandoned = nextClick(button, invalidation);
    invalidate();
    expect(await abandoned).toBe(false);
  });
});
