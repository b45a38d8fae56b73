// Exercises for the practical pages: parameter counts from summarizeCnn and the training page's
// own planTraining, and the shift test read from the shipped report (shift-test.json).

import {mnistPreprocess, type GreyImage} from "../cnn/mnist-preprocess.js";
import {receptiveFieldGrowth, type LayerSpec} from "../cnn/receptive-field.js";
import type {ShiftReport} from "../cnn/shift-test.js";
import {unwrap} from "../core/result.js";
import {summarizeCnn, type CnnDescription} from "../models/cnn-description.js";
import {DEFAULT_TEXT, planTraining, type TrainText} from "../training/train-settings.js";
import {given} from "./given.js";
import {format, pick, pickOne, type Exercise} from "./question.js";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** First model: softmax regression's parameters, one weight per pixel and class plus a bias per class. */
export const softmaxParametersExercise: Exercise = {
  id: "softmax-parameters",
  title: "parameters of softmax regression",
  make(seed) {
    const {side, classes} = given(seed, {side: 28, classes: 10}, (r) => ({
      side: pickOne(r, [8, 16, 28, 32, 64]),
      classes: pickOne(r, [2, 5, 10, 26, 100])
    }));
    const d: CnnDescription = {input: [side, side, 1], layers: [{type: "flatten"}, {type: "dense", units: classes, activation: "softmax"}]};
    const layer = unwrap(summarizeCnn(d)).layers[1];
    return {
      prompt: `Softmax regression on ${side}×${side} greyscale images with ${classes} classes: one dense layer on the flattened pixels. How many parameters does it learn?`,
      answer: {kind: "number", value: layer.params, shown: layer.params.toLocaleString("en")},
      explain: `${side}·${side} = ${(side * side).toLocaleString("en")} pixels, each with one weight per class, plus one bias per class: ${layer.formula} = ${layer.params.toLocaleString("en")}.`
    };
  }
};

/** First model: one hidden layer multiplies the count. */
export const mlpParametersExercise: Exercise = {
  id: "mlp-parameters",
  title: "parameters with a hidden layer",
  make(seed) {
    const hidden = given(seed, 128, (r) => pickOne(r, [16, 32, 64, 100, 256, 512]));
    const d: CnnDescription = {
      input: [28, 28, 1],
      layers: [{type: "flatten"}, {type: "dense", units: hidden, activation: "relu"}, {type: "dense", units: 10, activation: "softmax"}]
    };
    const summary = unwrap(summarizeCnn(d));
    const [, h, out] = summary.layers;
    const plain = unwrap(summarizeCnn({input: [28, 28, 1], layers: [{type: "flatten"}, {type: "dense", units: 10}]})).totalParams;
    return {
      prompt: `Put a hidden layer of ${hidden} ReLU units between MNIST's 28×28 pixels and the 10 classes. How many parameters does the network learn?`,
      answer: {kind: "number", value: summary.totalParams, shown: summary.totalParams.toLocaleString("en")},
      explain: `Hidden layer ${h.formula} = ${h.params.toLocaleString("en")}, output layer ${out.formula} = ${out.params.toLocaleString("en")}: ${summary.totalParams.toLocaleString("en")}, against ${plain.toLocaleString("en")} without the hidden layer.`
    };
  }
};

/** The training page's fields for seed 0 (its own defaults) or drawn ones. */
function trainText(seed: number): TrainText {
  return given(seed, DEFAULT_TEXT, (r) => ({
    ...DEFAULT_TEXT,
    filters: pickOne(r, ["8", "16", "8, 16", "16, 32", "4, 8"]),
    kernel: String(pickOne(r, [3, 5])),
    dense: String(pickOne(r, [32, 64, 128])),
    epochs: String(pick(r, 1, 5)),
    batchSize: String(pickOne(r, [16, 32, 64, 100, 128])),
    trainCount: String(pickOne(r, [1000, 2000, 5000, 10000]))
  }));
}

const describeText = (t: TrainText) =>
  `convolutional layers of ${t.filters} filters of ${t.kernel}×${t.kernel}, each followed by 2×2 max pooling, then a dense layer of ${t.dense} units, dropout ${t.dropout}, and 10 outputs`;

/** Train: the parameters of the network the page's fields describe. */
export const trainParametersExercise: Exercise = {
  id: "train-parameters",
  title: "parameters of the network you train",
  make(seed) {
    const text = trainText(seed);
    const plan = unwrap(planTraining(text, "max", {available: 60000}));
    const weighted = plan.summary.layers.filter((l) => l.params > 0);
    return {
      prompt: `The training fields set to ${describeText(text)}. How many parameters will the network train?`,
      answer: {kind: "number", value: plan.summary.totalParams, shown: plan.summary.totalParams.toLocaleString("en")},
      explain: `${weighted.map((l) => `${l.name} ${l.formula} = ${l.params.toLocaleString("en")}`).join("; ")}: ${plan.summary.totalParams.toLocaleString("en")}. Pooling shrinks the maps to ${plan.summary.layers.find((l) => l.layer.type === "flatten")?.inputShape.join("×")} before flatten, which is what keeps the dense layer small.`
    };
  }
};

