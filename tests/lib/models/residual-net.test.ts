// The architecture page's residual experiment: the plain and residual networks are the same
// network but for the shortcuts (shapes, parameters, initial weights), the shortcut adds the
// block's input (known weights, checked by hand), the per-layer gradient norms agree with tf.grads
// on a forward pass written out by hand, and the quick loader ships what the page reads.
// Also the published ILSVRC table the page draws.
import JSZip from "jszip";
import type {LayersModel, Scalar, Tensor} from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {
  buildDeepNet,
  layerGradientNorms,
  validateDeepNet,
  weightLayerCount,
  weightLayerNames,
  type ResidualSummary
} from "../../../src/lib/models/residual-net.js";
import {HUMAN_TOP5, ILSVRC} from "../../../src/lib/cnn/ilsvrc.js";
import {probeAt, shortLayerName} from "../../../src/views/cnn/residual.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {runLoader} from "../../helpers/run-loader.js";

beforeAll(async () => void (await useBackend("wasm")));

const weightShapes = (model: LayersModel) => model.getWeights().map((w) => w.shape);

describe("plain and residual networks", () => {
  const config = {inputSize: 784, width: 64, blocks: 9, classes: 10};

  test("same layers, shapes, parameter counts and initial weights; only the adds differ", () => {
    const plain = buildDeepNet(tf, config, {residual: false, seed: 3});
    const residual = buildDeepNet(tf, config, {residual: true, seed: 3});
    expect(weightLayerCount(config)).toBe(20);
    const weighted = (m: LayersModel) => m.layers.filter((l) => l.countParams() > 0);
    expect(weighted(plain).map((l) => l.name)).toEqual(weightLayerNames(config));
    expect(weighted(residual).map((l) => l.name)).toEqual(weightLayerNames(config));
    expect(weighted(residual).map((l) => l.outputShape)).toEqual(weighted(plain).map((l) => l.outputShape));
    // 784·64+64, then 19 more: 18 of 64·64+64 and one of 64·10+10.
    const expected = 784 * 64 + 64 + 18 * (64 * 64 + 64) + 64 * 10 + 10;
    expect(plain.countParams()).toBe(expected);
    expect(residual.countParams()).toBe(expected);
    expect(weightShapes(residual)).toEqual(weightShapes(plain));
    const a = plain.getWeights().map((w) => Array.from(w.dataSync()));
    const b = residual.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
    expect(residual.layers.filter((l) => l.getClassName() === "Add")).toHaveLength(9);
    expect(plain.layers.filter((l) => l.getClassName() === "Add")).toHaveLength(0);
    // Another seed gives other weights.
    const other = buildDeepNet(tf, config, {residual: false, seed: 4});
    expect(Array.from(other.getWeights()[0].dataSync().slice(0, 5))).not.toEqual(a[0].slice(0, 5));
    [plain, residual, other].forEach((m) => m.dispose());
  });

  test("bad configurations are refused with a reason", () => {
    expect(validateDeepNet({...config, width: 0})).toEqual({ok: false, message: "Width must be at least 1 (got 0)."});
    expect(validateDeepNet({...config, blocks: 2.5}).ok).toBe(false);
    expect(() => buildDeepNet(tf, {...config, classes: 1}, {residual: true})).toThrow(/Classes/);
  });

  test("the shortcut adds the block's input: known weights, checked by hand", () => {
    const small = {inputSize: 3, width: 3, blocks: 1, classes: 2};
    const eye = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1]
    ];
    const scaled = (k: number) => eye.map((row) => row.map((v) => k * v));
    const input = [
      [1, -2, 0.5],
      [-1, 3, 2]
    ];
    const bias = [0.1, -5, 0];
    // stem = identity, block1_a = identity, block1_b = 2·identity with bias `bias`.
    const block = (residual: boolean) => {
      const model = buildDeepNet(tf, small, {residual, seed: 1});
      const set = (name: string, kernel: number[][], b: number[]) => model.getLayer(name).setWeights([tf.tensor2d(kernel), tf.tensor1d(b)]);
      set("stem", eye, [0, 0, 0]);
      set("block1_a", eye, [0, 0, 0]);
      set("block1_b", scaled(2), bias);
      const probe = tf.model({inputs: model.inputs, outputs: model.getLayer("block1_relu").output as never});
      const out = tf.tidy(() => (probe.predict(tf.tensor2d(input)) as Tensor).arraySync() as number[][]);
      model.dispose();
      return out;
    };
    const relu = (v: number) => Math.max(0, v);
    // x = relu(input); F(x) = 2·relu(x) + bias; plain: relu(F(x)); residual: relu(F(x) + x).
    const byHand = (residual: boolean) =>
      input.map((row) => row.map((v, j) => relu(2 * relu(relu(v)) + bias[j] + (residual ? relu(v) : 0))));
    const residual = block(true);
    const plain = block(false);
    residual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(byHand(true)[i][j], 6)));
    plain.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(byHand(false)[i][j], 6)));
    // First row: x = [1, 0, 0.5]; the residual output is the plain one plus x where the sum is positive.
    expect(residual[0]).toEqual([3.1, 0, 1.5].map((v) => expect.closeTo(v, 6)));
    expect(plain[0]).toEqual([2.1, 0, 1].map((v) => expect.closeTo(v, 6)));
  });

  test("per-layer gradient norms equal tf.grads of the same loss written out by hand", () => {
    const small = {inputSize: 4, width: 8, blocks: 2, classes: 3};
    const xs = tf.tensor2d([
      [0.2, -1, 0.5, 1],
      [1, 0.3, -0.4, 0],
      [-0.5, 0.9, 0.1, -1.2]
    ]);
    const ys = tf.oneHot(tf.tensor1d([2, 0, 1], "int32"), 3);
    for (const residual of [false, true]) {
      const model = buildDeepNet(tf, small, {residual, seed: 7});
      const names = weightLayerNames(small);
      const {loss, accuracy, layers} = layerGradientNorms(tf, model, xs, ys);
      expect(layers.map((l) => l.layer)).toEqual(names);
      // The same network by hand: the weights as plain tensors, the forward pass in tf ops.
      const weights = model.getWeights().map((w) => w.clone());
      const forward = (...w: Tensor[]) => {
        const dense = (x: Tensor, k: number) => x.matMul(w[2 * k]).add(w[2 * k + 1]);
        let x = dense(xs, 0).relu();
        for (let b = 0; b < small.blocks; b++) {
          const f = dense(dense(x, 1 + 2 * b).relu(), 2 + 2 * b);
          x = (residual ? f.add(x) : f).relu();
        }
        const p = dense(x, names.length - 1).softmax();
        // Mean cross-entropy, probabilities clipped as Keras does.
        return ys
          .mul(p.clipByValue(1e-7, 1 - 1e-7).log())
          .sum(1)
          .neg()
          .mean() as Scalar;
      };
      const {value, grads} = tf.valueAndGrads(forward)(weights);
      expect(loss).toBeCloseTo(value.dataSync()[0], 5);
      names.forEach((_name, k) => {
        const squares = grads[2 * k].square().sum().dataSync()[0] + grads[2 * k + 1].square().sum().dataSync()[0];
        expect(layers[k].norm).toBeCloseTo(Math.sqrt(squares), 5);
      });
      // Not all zero (a dead network would make the comparison empty).
      expect(layers[0].norm).toBeGreaterThan(1e-4);
      expect(layers.at(-1)!.norm).toBeGreaterThan(1e-4);
      expect([0, 1 / 3, 2 / 3, 1].some((a) => Math.abs(a - accuracy) < 1e-6)).toBe(true);
      // Measuring does not change the weights.
      model.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(weights[i].dataSync())));
      tf.dispose([...weights, value, ...grads]);
      model.dispose();
    }
    tf.dispose([xs, ys]);
  });

  test("layer names for the axes", () => {
    expect(weightLayerNames({inputSize: 1, width: 1, blocks: 2, classes: 2}).map(shortLayerName)).toEqual([
      "stem",
      "1a",
      "1b",
      "2a",
      "2b",
      "out"
    ]);
  });
});

