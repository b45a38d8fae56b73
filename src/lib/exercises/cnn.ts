// Exercises for the CNN pages. Every answer is computed by the same code the page's own
// playgrounds and tables use (conv.ts, pool.ts, receptive-field.ts, conv-cost.ts, summarizeCnn).

import {conv2d, gridFromRows, kernelFilters, outputSize, planWindow} from "../cnn/conv.js";
import {KERNEL_PRESETS} from "../cnn/kernel-presets.js";
import {maxPool} from "../cnn/pool.js";
import {convLayerCount, receptiveFieldGrowth, type LayerSpec} from "../cnn/receptive-field.js";
import {compareConvCosts} from "../cnn/conv-cost.js";
import {unwrap} from "../core/result.js";
import {LENET5, summarizeCnn, type CnnDescription} from "../models/cnn-description.js";
import {given} from "./given.js";
import {format, pick, pickOne, type Exercise} from "./question.js";

const grid = (rows: number, cols: number, random: () => number, max = 9) =>
  Array.from({length: rows}, () => Array.from({length: cols}, () => pick(random, 0, max)));

/** Convolution: the output size for a given input, kernel, stride and padding. */
export const outputSizeExercise: Exercise = {
  id: "output-size",
  title: "output size",
  make(seed) {
    const {n, k, s, p} = given(seed, {n: 7, k: 3, s: 2, p: 1}, (r) => {
      const k = pickOne(r, [1, 3, 5]);
      return {n: pick(r, Math.max(5, k), 14), k, s: pick(r, 1, 3), p: pick(r, 0, 2)};
    });
    const out = unwrap(outputSize(n, k, s, p));
    return {
      prompt: `A ${n}×${n} input, a ${k}×${k} kernel, stride ${s} and ${p} ${p === 1 ? "pixel" : "pixels"} of zero padding on every side. How many columns does the output feature map have?`,
      answer: {kind: "number", value: out},
      explain: `Padded, the input is ${n} + 2·${p} = ${n + 2 * p} wide; the kernel fits at ⌊(${n + 2 * p} − ${k}) / ${s}⌋ + 1 = ${out} positions along each axis.`
    };
  }
};

/** Convolution: one output value of the lecture's vertical-edge kernel on a new 3×3 patch. */
export const outputValueExercise: Exercise = {
  id: "output-value",
  title: "one output value",
  make(seed) {
    const rows = given(
      seed,
      [
        [2, 0, 1],
        [4, 3, 0],
        [1, 5, 2]
      ],
      (r) => grid(3, 3, r)
    );
    const kernel = KERNEL_PRESETS[0];
    const value = unwrap(conv2d(gridFromRows(rows), kernelFilters(gridFromRows(kernel.rows)))).data[0];
    const terms = rows.flatMap((row, i) => row.map((v, j) => `${v}·${signed(kernel.rows[i][j])}`)).join(" + ");
    return {
      prompt: `The lecture's vertical-edge kernel (1 0 −1 in every row) lies on this 3×3 patch. What number does it write into the feature map (no bias, no activation)?`,
      grids: [
        {label: "Input patch", rows},
        {label: "Kernel", rows: kernel.rows}
      ],
      answer: {kind: "number", value},
      explain: `Multiply cell by cell and add: ${terms} = ${format(value)}, the left column's sum minus the right column's.`
    };
  }
};

/** Receptive fields: how many input pixels one neuron sees after a stack of layers. */
export const fieldSizeExercise: Exercise = {
  id: "field-size",
  title: "receptive field",
  make(seed) {
    const layers: LayerSpec[] = given(
      seed,
      [
        {name: "3×3 conv", kernel: 3},
        {name: "2×2 pool", kind: "pool", kernel: 2},
        {name: "3×3 conv", kernel: 3}
      ],
      (r) =>
        Array.from({length: pick(r, 2, 4)}, () => {
          if (r() < 0.3) return {name: "2×2 pool", kind: "pool" as const, kernel: 2};
          const k = pickOne(r, [3, 5]);
          return {name: `${k}×${k} conv`, kernel: k};
        })
    );
    const steps = unwrap(receptiveFieldGrowth(64, layers));
    const field = steps.at(-1)!.field;
    const growth = steps
      .slice(1)
      .map((step, i) => `${step.layer?.name}: ${steps[i].field} + (${step.layer?.kernel} − 1)·${steps[i].jump} = ${step.field}`)
      .join("; ");
    return {
      prompt: `A 64-pixel-wide image goes through ${layers.map((l) => l.name).join(", then ")} (convolutions with stride 1, pooling with stride 2, no padding). How many input pixels wide is the receptive field of one neuron of the last layer?`,
      answer: {kind: "number", value: field},
      explain: `Each layer widens the field by (kernel − 1) × the distance between neighbouring neurons so far (the product of the strides before it): ${growth}.`
    };
  }
};

