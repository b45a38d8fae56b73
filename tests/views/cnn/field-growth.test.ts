// The "Why convolution" page's calculator and field drawing: counts by hand, and the drawn cone
// checked against the links it draws (every cone neuron is reached from the top, nothing else is).
// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {compareLayers, layerChart, layerTable} from "../../../src/views/cnn/layer-counts.js";
import {fieldDiagram, fieldGrowthChart, layerStack} from "../../../src/views/cnn/field-growth.js";
import {message, value} from "../../helpers/tensor-helpers.js";

const lecture = {height: "100", width: "100", channels: "1", neurons: "1,000", kernel: "3", filters: "10"};

describe("the connection calculator", () => {
  it("counts the lecture's 10 million connections and a 3×3 conv layer by hand", () => {
    const c = value(compareLayers(lecture));
    expect(c.dense.connections).toBe(10_000_000);
    expect(c.dense.parameters).toBe(10_001_000);
    // 10 maps of 100×100 neurons, each reading 3·3 inputs; (9 weights + 1 bias) per filter.
    expect(c.conv.neurons).toBe(100_000);
    expect(c.conv.connections).toBe(900_000);
    expect(c.conv.parameters).toBe(100);
    const rgb = value(compareLayers({...lecture, channels: "3", height: "200"}));
    expect(rgb.dense.connections).toBe(200 * 100 * 3 * 1000);
    expect(rgb.conv.parameters).toBe((27 + 1) * 10);
  });

  it("shows the counts in a table and a chart", () => {
    const c = value(compareLayers(lecture));
    expect(layerTable(c).textContent).toContain("10,000,000");
    const chart = layerChart(c, {width: 500});
    expect(chart.getAttribute("aria-label")).toContain("fully connected 10,000,000");
  });

  it("says what is wrong with bad sizes", () => {
    expect(message(compareLayers({...lecture, height: ""}))).toBe("Image height is empty.");
    expect(message(compareLayers({...lecture, neurons: "lots"}))).toBe('Neurons: "lots" is not a number.');
    expect(message(compareLayers({...lecture, filters: "0"}))).toBe("Filters must be at least 1 (got 0).");
    expect(message(compareLayers({...lecture, width: "-5"}))).toBe("Image width must be at least 1 (got -5).");
    expect(message(compareLayers({...lecture, kernel: "7", height: "5"}))).toBe("A 7×7 kernel does not fit in a 5×100 image.");
  });
});

describe("the growing receptive field", () => {
  it("stacks layers with optional pooling", () => {
    expect(layerStack({convLayers: 2, kernel: 3, pool: true}).map((l) => `${l.kind}${l.kernel}/${l.stride}`)).toEqual([
      "conv3/1",
      "pool2/2",
      "conv3/1",
      "pool2/2"
    ]);
  });

  it("grows 3, 5, 7 through three 3×3 layers, centred where the kernels put it", () => {
    const d = value(fieldDiagram(28, layerStack({convLayers: 3, kernel: 3}), 10));
    expect(d.steps.map((s) => s.field)).toEqual([1, 3, 5, 7]);
    expect(d.steps.map((s) => s.size)).toEqual([28, 26, 24, 22]);
    // Neuron 10 of layer 3 (valid 3×3 convolutions) is centred on input pixel 10 + 3 = 13, seeing 10…16.
    expect(d.span).toEqual([10, 16]);
    expect(d.neurons.filter((n) => n.level === 0 && n.inCone).map((n) => n.index)).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(d.neurons.find((n) => n.level === 3 && n.index === 10)?.x).toBe(13);
  });

  it("draws a cone that is exactly what the links reach from the chosen neuron", () => {
    for (const layers of [
      layerStack({convLayers: 2, kernel: 3, pool: true}),
      layerStack({convLayers: 3, kernel: 2, stride: 3}),
      layerStack({convLayers: 2, kernel: 5, stride: 2})
    ]) {
      const d = value(fieldDiagram(40, layers, 1));
      const top = d.steps.length - 1;
      const topX = d.neurons.find((n) => n.level === top && n.index === d.top)!.x;
      let reached = new Set([topX]);
      for (let level = top; level > 0; level--) {
        const below = new Set(d.links.filter((l) => l.y1 === level && reached.has(l.x1)).map((l) => l.x2));
        const cone = new Set(d.neurons.filter((n) => n.level === level - 1 && n.inCone).map((n) => n.x));
        expect([...below].sort()).toEqual([...cone].sort());
        reached = below;
      }
      const pixels = d.neurons.filter((n) => n.level === 0 && n.inCone).map((n) => n.index);
      expect(Math.min(...pixels)).toBeGreaterThanOrEqual(d.span[0]);
      expect(Math.max(...pixels)).toBeLessThanOrEqual(d.span[1]);
    }
  });

  it("refuses a stack that does not fit, and draws one that does", () => {
    expect(message(fieldDiagram(10, layerStack({convLayers: 3, kernel: 5}), 0))).toBe(
      "Layer 3 (conv 3): The kernel 5 is larger than the input 2."
    );
    const chart = fieldGrowthChart(value(fieldDiagram(28, layerStack({convLayers: 2, kernel: 3}), 5)), {width: 390});
    expect(chart.getAttribute("aria-label")).toBe("Receptive field of neuron 6 of the top layer: 5 input pixels, 6 to 10");
  });
});
