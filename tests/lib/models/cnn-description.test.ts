// The pure shape/parameter summary of a CNN description against the tfjs model built from it:
// LeNet-5 and seeded random descriptions, plus descriptions that must come back as messages.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {buildCnn, LENET5, summarizeCnn, type CnnDescription, type LayerDescription} from "../../../src/lib/models/cnn-description.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {pick, randomInt, type Random} from "../../helpers/tensor-helpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

/** Compare every layer's shape and parameter count with tfjs's; returns the tfjs total. */
function checkAgainstTf(description: CnnDescription): number {
  const summary = summarizeCnn(description);
  if (!summary.ok) throw new Error(summary.message);
  const before = tf.memory().numTensors;
  const model = buildCnn(tf, description, {seed: 3});
  try {
    expect(model.layers.map((l) => l.name)).toEqual(summary.value.layers.map((l) => l.name));
    model.layers.forEach((layer, i) => {
      const s = summary.value.layers[i];
      expect((layer.outputShape as (number | null)[]).slice(1), `${s.name} shape`).toEqual([...s.outputShape]);
      expect(layer.countParams(), `${s.name} params`).toBe(s.params);
    });
    expect(model.countParams()).toBe(summary.value.totalParams);
    // A forward pass gives the final shape too.
    const y = tf.tidy(() => model.predict(tf.zeros([2, ...description.input])) as tf.Tensor);
    expect(y.shape.slice(1)).toEqual([...summary.value.outputShape]);
    y.dispose();
    return model.countParams();
  } finally {
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}

describe("LeNet-5", () => {
  it("has the well-known 61,706 parameters and shrinks 28 → 14 → 10 → 5 while deepening 1 → 6 → 16", () => {
    const s = summarizeCnn(LENET5);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.value.layers.map((l) => l.outputShape.join("×"))).toEqual([
      "28×28×6",
      "14×14×6",
      "10×10×16",
      "5×5×16",
      "400",
      "120",
      "84",
      "10"
    ]);
    // By hand: 5·5·1·6+6, 5·5·6·16+16, 400·120+120, 120·84+84, 84·10+10.
    expect(s.value.layers.map((l) => l.params)).toEqual([156, 0, 2416, 0, 0, 48120, 10164, 850]);
    expect(s.value.totalParams).toBe(61706);
    expect(s.value.layers[0].formula).toBe("5·5·1·6 + 6");
  });

  it("matches tfjs layer by layer", () => {
    expect(checkAgainstTf(LENET5)).toBe(61706);
  });

  it("is reproducible with a seed and differs with another", () => {
    const weights = (seed: number) => {
      const model = buildCnn(tf, LENET5, {seed});
      const values = model.getWeights()[0].dataSync().slice();
      model.dispose();
      return values;
    };
    expect(weights(5)).toEqual(weights(5));
    expect(weights(5)).not.toEqual(weights(6));
  });

  it("survives a JSON round trip", () => {
    const copy = JSON.parse(JSON.stringify(LENET5)) as CnnDescription;
    expect(summarizeCnn(copy)).toEqual(summarizeCnn(LENET5));
  });
});

describe("random descriptions", () => {
  it("agree with tfjs in every layer's shape and parameter count", () => {
    const random = seededRandom(20240611);
    let checked = 0;
    for (let trial = 0; trial < 40 && checked < 12; trial++) {
      const description = randomDescription(random);
      if (!summarizeCnn(description).ok) continue; // a guard, counted below
      checkAgainstTf(description);
      checked++;
    }
    expect(checked).toBe(12);
  });
});

/** A random description that is valid by construction: sizes are tracked as layers are added. */
function randomDescription(random: Random): CnnDescription {
  const h = randomInt(random, 8, 32);
  const w = randomInt(random, 8, 32);
  const c = randomInt(random, 1, 3);
  const layers: LayerDescription[] = [];
  let rows = h;
  let cols = w;
  for (let b = randomInt(random, 1, 3); b > 0; b--) {
    const kh = randomInt(random, 1, Math.min(5, rows));
    const kw = randomInt(random, 1, Math.min(5, cols));
    const kernel: number | [number, number] = kh === kw ? kh : [kh, kw];
    const stride: [number, number] = [randomInt(random, 1, 2), randomInt(random, 1, 2)];
    const padding = pick(random, ["valid", "same"] as const);
    layers.push({
      type: "conv",
      filters: randomInt(random, 1, 8),
      kernel,
      stride,
      padding,
      activation: pick(random, ["relu", "tanh", "linear"] as const)
    });
    rows = padding === "same" ? Math.ceil(rows / stride[0]) : Math.floor((rows - kh) / stride[0]) + 1;
    cols = padding === "same" ? Math.ceil(cols / stride[1]) : Math.floor((cols - kw) / stride[1]) + 1;
    if (rows >= 2 && cols >= 2 && random() < 0.7) {
      const size = randomInt(random, 2, Math.min(3, rows, cols));
      const poolPadding = pick(random, ["valid", "same"] as const);
      layers.push({type: "pool", mode: pick(random, ["max", "avg"] as const), size, padding: poolPadding});
      rows = poolPadding === "same" ? Math.ceil(rows / size) : Math.floor((rows - size) / size) + 1;
      cols = poolPadding === "same" ? Math.ceil(cols / size) : Math.floor((cols - size) / size) + 1;
    }
    if (random() < 0.3) layers.push({type: "dropout", rate: 0.25});
  }
  layers.push({type: "flatten"});
  for (let d = randomInt(random, 1, 2); d > 0; d--)
    layers.push({type: "dense", units: randomInt(random, 1, 20), activation: pick(random, ["relu", "sigmoid"] as const)});
  layers.push({type: "dense", units: randomInt(random, 2, 10), activation: "softmax"});
  return {name: "random net", input: [h, w, c], layers};
}

