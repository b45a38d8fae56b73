// A tfjs layers model.json written out as the Python Keras code that builds and trains the same
// network, for readers who do the practical in Python. Pure text: the page shows it, a test runs
// it against a hand-written expectation. Every layer's output shape and parameter count is worked
// out from its config, and checked against the shapes of the weights the model ships with.
import {fail, ok, type Result} from "../core/result.js";
import type {TrainingConfig} from "../training/train.js";
import type {WeightSpec} from "./model-files.js";

type Config = Record<string, unknown>;
interface LayerJson {
  class_name: string;
  config: Config;
}

export interface KerasLayer {
  /** The tfjs layer's name ("conv1"). */
  name: string;
  className: string;
  /** The Python expression, e.g. `layers.Conv2D(16, kernel_size=(5, 5), padding="valid", activation="relu")`. */
  expression: string;
  /** Output shape without the batch axis. */
  outputShape: number[];
  /** Trainable weights and biases, from the config. */
  parameters: number;
}

export interface KerasModel {
  name: string;
  inputShape: number[];
  layers: KerasLayer[];
  parameters: number;
}

const ACTIVATIONS: Record<string, string> = {hardSigmoid: "hard_sigmoid", linear: "linear"};

/** The Sequential model's layers as Keras expressions, with shapes and parameters; or why not. */
export function kerasLayers(topology: unknown): Result<KerasModel> {
  const top = topology as {class_name?: string; config?: {name?: string; layers?: LayerJson[]}};
  if (top?.class_name !== "Sequential" || !Array.isArray(top.config?.layers))
    return fail("Only a tfjs Sequential model can be written as Keras code here.");
  const layerList = top.config.layers;
  const first = layerList[0]?.config?.batch_input_shape;
  if (!Array.isArray(first)) return fail("The model's first layer does not say its input shape.");
  const inputShape = (first as (number | null)[]).slice(1) as number[];
  let shape = inputShape;
  const layers: KerasLayer[] = [];
  for (const layer of layerList) {
    const step = translate(layer, shape);
    if (!step.ok) return step;
    if (step.value.outputShape.some((n) => !(n >= 1)))
      return fail(`Layer ${layer.config.name} leaves nothing of its input (output shape ${pyTuple(step.value.outputShape)}).`);
    layers.push(step.value);
    shape = step.value.outputShape;
  }
  const parameters = layers.reduce((sum, l) => sum + l.parameters, 0);
  return ok({name: String(top.config.name ?? "model"), inputShape, layers, parameters});
}

/** Parameters per layer name from a weights manifest ("conv1/kernel" counts for "conv1"). */
export function weightParameters(specs: readonly WeightSpec[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const {name, shape} of specs) {
    const layer = name.slice(0, name.lastIndexOf("/"));
    counts.set(layer, (counts.get(layer) ?? 0) + shape.reduce((a, b) => a * b, 1));
  }
  return counts;
}

export interface KerasCodeOptions {
  /** How the shipped model was trained (metrics.json's training.config); null when not recorded. */
  training: TrainingConfig | null;
  /** keras.datasets module to load ("mnist", "fashion_mnist"). */
  dataset?: string;
}

/**
 * Python that loads the dataset, builds the model layer by layer, compiles and trains it as the
 * workbook did, and prints what the results table asks for. Fails when a layer has no
 * translation, or when the config's parameter count of a layer disagrees with its weights.
 */
