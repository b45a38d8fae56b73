// Build-time training of the architecture page's experiment: the same deep network, plain and
// with identity shortcuts (src/lib/models/residual-net.ts), from the same initial weights,
// on the same MNIST batches in the same order. Every `probeEvery` steps both are measured on one
// fixed probe batch: the gradient norm of every weight layer.
import type {Tensor} from "@tensorflow/tfjs";
import {
  buildDeepNet,
  layerGradientNorms,
  weightLayerNames,
  type CurvePoint,
  type GradientProbe,
  type ResidualRun,
  type ResidualSummary,
  type ResidualTrainingConfig
} from "../../../lib/models/residual-net.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {compileClassifier, trainClassifier, type TrainingConfig} from "../../../lib/training/train.js";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import type {TF} from "../../../lib/core/tf-types.js";
import {PIXELS, type Dataset, type Split} from "../datasets/datasets.js";

const NET = {inputSize: PIXELS, width: 64, blocks: 9, classes: 10};

/** 20 weight layers of 64 units, 3 epochs on all 60,000 images: under a minute on this machine, idle. */
export const FULL_CONFIG: ResidualTrainingConfig = {
  net: NET,
  learningRate: 0.05,
  batchSize: 64,
  epochs: 3,
  trainImages: null,
  seed: 1,
  probeEvery: 25,
  probeImages: 512,
  quick: false
};
/** Quick mode (tests, CI): 3,000 images, one epoch: seconds. */
export const QUICK_CONFIG: ResidualTrainingConfig = {
  ...FULL_CONFIG,
  epochs: 1,
  trainImages: 3000,
  probeEvery: 5,
  probeImages: 256,
  quick: true
};

function tensors(tf: TF, split: Split, indices: readonly number[]): {x: Tensor; y: Tensor} {
  const pixels = new Float32Array(indices.length * PIXELS);
  indices.forEach((index, k) => {
    for (let p = 0; p < PIXELS; p++) pixels[k * PIXELS + p] = split.images[index * PIXELS + p] / 255;
  });
  const x = tf.tensor2d(pixels, [indices.length, PIXELS]);
  const y = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Int32Array.from(indices, (i) => split.labels[i]),
        "int32"
      ),
      10
    )
  );
  return {x, y};
}

function evaluate(tf: TF, model: ReturnType<typeof buildDeepNet>, {x, y}: {x: Tensor; y: Tensor}): {loss: number; accuracy: number} {
  return tf.tidy(() => {
    const [loss, accuracy] = model.evaluate(x, y, {batchSize: 1000}) as Tensor[];
    return {loss: loss.dataSync()[0], accuracy: accuracy.dataSync()[0]};
  });
}

export async function trainResidualExperiment(
  tf: TF,
  mnist: Dataset,
  config: ResidualTrainingConfig,
  {backend, log = () => {}}: {backend: string; log?: (text: string) => void}
): Promise<ResidualSummary> {
  const random = seededRandom(config.seed);
  const all = shuffleInPlace(
    Array.from({length: mnist.train.count}, (_, i) => i),
    random
  );
  const indices = config.trainImages === null ? all : all.slice(0, config.trainImages);
  const train = tensors(tf, mnist.train, indices);
  // The probe: the first images of the (shuffled) training set, the same for every measurement.
  const probe = tensors(tf, mnist.train, indices.slice(0, config.probeImages));
  const test = tensors(
    tf,
    mnist.test,
    Array.from({length: mnist.test.count}, (_, i) => i)
  );
  const training: TrainingConfig = {
    optimizer: "sgd",
    learningRate: config.learningRate,
    learningRateDecay: 1,
    epochs: config.epochs,
    batchSize: config.batchSize,
    seed: config.seed
  };
  const runs: ResidualRun[] = [];
  try {
    for (const residual of [false, true]) {
      const id = residual ? "residual" : "plain";
      const model = buildDeepNet(tf, config.net, {residual, seed: config.seed});
      compileClassifier(tf, model, training);
      const probes: GradientProbe[] = [];
      const measure = (step: number) => {
        const {loss, accuracy, layers} = layerGradientNorms(tf, model, probe.x, probe.y);
        probes.push({step, loss, accuracy, norms: layers.map((l) => l.norm)});
      };
      const curve: CurvePoint[] = [];
      let window = {loss: 0, images: 0};
      let step = 0;
      measure(0);
      const started = performance.now();
      // Measuring and testing are not training: their time is left out of trainingSeconds.
      let asideSeconds = 0;
      const epochs = await trainClassifier(tf, model, train, training, {
        onBatch: ({epoch, batch, batches, loss}) => {
          step++;
          const size = Math.min(config.batchSize, indices.length - batch * config.batchSize);
          window.loss += loss * size;
          window.images += size;
          if (step % config.probeEvery === 0 || batch === batches - 1) {
            curve.push({
              step,
              seen: epoch * indices.length + Math.min((batch + 1) * config.batchSize, indices.length),
              loss: window.loss / window.images
            });
            window = {loss: 0, images: 0};
            const t = performance.now();
            measure(step);
            asideSeconds += (performance.now() - t) / 1000;
          }
        },
        evaluate: () => {
          const t = performance.now();
          const scores = evaluate(tf, model, test);
          asideSeconds += (performance.now() - t) / 1000;
          return scores;
        },
        onEpoch: (e) =>
          log(
            `${id}: epoch ${e.epoch}/${config.epochs}${config.quick ? " (quick)" : ""}: training loss ${e.loss.toFixed(3)}, test accuracy ${(100 * e.test!.accuracy).toFixed(2)}%`
          )
      });
      const trainingSeconds = (performance.now() - started) / 1000 - asideSeconds;
      runs.push({
        id,
        name: residual ? "Residual (identity shortcuts)" : "Plain",
        parameters: model.countParams(),
        trainingSeconds,
        curve,
        probes,
        epochs: epochs.map((e) => ({epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, test: e.test!})),
        test: epochs[epochs.length - 1].test!
      });
      disposeModel(model);
    }
  } finally {
    tf.dispose([train.x, train.y, probe.x, probe.y, test.x, test.y]);
  }
  return {
    quick: config.quick,
    config,
    backend,
    layers: weightLayerNames(config.net),
    trainingImages: indices.length,
    testImages: mnist.test.count,
    runs
  };
}