describe("invalid descriptions come back as messages", () => {
  const lenet = (change: (layers: LayerDescription[]) => void): CnnDescription => {
    const layers = LENET5.layers.map((l) => ({...l}));
    change(layers);
    return {...LENET5, layers};
  };
  const message = (d: CnnDescription) => {
    const s = summarizeCnn(d);
    return s.ok ? "(no message)" : s.message;
  };

  it("a kernel larger than its input", () => {
    // After the first pooling the map is 14×14; a 15×15 kernel does not fit without padding.
    const d = lenet((l) => (l[2] = {type: "conv", filters: 16, kernel: 15, padding: "valid"}));
    expect(message(d)).toBe("Layer 3 (conv2): the kernel height 15 is larger than the input height 14.");
    expect(() => buildCnn(tf, d)).toThrow("kernel height 15 is larger");
  });

  it("zero or fractional filters, zero units, stride 0, negative sizes", () => {
    expect(message(lenet((l) => (l[0] = {type: "conv", filters: 0, kernel: 5})))).toBe(
      "Layer 1 (conv1): the number of filters must be at least 1 (got 0)."
    );
    expect(message(lenet((l) => (l[0] = {type: "conv", filters: 2.5, kernel: 5})))).toContain("must be a whole number");
    expect(message(lenet((l) => (l[5] = {type: "dense", units: 0})))).toBe(
      "Layer 6 (dense1): the number of units must be at least 1 (got 0)."
    );
    expect(message(lenet((l) => (l[0] = {type: "conv", filters: 6, kernel: 5, stride: 0})))).toBe(
      "Layer 1 (conv1): the stride must be at least 1 (got 0)."
    );
    expect(message(lenet((l) => (l[1] = {type: "pool", mode: "max", size: -2})))).toBe(
      "Layer 2 (pool1): the pool size must be at least 1 (got -2)."
    );
    expect(message(lenet((l) => (l[0] = {type: "conv", filters: NaN, kernel: 5})))).toContain("must be a number");
    expect(message({...LENET5, input: [28, -1, 1]})).toBe("Input width must be at least 1 (got -1).");
  });

  it("a pool window larger than its input, and a pool type that does not exist", () => {
    expect(message(lenet((l) => (l[3] = {type: "pool", mode: "max", size: 11})))).toBe(
      "Layer 4 (pool2): the pool window height 11 is larger than the input height 10."
    );
    expect(message(lenet((l) => (l[1] = {type: "pool", mode: "median" as "max", size: 2})))).toContain('pooling is "max" or "avg"');
  });

  it("layers in an impossible order", () => {
    expect(message(lenet((l) => l.splice(4, 1)))).toBe(
      "Layer 5 (dense1): a dense layer needs a flat input; add a flatten layer before it."
    );
    expect(message({input: [28, 28, 1], layers: [{type: "flatten"}, {type: "conv", filters: 2, kernel: 3}]})).toContain(
      "needs an image-shaped input"
    );
    expect(message({input: [28, 28, 1], layers: []})).toBe("The model has no layers.");
    expect(message({input: [28, 28, 1], layers: [{type: "lstm"} as unknown as LayerDescription]})).toBe(
      'Layer 1 (layer1): unknown layer type "lstm".'
    );
    expect(message(lenet((l) => (l[7] = {type: "dense", units: 10, activation: "gelu" as "relu"})))).toContain('unknown activation "gelu"');
    expect(message(lenet((l) => l.splice(5, 0, {type: "dropout", rate: 1})))).toContain("dropout rate must be at least 0 and below 1");
  });
});