export function kerasCode(modelJson: unknown, {training, dataset = "mnist"}: KerasCodeOptions): Result<{code: string; model: KerasModel}> {
  const json = modelJson as {modelTopology?: unknown; weightsManifest?: {weights?: WeightSpec[]}[]};
  if (!json || typeof json !== "object" || !Array.isArray(json.weightsManifest))
    return fail("model.json has no weights manifest: not a tfjs layers model.");
  const built = kerasLayers(json.modelTopology);
  if (!built.ok) return built;
  const model = built.value;
  const problem = training ? trainingProblem(training) : null;
  if (problem) return fail(problem);
  const fromWeights = weightParameters(json.weightsManifest.flatMap((g) => g.weights ?? []));
  for (const layer of model.layers) {
    const stored = fromWeights.get(layer.name) ?? 0;
    if (stored !== layer.parameters)
      return fail(`Layer ${layer.name}: its config makes ${layer.parameters} parameters, but its weights hold ${stored}.`);
  }
  const total = [...fromWeights.values()].reduce((a, b) => a + b, 0);
  const classes = model.layers.at(-1)?.outputShape.at(-1) ?? 0;
  const n = (x: number) => x.toLocaleString("en");
  const lines = [
    `# The workbook's ${model.name} in Keras: ${model.layers.length} layers, ${n(total)} parameters (counted from the shapes of its weights).`,
    "import time",
    "",
    "from tensorflow import keras",
    "from tensorflow.keras import layers",
    "",
    `(x_train, y_train), (x_test, y_test) = keras.datasets.${dataset}.load_data()`,
    `# Pixels scaled to 0-1, as the workbook trained on them, in the shape the first layer takes.`,
    `x_train = x_train.reshape(-1, ${model.inputShape.join(", ")}).astype("float32") / 255`,
    `x_test = x_test.reshape(-1, ${model.inputShape.join(", ")}).astype("float32") / 255`,
    `y_train = keras.utils.to_categorical(y_train, ${classes})`,
    `y_test = keras.utils.to_categorical(y_test, ${classes})`,
    "",
    "model = keras.Sequential([",
    `    keras.Input(shape=${pyTuple(model.inputShape)}),`,
    ...model.layers.map(
      (l) => `    ${l.expression},  # output ${pyTuple(l.outputShape)}${l.parameters ? `, ${n(l.parameters)} parameters` : ""}`
    ),
    `], name=${pyString(model.name)})`,
    "model.summary()",
    "",
    ...trainingLines(training),
    "",
    "test_loss, test_accuracy = model.evaluate(x_test, y_test)",
    'print(f"test accuracy {100 * test_accuracy:.2f}%, {model.count_params():,} parameters, trained in {seconds:.0f} s")'
  ];
  return ok({code: `${lines.join("\n")}\n`, model});
}

function trainingLines(training: TrainingConfig | null): string[] {
  const loss = "# Loss: categorical cross-entropy, as the workbook's training code uses (the metrics do not record it).";
  if (!training)
    return [
      "# The shipped metrics hold no training settings: these are Keras's defaults, choose your own.",
      loss,
      'model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])',
      "start = time.time()",
      "model.fit(x_train, y_train, validation_data=(x_test, y_test))",
      "seconds = time.time() - start"
    ];
  const {optimizer, learningRate, learningRateDecay, epochs, batchSize, clipNorm} = training;
  const optimizerName = optimizer === "adam" ? "Adam" : "SGD";
  const clip = clipNorm === undefined ? "" : `, global_clipnorm=${pyNumber(clipNorm)}`;
  const decays = learningRateDecay !== 1;
  return [
    `# Training settings of the shipped model (its metrics.json): ${optimizer}, learning rate ${learningRate}${decays ? ` times ${learningRateDecay} after every epoch` : ""}, ${epochs} epochs of batches of ${batchSize}.`,
    loss,
    `model.compile(optimizer=keras.optimizers.${optimizerName}(learning_rate=${pyNumber(learningRate)}${clip}), loss="categorical_crossentropy", metrics=["accuracy"])`,
    ...(decays
      ? [
          `schedule = keras.callbacks.LearningRateScheduler(lambda epoch: ${pyNumber(learningRate)} * ${pyNumber(learningRateDecay)} ** epoch)`
        ]
      : []),
    "# The workbook scored the test set after every epoch; to choose settings, hold out a validation set instead (validation_split=0.1).",
    "start = time.time()",
    `model.fit(x_train, y_train, epochs=${epochs}, batch_size=${batchSize}, validation_data=(x_test, y_test)${decays ? ", callbacks=[schedule]" : ""})`,
    "seconds = time.time() - start"
  ];
}

