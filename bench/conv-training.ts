// Training throughput of LeNet-like CNNs in Node: the wasm backend with this project's
// Conv2DBackpropFilter kernel (src/lib/wasm/wasm-conv-backprop-filter.ts), the same plus the
// opt-in Conv2DBackpropInput replacement (src/lib/wasm/wasm-conv-backprop-input.ts), the wasm
// backend with a plain JavaScript-loop filter kernel (what ours replaces), and the pure-JS cpu
// backend.
//
//   npx tsx bench/conv-training.ts
//
// Every row trains a freshly initialised model (seeded initialisers) on the same seeded random
// 28×28×1 batches, so the loss column doubles as a check that the rows compute the same thing.
import {loadavg} from "node:os";
import {pathToFileURL} from "node:url";
import {seededRandom} from "../src/lib/core/random.js";
import {tf, useBackend} from "../src/data/lib/training/tf-node.js";
import {registerWasmConvBackpropFilter} from "../src/lib/wasm/wasm-conv-backprop-filter.js";
import {registerWasmConvBackpropInput, unregisterWasmConvBackpropInput} from "../src/lib/wasm/wasm-conv-backprop-input.js";

interface ModelConfig {
  name: string;
  filters: [number, number];
  kernelSize: number;
}

type Variant = "wasm+input" | "wasm" | "wasm-js-loop" | "cpu";

interface Row {
  model: string;
  variant: Variant;
  batches: number;
  msPerBatch: number;
  imagesPerSecond: number;
  lossAtCheck: number;
}

export interface BenchConvTrainingOptions {
  batchSize?: number;
  /** Timed batches per variant (after `warmup` untimed ones); the slow variants run few. */
  batches?: Partial<Record<Variant, number>>;
  warmup?: number;
  models?: ModelConfig[];
  log?: (line: string) => void;
}

const MODELS: ModelConfig[] = [
  {name: "conv 8/16 5×5", filters: [8, 16], kernelSize: 5},
  {name: "conv 32/64 3×3", filters: [32, 64], kernelSize: 3}
];

const VARIANT_LABEL: Record<Variant, string> = {
  "wasm+input": "wasm + our dW + our opt-in dx kernel",
  wasm: "wasm + our dW kernel (XNNPACK conv)",
  "wasm-js-loop": "wasm + JS-loop dW kernel",
  cpu: "cpu (pure JS)"
};

function buildModel({filters, kernelSize}: ModelConfig): tf.Sequential {
  let seed = 1;
  const init = () => tf.initializers.glorotUniform({seed: seed++});
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({inputShape: [28, 28, 1], filters: filters[0], kernelSize, activation: "relu", kernelInitializer: init()}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.conv2d({filters: filters[1], kernelSize, activation: "relu", kernelInitializer: init()}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.flatten(),
      tf.layers.dense({units: 10, activation: "softmax", kernelInitializer: init()})
    ]
  });
  model.compile({optimizer: tf.train.sgd(0.05), loss: "categoricalCrossentropy"});
  return model;
}

/** Seeded random batches: pixels uniform in [0, 1), labels uniform over 10 classes. */
function makeBatches(count: number, batchSize: number, seed = 12345): Array<{images: Float32Array; labels: Int32Array}> {
  const random = seededRandom(seed);
  return Array.from({length: count}, () => ({
    images: Float32Array.from({length: batchSize * 28 * 28}, random),
    labels: Int32Array.from({length: batchSize}, () => Math.floor(random() * 10))
  }));
}