/** Train: how many weight updates a run makes. */
export const trainStepsExercise: Exercise = {
  id: "train-steps",
  title: "weight updates in a run",
  make(seed) {
    const text = trainText(seed);
    const plan = unwrap(planTraining(text, "max", {available: 60000}));
    const {epochs, batchSize} = plan.training;
    // A last, smaller batch still makes a step (train.ts counts batches with Math.ceil).
    const perEpoch = Math.ceil(plan.trainCount / batchSize);
    const steps = epochs * perEpoch;
    return {
      prompt: `You train on ${plan.trainCount.toLocaleString("en")} images for ${epochs} ${epochs === 1 ? "epoch" : "epochs"} with batches of ${batchSize}. How many times are the weights updated?`,
      answer: {kind: "number", value: steps, shown: steps.toLocaleString("en")},
      explain: `One update per batch: ⌈${plan.trainCount.toLocaleString("en")} / ${batchSize}⌉ = ${perEpoch} batches per epoch${plan.trainCount % batchSize ? ` (the last one holds ${plan.trainCount % batchSize} images)` : ""}, times ${epochs}: ${steps.toLocaleString("en")}.`
    };
  }
};

/** Models: which model keeps the most accuracy when digits move (from the shipped shift test). */
export function shiftWinnerExercise(report: ShiftReport): Exercise {
  return {
    id: "shift-winner",
    title: "which model wins the shift test",
    make(seed) {
      const moved = report.shifts.filter((s) => s > 0);
      const shift = seed === 0 ? (moved.includes(2) ? 2 : moved[0]) : moved[seed % moved.length];
      const at = (m: ShiftReport["models"][number]) => m.points.find((p) => p.shift === shift && !p.recentred)?.accuracy ?? Number.NaN;
      const ranked = [...report.models].sort((a, b) => at(b) - at(a));
      return {
        prompt: `Each of the ${report.count.toLocaleString("en")} MNIST test digits is moved by ${shift} ${shift === 1 ? "pixel" : "pixels"} (not re-centred). Which of the shipped models scores highest?`,
        answer: {kind: "choice", choices: report.models.map((m) => m.name), value: ranked[0].name},
        explain: `Measured at build time, moved by ${shift}: ${ranked.map((m) => `${m.name} ${pct(at(m))}`).join(", ")}. A convolution looks for a stroke at every position, so a small move changes where its features light up, not whether they do.`
      };
    }
  };
}

/** Models: how much accuracy a model loses when digits move. */
export function shiftDropExercise(report: ShiftReport): Exercise {
  return {
    id: "shift-drop",
    title: "what a shift costs",
    make(seed) {
      const moved = report.shifts.filter((s) => s > 0);
      const model =
        seed === 0 ? (report.models.find((m) => m.id === "softmax") ?? report.models[0]) : report.models[seed % report.models.length];
      const shift = seed === 0 ? (moved.includes(2) ? 2 : moved[0]) : moved[(seed >> 2) % moved.length];
      const at = (s: number) => model.points.find((p) => p.shift === s && !p.recentred)?.accuracy ?? Number.NaN;
      const drop = Math.round(1000 * (at(0) - at(shift))) / 10;
      return {
        prompt: `By how many percentage points does ${model.name}'s test accuracy fall when every digit is moved by ${shift} ${shift === 1 ? "pixel" : "pixels"}? (One decimal.)`,
        answer: {kind: "number", value: drop, tolerance: 0.1, shown: drop.toFixed(1).replace(/^-/, "−")},
        explain: `${model.name} scores ${pct(at(0))} on the digits where they are and ${pct(at(shift))} moved by ${shift}: ${pct(at(0))} − ${pct(at(shift))} = ${drop.toFixed(1).replace(/^-/, "−")} points.`
      };
    }
  };
}

/** A pad of `side` pixels with a full-ink rectangle w × h at its top-left corner plus (x, y). */
function rectangleDrawing(side: number, w: number, h: number, x = 10, y = 10): GreyImage {
  const data = new Float32Array(side * side);
  for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) data[r * side + c] = 1;
  return {width: side, height: side, data};
}

function drawingSize(seed: number) {
  return given(seed, {w: 100, h: 200}, (r) => {
    const long = pickOne(r, [100, 160, 200, 240]);
    const short = pickOne(
      r,
      [20, 40, 50, 80, 100, 120].filter((s) => s <= long)
    );
    return r() < 0.5 ? {w: short, h: long} : {w: long, h: short};
  });
}