/** One layer: its Keras expression, output shape and parameters, given its input shape. */
function translate({class_name: kind, config}: LayerJson, input: number[]): Result<KerasLayer> {
  const name = String(config.name ?? kind);
  const layer = (expression: string, outputShape: number[], parameters = 0): Result<KerasLayer> =>
    ok({name, className: kind, expression, outputShape, parameters});
  if (config.data_format !== undefined && config.data_format !== "channels_last")
    return fail(`Layer ${name} uses ${String(config.data_format)}; only channels_last is written here.`);
  const channels = input.at(-1) ?? 0;
  switch (kind) {
    case "Conv2D": {
      if (input.length !== 3) return fail(`Layer ${name} (Conv2D) needs an image input, got shape ${pyTuple(input)}.`);
      const kernel = pair(config.kernel_size);
      const strides = pair(config.strides ?? 1);
      const dilation = pair(config.dilation_rate ?? 1);
      const padding = String(config.padding ?? "valid");
      const filters = Number(config.filters);
      const bias = config.use_bias !== false;
      const args = [
        String(filters),
        `kernel_size=${pyTuple(kernel)}`,
        ...(isOnes(strides) ? [] : [`strides=${pyTuple(strides)}`]),
        `padding=${pyString(padding)}`,
        ...(isOnes(dilation) ? [] : [`dilation_rate=${pyTuple(dilation)}`]),
        ...activationArg(config.activation),
        ...(bias ? [] : ["use_bias=False"])
      ];
      const out = [0, 1].map((i) => outputSize(input[i], kernel[i], strides[i], dilation[i], padding));
      return layer(
        `layers.Conv2D(${args.join(", ")})`,
        [...out, filters],
        kernel[0] * kernel[1] * channels * filters + (bias ? filters : 0)
      );
    }
    case "MaxPooling2D":
    case "AveragePooling2D": {
      if (input.length !== 3) return fail(`Layer ${name} (${kind}) needs an image input, got shape ${pyTuple(input)}.`);
      const size = pair(config.pool_size ?? 2);
      const strides = pair(config.strides ?? size);
      const padding = String(config.padding ?? "valid");
      const args = [
        `pool_size=${pyTuple(size)}`,
        ...(strides[0] === size[0] && strides[1] === size[1] ? [] : [`strides=${pyTuple(strides)}`]),
        ...(padding === "valid" ? [] : [`padding=${pyString(padding)}`])
      ];
      const out = [0, 1].map((i) => outputSize(input[i], size[i], strides[i], 1, padding));
      return layer(`layers.${kind}(${args.join(", ")})`, [...out, channels]);
    }
    case "GlobalAveragePooling2D":
    case "GlobalMaxPooling2D":
      return layer(`layers.${kind}()`, [channels]);
    case "Flatten":
      return layer("layers.Flatten()", [input.reduce((a, b) => a * b, 1)]);
    case "Dense": {
      const units = Number(config.units);
      const bias = config.use_bias !== false;
      const args = [String(units), ...activationArg(config.activation), ...(bias ? [] : ["use_bias=False"])];
      return layer(`layers.Dense(${args.join(", ")})`, [...input.slice(0, -1), units], channels * units + (bias ? units : 0));
    }
    case "Dropout":
      return layer(`layers.Dropout(${pyNumber(Number(config.rate))})`, input);
    case "Activation":
      return layer(`layers.Activation(${pyString(activationName(config.activation))})`, input);
    default:
      return fail(`Layer ${name} is a ${kind}, which this page cannot write as Keras code.`);
  }
}

/** Output length along one axis, as Keras computes it. */
function outputSize(n: number, kernel: number, stride: number, dilation: number, padding: string): number {
  if (padding === "same") return Math.ceil(n / stride);
  return Math.floor((n - dilation * (kernel - 1) - 1) / stride) + 1;
}

function activationArg(activation: unknown): string[] {
  const name = activationName(activation);
  return name === "linear" ? [] : [`activation=${pyString(name)}`];
}

function activationName(activation: unknown): string {
  const name = String(activation ?? "linear");
  return ACTIVATIONS[name] ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function pair(value: unknown): [number, number] {
  const v = Array.isArray(value) ? value : [value, value];
  return [Number(v[0]), Number(v[1] ?? v[0])];
}

const isOnes = (v: readonly number[]) => v.every((x) => x === 1);

/** A Python tuple literal: (28, 28, 1), and (10,) for one element. */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(", ")})`;
}

function pyString(text: string): string {
  return JSON.stringify(text);
}

function pyNumber(x: number): string {
  return String(x);
}

/** Why the recorded training settings cannot be written out, or null. */
function trainingProblem(training: TrainingConfig): string | null {
  const {optimizer, learningRate, learningRateDecay, epochs, batchSize, clipNorm} = training;
  if (optimizer !== "adam" && optimizer !== "sgd") return `The recorded optimizer ${JSON.stringify(optimizer)} is neither adam nor sgd.`;
  const numbers = {learningRate, learningRateDecay, epochs, batchSize, ...(clipNorm === undefined ? {} : {clipNorm})};
  const bad = Object.entries(numbers).find(([, v]) => typeof v !== "number" || !Number.isFinite(v) || v <= 0);
  return bad ? `The recorded training setting ${bad[0]} is not a positive number (${String(bad[1])}).` : null;
}