// The baseline: the filter gradient as nested JavaScript loops over the wasm heap (NHWC, 'valid'
// or 'same', no dilation), i.e. what a straightforward port of the cpu kernel costs.
interface HeapBackend {
  makeOutput(shape: number[], dtype: "float32"): {dataId: object; shape: number[]; dtype: "float32"};
  typedArrayFromHeap(info: {dataId: object; shape: number[]; dtype: string}): Float32Array;
}
function jsLoopConv2DBackpropFilter({
  inputs,
  backend,
  attrs
}: {
  inputs: Record<string, {dataId: object; shape: number[]; dtype: string}>;
  backend: unknown;
  attrs?: Record<string, unknown>;
}) {
  const {x, dy} = inputs;
  const heap = backend as HeapBackend;
  const a = attrs as {strides: number | [number, number]; pad: "valid" | "same"; filterShape: [number, number, number, number]};
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad);
  const {batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth} =
    info;
  const xs = heap.typedArrayFromHeap(x);
  const dys = heap.typedArrayFromHeap(dy);
  const out = heap.makeOutput(a.filterShape, "float32");
  const dW = heap.typedArrayFromHeap(out);
  const {top, left} = info.padInfo;
  for (let kh = 0; kh < filterHeight; kh++)
    for (let kw = 0; kw < filterWidth; kw++)
      for (let ci = 0; ci < inChannels; ci++)
        for (let co = 0; co < outChannels; co++) {
          let sum = 0;
          for (let b = 0; b < batchSize; b++)
            for (let oh = 0; oh < outHeight; oh++) {
              const row = oh * strideHeight + kh - top;
              if (row < 0 || row >= inHeight) continue;
              for (let ow = 0; ow < outWidth; ow++) {
                const col = ow * strideWidth + kw - left;
                if (col < 0 || col >= inWidth) continue;
                sum +=
                  xs[((b * inHeight + row) * inWidth + col) * inChannels + ci] *
                  dys[((b * outHeight + oh) * outWidth + ow) * outChannels + co];
              }
            }
          dW[((kh * filterWidth + kw) * inChannels + ci) * outChannels + co] = sum;
        }
  return out;
}

function useFilterKernel(kind: "ours" | "js-loop"): void {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm") != null) tf.unregisterKernel("Conv2DBackpropFilter", "wasm");
  if (kind === "ours") registerWasmConvBackpropFilter(tf);
  else
    tf.registerKernel({
      kernelName: "Conv2DBackpropFilter",
      backendName: "wasm",
      kernelFunc: jsLoopConv2DBackpropFilter as unknown as Parameters<typeof tf.registerKernel>[0]["kernelFunc"]
    });
}

async function trainRow(
  config: ModelConfig,
  variant: Variant,
  batches: Array<{images: Float32Array; labels: Int32Array}>,
  warmup: number,
  timed: number,
  checkStep: number
): Promise<Row> {
  await useBackend(variant === "cpu" ? "cpu" : "wasm");
  if (variant !== "cpu") useFilterKernel(variant === "wasm-js-loop" ? "js-loop" : "ours");
  if (variant === "wasm+input") registerWasmConvBackpropInput(tf);
  else unregisterWasmConvBackpropInput(tf);
  const model = buildModel(config);
  const batchSize = batches[0].labels.length;
  let lossAtCheck = NaN;
  const times: number[] = [];
  for (let step = 0; step < warmup + timed; step++) {
    const {images, labels} = batches[step % batches.length];
    const xs = tf.tensor4d(images, [batchSize, 28, 28, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), 10));
    const start = performance.now();
    const loss = (await model.trainOnBatch(xs, ys)) as number;
    if (step >= warmup) times.push(performance.now() - start);
    if (step === checkStep) lossAtCheck = loss;
    tf.dispose([xs, ys]);
  }
  model.optimizer.dispose();
  model.dispose();
  // The median resists other processes on the machine stealing a core now and then.
  const msPerBatch = times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
  return {model: config.name, variant, batches: timed, msPerBatch, imagesPerSecond: (1000 * batchSize) / msPerBatch, lossAtCheck};
}