/** Receptive fields: a convolutional layer's parameters do not depend on the image size. */
export const convParametersExercise: Exercise = {
  id: "conv-parameters",
  title: "parameters of a convolutional layer",
  make(seed) {
    const {h, c, k, f} = given(seed, {h: 32, c: 3, k: 5, f: 16}, (r) => ({
      h: pickOne(r, [28, 32, 64, 100, 224]),
      c: pickOne(r, [1, 3, 8, 16]),
      k: pickOne(r, [1, 3, 5, 7]),
      f: pickOne(r, [4, 8, 16, 32, 64])
    }));
    const count = unwrap(convLayerCount({height: h, width: h, channels: c, kernel: k, filters: f}));
    return {
      prompt: `A convolutional layer with ${f} filters of ${k}×${k} reads a ${h}×${h} image with ${c} ${c === 1 ? "channel" : "channels"}. How many parameters (weights and biases) does it learn?`,
      answer: {kind: "number", value: count.parameters, shown: count.parameters.toLocaleString("en")},
      explain: `Each filter has ${k}·${k}·${c} = ${count.fanIn} weights and one bias, so (${count.fanIn} + 1)·${f} = ${count.parameters.toLocaleString("en")}. The image size does not enter: the same filters slide over all ${h}×${h} positions (${count.connections.toLocaleString("en")} connections).`
    };
  }
};

/** Pooling: one cell of a 2×2 max pool on a new grid. */
export const maxPoolExercise: Exercise = {
  id: "max-pool",
  title: "max pooling",
  make(seed) {
    const {rows, at} = given(
      seed,
      {
        rows: [
          [1, 5, 2, 0],
          [3, 2, 7, 4],
          [8, 0, 1, 1],
          [2, 6, 3, 9]
        ],
        at: [0, 1] as [number, number]
      },
      (r) => {
        const n = pickOne(r, [4, 6]);
        return {rows: grid(n, n, r), at: [pick(r, 0, n / 2 - 1), pick(r, 0, n / 2 - 1)] as [number, number]};
      }
    );
    const pooled = unwrap(maxPool(gridFromRows(rows), {size: 2}));
    const cols = pooled.shape[1];
    const value = pooled.data[at[0] * cols + at[1]];
    const window = rows.slice(2 * at[0], 2 * at[0] + 2).flatMap((row) => row.slice(2 * at[1], 2 * at[1] + 2));
    return {
      prompt: `2×2 max pooling with stride 2 on this ${rows.length}×${rows.length} grid. What is the value in row ${at[0] + 1}, column ${at[1] + 1} of the pooled output?`,
      grids: [{label: "Pooling input", rows}],
      answer: {kind: "number", value},
      explain: `That output cell covers rows ${2 * at[0] + 1}–${2 * at[0] + 2} and columns ${2 * at[1] + 1}–${2 * at[1] + 2} of the input: max(${window.join(", ")}) = ${format(value)}.`
    };
  }
};

/** Pooling: how many values are left after pooling a stack of feature maps. */
export const poolSizeExercise: Exercise = {
  id: "pool-size",
  title: "values after pooling",
  make(seed) {
    const {h, c, s} = given(seed, {h: 28, c: 6, s: 2}, (r) => ({
      h: pick(r, 6, 40),
      c: pickOne(r, [1, 3, 6, 16, 32]),
      s: pickOne(r, [2, 3])
    }));
    const side = unwrap(planWindow([h, h], s, {stride: s, padding: "valid"})).rows.output;
    const values = side * side * c;
    return {
      prompt: `${c} feature ${c === 1 ? "map" : "maps"} of ${h}×${h} go through ${s}×${s} max pooling with stride ${s} (no padding). How many numbers come out?`,
      answer: {kind: "number", value: values, shown: values.toLocaleString("en")},
      explain: `Each map becomes ⌊(${h} − ${s}) / ${s}⌋ + 1 = ${side} wide and high, and pooling keeps every channel: ${side}·${side}·${c} = ${values.toLocaleString("en")}, from ${(h * h * c).toLocaleString("en")}.`
    };
  }
};