/** Draw: the shorter side of a drawing once it is scaled into MNIST's 20-pixel box. */
export const scaledWidthExercise: Exercise = {
  id: "scaled-width",
  title: "into the 20-pixel box",
  make(seed) {
    const {w, h} = drawingSize(seed);
    const p = unwrap(mnistPreprocess(rectangleDrawing(280, w, h)));
    const short = Math.min(...p.scaled);
    const exact = Math.min(w, h) * p.scale;
    return {
      prompt: `On the 280×280 pad your ink fills a box ${w} pixels wide and ${h} high. MNIST's preprocessing scales the longer side to 20 pixels, keeping the aspect ratio. How many pixels long is the shorter side of the scaled drawing?`,
      answer: {kind: "number", value: short},
      explain: `The scale is 20 / ${Math.max(w, h)} = ${format(p.scale)}, so ${Math.min(w, h)} pixels become ${format(exact)}${Number.isInteger(exact) ? "" : `, which covers ${short} whole pixels`}. Every MNIST digit was made this way, which is why the network expects digits about 20 pixels tall.`
    };
  }
};

/** Draw: where centring by centre of mass puts the drawing. */
export const centringExercise: Exercise = {
  id: "centring",
  title: "centring by centre of mass",
  make(seed) {
    const {w, h} = drawingSize(seed);
    const p = unwrap(mnistPreprocess(rectangleDrawing(280, w, h)));
    const [sw, sh] = p.scaled;
    // The block's own centre of mass: where it ended up, less how far it was moved.
    const own = Math.round((p.centreOfMass[0] - p.offset[0]) * 100) / 100;
    return {
      prompt: `The same kind of drawing, an evenly inked box ${w}×${h} on the pad, is scaled to ${sw}×${sh} and then moved by whole pixels so that its centre of mass lands at row 14, column 14 of the 28×28 image. In which row (counting from 0) does its top edge land?`,
      answer: {kind: "number", value: p.offset[0]},
      explain: `The scaled block of ${sh} rows has its centre of mass at row ${format(own)} of its own, so it moves down by 14 − ${format(own)} = ${format(14 - own)}, rounded to whole pixels: ${p.offset[0]}. Its top edge lands on row ${p.offset[0]}, its bottom on row ${p.offset[0] + sh - 1}.`
    };
  }
};

/** Saliency: the CNN whose last convolutional map Grad-CAM reads, as receptive-field layers. */
function saliencyLayers(seed: number): LayerSpec[] {
  const {k, convs} = given(seed, {k: 5, convs: 2}, (r) => ({k: pickOne(r, [3, 5]), convs: pick(r, 2, 3)}));
  return Array.from({length: convs}, (_, i) => [
    {name: `conv${i + 1} ${k}×${k} 'same'`, kernel: k, padding: "same" as const},
    ...(i < convs - 1 ? [{name: "2×2 pool", kind: "pool" as const, kernel: 2}] : [])
  ]).flat();
}

const layerList = (layers: readonly LayerSpec[]) => layers.map((l) => l.name).join(", ");

/** Saliency: how coarse a Grad-CAM map is: the pixels between neighbouring cells of the last conv map. */
export const camSpacingExercise: Exercise = {
  id: "cam-spacing",
  title: "how coarse Grad-CAM is",
  make(seed) {
    const layers = saliencyLayers(seed);
    const steps = unwrap(receptiveFieldGrowth(28, layers));
    const last = steps.at(-1)!;
    return {
      prompt: `A CNN reads a 28×28 digit through ${layerList(layers)}. Grad-CAM colours the cells of the last convolutional map. How many input pixels apart are two neighbouring cells of that map?`,
      answer: {kind: "number", value: last.jump},
      explain: `Only the strides move the cells apart: convolutions with stride 1 keep the spacing, each 2×2 pool doubles it: ${last.jump}. The map is ${last.size}×${last.size}, so each cell's colour is stretched over ${last.jump}×${last.jump} pixels of the digit: a coarse picture, unlike the gradient's pixel-by-pixel one.`
    };
  }
};

/** Saliency: the input region one cell of the last conv map depends on. */
export const camFieldExercise: Exercise = {
  id: "cam-field",
  title: "what one cell sees",
  make(seed) {
    const layers = saliencyLayers(seed);
    const steps = unwrap(receptiveFieldGrowth(28, layers));
    const growth = steps
      .slice(1)
      .map((s, i) => `${s.layer?.name}: ${s.field}${i === 0 ? "" : ` (+ ${s.field - steps[i].field})`}`)
      .join(", ");
    const field = steps.at(-1)!.field;
    return {
      prompt: `The same CNN: ${layerList(layers)}. How many input pixels wide is the receptive field of one cell of the last convolutional map ('same' padding included)?`,
      answer: {kind: "number", value: field},
      explain: `Each layer adds (kernel − 1) × the spacing so far: ${growth}. So a cell's value can depend on a patch of ${field}×${field} pixels of the 28×28 digit${field >= 28 ? " (all of it, with padding)" : ""}, even though Grad-CAM paints it over only its own ${steps.at(-1)!.jump}×${steps.at(-1)!.jump} square.`
    };
  }
};