/** Where one wasm training step spends its kernel time (ms per batch, top kernels). */
async function profileWasmStep(
  config: ModelConfig,
  batch: {images: Float32Array; labels: Int32Array},
  withInputKernel: boolean,
  steps = 3
) {
  await useBackend("wasm");
  useFilterKernel("ours");
  if (withInputKernel) registerWasmConvBackpropInput(tf);
  else unregisterWasmConvBackpropInput(tf);
  const model = buildModel(config);
  const n = batch.labels.length;
  const xs = tf.tensor4d(batch.images, [n, 28, 28, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.labels, "int32"), 10));
  await model.trainOnBatch(xs, ys);
  const info = await tf.profile(async () => {
    for (let i = 0; i < steps; i++) await model.trainOnBatch(xs, ys);
  });
  const byKernel = new Map<string, number>();
  for (const k of info.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  return [...byKernel].map(([name, ms]) => ({name, ms: ms / steps})).sort((a, b) => b.ms - a.ms);
}

function table(header: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

export async function benchConvTraining(options: BenchConvTrainingOptions = {}): Promise<void> {
  const {batchSize = 64, warmup = 2, models = MODELS, log = console.log} = options;
  const batches = {"wasm+input": 30, wasm: 30, "wasm-js-loop": 4, cpu: 2, ...options.batches};
  const maxSteps = warmup + Math.max(...Object.values(batches));
  const data = makeBatches(Math.min(maxSteps, 40), batchSize);
  // cpu takes seconds per batch, so one warm-up batch there.
  const warmupOf = (variant: Variant) => (variant === "cpu" ? Math.min(1, warmup) : warmup);
  const checkStep = Math.min(...(Object.keys(batches) as Variant[]).map((v) => warmupOf(v) + batches[v])) - 1; // a step every row trains
  const rows: Row[] = [];
  const variants: Variant[] = ["wasm+input", "wasm", "wasm-js-loop", "cpu"];
  for (const config of models) {
    for (const variant of variants) {
      // The big model is ~10× slower per image; fewer timed batches keep the bench short.
      const fast = variant === "wasm" || variant === "wasm+input";
      const timed = config.filters[0] > 8 && fast ? Math.max(2, Math.round(batches[variant] / 3)) : batches[variant];
      rows.push(await trainRow(config, variant, data, warmupOf(variant), timed, checkStep));
    }
  }
  const header = [
    "model",
    "backend / conv gradient kernels",
    "batches",
    "ms/batch (median)",
    "images/s",
    "× cpu",
    `loss @ step ${checkStep + 1}`
  ];
  const body = rows.map((r) => {
    const cpu = rows.find((c) => c.model === r.model && c.variant === "cpu")!;
    return [
      r.model,
      VARIANT_LABEL[r.variant],
      String(r.batches),
      r.msPerBatch.toFixed(1),
      r.imagesPerSecond.toFixed(r.imagesPerSecond < 100 ? 1 : 0),
      (r.imagesPerSecond / cpu.imagesPerSecond).toFixed(1),
      r.lossAtCheck.toFixed(4)
    ];
  });
  log(
    `\nConv net training throughput (Node ${process.version}, tfjs ${tf.version.tfjs}, batch ${batchSize}, seeded random 28×28×1, SGD, ${warmup} warm-up batches (cpu ${warmupOf("cpu")}), load average ${loadavg()[0].toFixed(2)})`
  );
  log("LeNet-like: conv k×k relu, maxpool 2, conv k×k relu, maxpool 2, dense 10 softmax\n");
  for (const l of table(header, body, [false, false, true, true, true, true, true])) log(l);

  for (const config of models) {
    for (const withInputKernel of [false, true]) {
      const kernels = await profileWasmStep(config, data[0], withInputKernel);
      const total = kernels.reduce((s, k) => s + k.ms, 0);
      log(
        `\nwasm kernel time per training step, ${config.name}, our dW kernel${withInputKernel ? " + opt-in dx kernel" : " only"} ` +
          `(batch ${batchSize}; total ${total.toFixed(1)} ms):`
      );
      for (const l of table(
        ["kernel", "ms/batch", "share"],
        kernels.slice(0, 6).map((k) => [k.name, k.ms.toFixed(2), `${((100 * k.ms) / total).toFixed(0)}%`]),
        [false, true, true]
      ))
        log(`  ${l}`);
    }
  }
  unregisterWasmConvBackpropInput(tf);
  useFilterKernel("ours");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchConvTraining().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