/** Feature maps: the shape of a conv layer's output, as a count of numbers. */
export const featureMapValuesExercise: Exercise = {
  id: "feature-map-values",
  title: "size of the feature maps",
  make(seed) {
    const {h, c, k, f, padding} = given(seed, {h: 28, c: 1, k: 5, f: 8, padding: "valid" as const}, (r) => ({
      h: pick(r, 8, 32),
      c: pickOne(r, [1, 3]),
      k: pickOne(r, [3, 5]),
      f: pickOne(r, [4, 6, 8, 16]),
      padding: pickOne(r, ["valid", "same"] as const)
    }));
    const d: CnnDescription = {input: [h, h, c], layers: [{type: "conv", filters: f, kernel: k, padding}]};
    const [oh, ow, oc] = unwrap(summarizeCnn(d)).outputShape;
    const values = oh * ow * oc;
    return {
      prompt: `A bank of ${f} filters of ${k}×${k} (stride 1, ${padding === "same" ? "'same' padding" : "no padding"}) is applied to a ${h}×${h} image with ${c} ${c === 1 ? "channel" : "channels"}. How many numbers are in the feature maps it produces?`,
      answer: {kind: "number", value: values, shown: values.toLocaleString("en")},
      explain: `One map per filter, whatever the number of input channels (each filter spans all of them). ${padding === "same" ? `'Same' padding keeps the size: ${oh}×${ow}` : `Without padding each map is ${h} − ${k} + 1 = ${oh} wide`}, so ${oh}·${ow}·${oc} = ${values.toLocaleString("en")}.`
    };
  }
};

/** Feature maps: a kernel's response after ReLU (negative responses vanish). */
export const reluResponseExercise: Exercise = {
  id: "relu-response",
  title: "a response after ReLU",
  make(seed) {
    const {rows, kernelIndex} = given(
      seed,
      {
        rows: [
          [0, 1, 2],
          [1, 3, 1],
          [6, 5, 4]
        ],
        kernelIndex: 1
      },
      (r) => ({rows: grid(3, 3, r), kernelIndex: pickOne(r, [0, 1, 3])})
    );
    const kernel = KERNEL_PRESETS[kernelIndex];
    const raw = unwrap(conv2d(gridFromRows(rows), kernelFilters(gridFromRows(kernel.rows)))).data[0];
    const value = Math.max(0, raw);
    return {
      prompt: `The "${kernel.name.replace(" (lecture)", "")}" kernel lies on this patch, and the feature map passes through ReLU. What value does the feature map hold there?`,
      grids: [
        {label: "Input patch", rows},
        {label: "Kernel", rows: kernel.rows}
      ],
      answer: {kind: "number", value},
      explain: `The weighted sum is ${format(raw)}; ReLU keeps ${raw > 0 ? "a positive value as it is" : "nothing below zero"}, so max(0, ${format(raw)}) = ${format(value)}.`
    };
  }
};

/** Depthwise: parameters of the separable replacement. */
export const separableParametersExercise: Exercise = {
  id: "separable-parameters",
  title: "parameters of a separable convolution",
  make(seed) {
    const {k, cin, cout} = given(seed, {k: 3, cin: 32, cout: 64}, (r) => ({
      k: pickOne(r, [3, 5]),
      cin: pickOne(r, [8, 16, 32, 64]),
      cout: pickOne(r, [16, 32, 64, 128])
    }));
    const cost = unwrap(compareConvCosts({output: 1, kernel: k, inChannels: cin, outChannels: cout}));
    const p = cost.separable.parameters;
    return {
      prompt: `A ${k}×${k} convolution from ${cin} to ${cout} channels is replaced by a depthwise-separable one (a ${k}×${k} depthwise pass, then a 1×1 pointwise pass; biases only on the pointwise pass). How many parameters does the separable version have?`,
      answer: {kind: "number", value: p, shown: p.toLocaleString("en")},
      explain: `Depthwise ${k}·${k}·${cin} = ${cost.depthwise.parameters.toLocaleString("en")}, pointwise ${cin}·${cout} + ${cout} = ${cost.pointwise.parameters.toLocaleString("en")}: ${p.toLocaleString("en")} in all, against ${k}·${k}·${cin}·${cout} + ${cout} = ${cost.standard.parameters.toLocaleString("en")} for the standard convolution.`
    };
  }
};