describe("ILSVRC figures", () => {
  test("each row is sourced; one winner a year, improving every year; the lecture's figures", () => {
    for (const e of ILSVRC) {
      expect(e.source.length).toBeGreaterThan(10);
      expect(e.top5).toBeGreaterThan(0);
      expect(e.top5).toBeLessThan(100);
    }
    const winners = ILSVRC.filter((e) => e.place === "winner");
    expect(winners.map((e) => e.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    winners.slice(1).forEach((e, i) => expect(e.top5).toBeLessThan(winners[i].top5));
    const named = (short: string) => ILSVRC.find((e) => e.short === short)!;
    expect(named("AlexNet").top5).toBeGreaterThanOrEqual(15);
    expect(named("AlexNet").top5).toBeLessThanOrEqual(17);
    expect(Math.round(named("GoogLeNet").top5)).toBe(7);
    expect(named("ResNet").top5).toBeLessThan(3.6);
    expect(named("ResNet").layers).toBe(152);
    expect(named("SENet").top5).toBe(2.25);
    expect(HUMAN_TOP5.top5).toBe(5.1);
  });
});

describe("residual.zip (quick mode)", () => {
  let summary: ResidualSummary;
  let names: string[];
  beforeAll(async () => {
    const {code, stdout, stderr} = await runLoader("residual.zip.ts", {WORKBOOK_QUICK: "1"});
    if (code !== 0) throw new Error(`residual.zip failed: ${stderr}`);
    const zip = await JSZip.loadAsync(stdout);
    names = Object.keys(zip.files);
    summary = JSON.parse(await zip.file("summary.json")!.async("string"));
  }, 180_000);

  test("members, quick flag and the shape of every series", () => {
    expect(names).toEqual(["summary.json"]);
    expect(summary.quick).toBe(true);
    expect(summary.trainingImages).toBe(summary.config.trainImages);
    expect(summary.testImages).toBe(10_000);
    expect(summary.layers).toHaveLength(20);
    expect(summary.runs.map((r) => r.id)).toEqual(["plain", "residual"]);
    const batches = Math.ceil(summary.trainingImages / summary.config.batchSize) * summary.config.epochs;
    for (const run of summary.runs) {
      expect(run.parameters).toBe(summary.runs[0].parameters);
      expect(run.probes[0].step).toBe(0);
      expect(run.probes.at(-1)!.step).toBe(batches);
      expect(run.probes.length).toBe(Math.floor(batches / summary.config.probeEvery) + 1 + (batches % summary.config.probeEvery ? 1 : 0));
      for (const probe of run.probes) {
        expect(probe.norms).toHaveLength(20);
        expect(probe.norms.every((n) => Number.isFinite(n) && n > 0)).toBe(true);
      }
      expect(run.curve.at(-1)!.seen).toBe(summary.trainingImages * summary.config.epochs);
      expect(run.epochs).toHaveLength(summary.config.epochs);
      expect(run.test.accuracy).toBeGreaterThanOrEqual(0);
      expect(run.test.accuracy).toBeLessThanOrEqual(1);
      expect(run.trainingSeconds).toBeGreaterThan(0);
      expect(probeAt(run, 7).step).toBe(5);
    }
    // What the page says of these runs: at step 0 the plain network's first layer gets a far
    // smaller gradient, and the residual network ends ahead.
    const [plain, residual] = summary.runs;
    expect(residual.probes[0].norms[0]).toBeGreaterThan(100 * plain.probes[0].norms[0]);
    expect(residual.test.accuracy).toBeGreaterThan(plain.test.accuracy);
  });

  test("a bad WORKBOOK_QUICK stops the loader with a message and no output", async () => {
    const {code, stdout, stderr} = await runLoader("residual.zip.ts", {WORKBOOK_QUICK: "yes"});
    expect(code).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/WORKBOOK_QUICK must be 1/);
  });
});