/** Depthwise: how many times fewer multiply-adds. */
export const separableSavingExercise: Exercise = {
  id: "separable-saving",
  title: "how much cheaper",
  make(seed) {
    const {size, k, cin, cout} = given(seed, {size: 56, k: 3, cin: 64, cout: 128}, (r) => ({
      size: pickOne(r, [14, 28, 56, 112]),
      k: pickOne(r, [3, 5]),
      cin: pickOne(r, [16, 32, 64, 128]),
      cout: pickOne(r, [32, 64, 128, 256])
    }));
    const cost = unwrap(compareConvCosts({output: size, kernel: k, inChannels: cin, outChannels: cout}));
    const times = Math.round(10 / cost.multiplyAddRatio) / 10;
    return {
      prompt: `On a ${size}×${size} output, a ${k}×${k} convolution from ${cin} to ${cout} channels is replaced by a depthwise-separable one. How many times fewer multiply-adds does it need? (One decimal.)`,
      answer: {kind: "number", value: times, tolerance: 0.1, shown: times.toFixed(1)},
      explain: `Per output position the standard convolution does ${k}·${k}·${cin}·${cout} = ${(k * k * cin * cout).toLocaleString("en")} multiply-adds, the separable one ${k}·${k}·${cin} + ${cin}·${cout} = ${(k * k * cin + cin * cout).toLocaleString("en")}: ${times.toFixed(1)} times fewer (the output size cancels out; the ratio is 1/${cout} + 1/${k * k}).`
    };
  }
};

/** Architectures: parameters of one LeNet-5 layer. */
export const lenetLayerExercise: Exercise = {
  id: "lenet-layer",
  title: "parameters of a LeNet-5 layer",
  make(seed) {
    const summary = unwrap(summarizeCnn(LENET5));
    const weighted = summary.layers.filter((l) => l.params > 0);
    const first = weighted.findIndex((l) => l.name === "conv2");
    const layer = weighted[(first + seed) % weighted.length];
    const [h, w, c] = layer.inputShape;
    return {
      prompt: `LeNet-5 as this site builds it for MNIST: layer ${layer.name} (${describeLayer(layer.layer)}) reads ${layer.inputShape.length === 3 ? `${h}×${w}×${c} feature maps` : `a vector of ${h}`}. How many parameters does it have?`,
      answer: {kind: "number", value: layer.params, shown: layer.params.toLocaleString("en")},
      explain: `${layer.formula} = ${layer.params.toLocaleString("en")} (weights, then one bias per ${layer.layer.type === "conv" ? "filter" : "unit"}).`
    };
  }
};

/** Architectures: where LeNet-5's parameters are (most of them; or, for odd seeds, fewest). */
export const lenetLargestExercise: Exercise = {
  id: "lenet-largest",
  title: "where the parameters are",
  make(seed) {
    const summary = unwrap(summarizeCnn(LENET5));
    const weighted = summary.layers.filter((l) => l.params > 0);
    const most = seed % 2 === 0;
    const pickLayer = (a: (typeof weighted)[number], b: (typeof weighted)[number]) =>
      (most ? b.params > a.params : b.params < a.params) ? b : a;
    const target = weighted.reduce(pickLayer);
    const shift = seed % weighted.length;
    const order = [...weighted.slice(shift), ...weighted.slice(0, shift)];
    const choices = order.map((l) => `${l.name} (${describeLayer(l.layer)})`);
    const share = `${((100 * target.params) / summary.totalParams).toFixed(most ? 0 : 1)}%`;
    return {
      prompt: `Which layer of LeNet-5 holds the ${most ? "most" : "fewest"} parameters?`,
      answer: {kind: "choice", choices, value: choices[order.indexOf(target)]},
      explain: `${weighted.map((l) => `${l.name} ${l.params.toLocaleString("en")}`).join(", ")}, of ${summary.totalParams.toLocaleString("en")} in all: ${target.name} has ${share} of them, ${
        target.layer.type === "dense"
          ? `because it connects every one of ${target.inputShape[0]} values to each of its ${target.outputShape[0]} units.`
          : `because each of its filters is ${target.formula.split(" + ")[0].split("·").slice(0, 3).join("·")} weights, shared over every position.`
      }`
    };
  }
};

/** Assemble: the length of the flattened vector of a small CNN. */
export const flattenLengthExercise: Exercise = {
  id: "flatten-length",
  title: "what the dense layer gets",
  make(seed) {
    const d = smallCnn(seed);
    const summary = unwrap(summarizeCnn(d));
    const flat = summary.layers.find((l) => l.layer.type === "flatten")!;
    const path = summary.layers
      .slice(0, summary.layers.indexOf(flat))
      .map((l) => `${l.name} ${l.outputShape.join("×")}`)
      .join(" → ");
    return {
      prompt: `${describeCnn(d)} How long is the vector the flatten layer hands to the dense layer?`,
      answer: {kind: "number", value: flat.outputShape[0], shown: flat.outputShape[0].toLocaleString("en")},
      explain: `Input ${d.input.join("×")} → ${path}; flattened, ${flat.inputShape.join("·")} = ${flat.outputShape[0].toLocaleString("en")}.`
    };
  }
};

/** Assemble: the total parameters of a small CNN. */
export const totalParametersExercise: Exercise = {
  id: "total-parameters",
  title: "parameters in all",
  make(seed) {
    const d = smallCnn(seed);
    const summary = unwrap(summarizeCnn(d));
    const weighted = summary.layers.filter((l) => l.params > 0);
    return {
      prompt: `${describeCnn(d)} How many parameters does the whole network have?`,
      answer: {kind: "number", value: summary.totalParams, shown: summary.totalParams.toLocaleString("en")},
      explain: `${weighted.map((l) => `${l.name}: ${l.formula} = ${l.params.toLocaleString("en")}`).join("; ")}. Pooling and flatten have none: ${summary.totalParams.toLocaleString("en")} in all.`
    };
  }
};

/** A number in a product, negatives in brackets: 2·(−1). */
const signed = (x: number) => (x < 0 ? `(${format(x)})` : format(x));

function smallCnn(seed: number): CnnDescription {
  const {f, k, padding, units} = given(seed, {f: 8, k: 3, padding: "valid" as const, units: 10}, (r) => ({
    f: pickOne(r, [4, 6, 8, 16]),
    k: pickOne(r, [3, 5]),
    padding: pickOne(r, ["valid", "same"] as const),
    units: pickOne(r, [10, 32, 64])
  }));
  return {
    input: [28, 28, 1],
    layers: [
      {type: "conv", filters: f, kernel: k, padding, activation: "relu"},
      {type: "pool", mode: "max", size: 2},
      {type: "flatten"},
      {type: "dense", units, activation: "softmax"}
    ]
  };
}

function describeCnn(d: CnnDescription): string {
  const conv = d.layers[0] as {filters: number; kernel: number; padding?: string};
  const dense = d.layers[3] as {units: number};
  return `A 28×28×1 image goes through ${conv.filters} filters of ${conv.kernel}×${conv.kernel} (stride 1, ${conv.padding === "same" ? "'same' padding" : "no padding"}), 2×2 max pooling with stride 2, flatten, and a dense layer of ${dense.units} units.`;
}

function describeLayer(l: CnnDescription["layers"][number]): string {
  if (l.type === "conv") return `${l.filters} filters of ${l.kernel}×${l.kernel}`;
  if (l.type === "dense") return `dense, ${l.units} units`;
  return l.type;
}

/** Every CNN page's exercises, by page path. */
export const CNN_EXERCISES = {
  "cnn/convolution": [outputSizeExercise, outputValueExercise],
  "cnn/receptive-fields": [fieldSizeExercise, convParametersExercise],
  "cnn/pooling": [maxPoolExercise, poolSizeExercise],
  "cnn/feature-maps": [featureMapValuesExercise, reluResponseExercise],
  "cnn/depthwise": [separableParametersExercise, separableSavingExercise],
  "cnn/architectures": [lenetLayerExercise, lenetLargestExercise],
  "cnn/assemble": [flattenLengthExercise, totalParametersExercise]
} as const;
