// The Keras code written from a tfjs model.json: a small model saved by tfjs itself against
// Python written by hand, its shapes and parameters against tfjs's own, the shipped MNIST CNN
// against its metrics and weights.bin, and the refusals.
import * as tf from "@tensorflow/tfjs";
import {readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {kerasCode, kerasLayers, pyTuple, weightParameters} from "../../../src/lib/formats/keras-code.js";
import {layersModelFiles} from "../../../src/lib/formats/model-files.js";
import type {TrainingConfig} from "../../../src/lib/training/train.js";

const ROOT = join(import.meta.dirname, "../../..");

/** A small model of every translated kind, as tfjs writes it to model.json. */
async function fixtureJson() {
  const model = tf.sequential({name: "tiny"});
  model.add(tf.layers.conv2d({name: "c1", inputShape: [6, 6, 1], filters: 2, kernelSize: 3, padding: "same", activation: "relu"}));
  model.add(tf.layers.maxPooling2d({name: "p1", poolSize: 2}));
  model.add(tf.layers.conv2d({name: "c2", filters: 4, kernelSize: 2, strides: 1, useBias: false}));
  model.add(tf.layers.averagePooling2d({name: "p2", poolSize: 2, strides: 1}));
  model.add(tf.layers.flatten({name: "f"}));
  model.add(tf.layers.dropout({name: "d", rate: 0.25}));
  model.add(tf.layers.dense({name: "out", units: 3, activation: "softmax"}));
  const files = await layersModelFiles(tf, model);
  const counts = model.layers.map((l) => ({shape: (l.outputShape as number[]).slice(1), parameters: l.countParams()}));
  model.dispose();
  return {json: JSON.parse(files["model.json"]), counts};
}

const SGD: TrainingConfig = {optimizer: "sgd", learningRate: 0.1, learningRateDecay: 1, epochs: 2, batchSize: 8, seed: 1};

// Worked by hand: c1 3·3·1·2 + 2 = 20 (same padding keeps 6×6); p1 halves to 3×3; c2 2·2·2·4 = 32
// with no bias, valid: 2×2; p2 2×2 at stride 1: 1×1; out 4·3 + 3 = 15. Total 67.
const EXPECTED = `# The workbook's tiny in Keras: 7 layers, 67 parameters (counted from the shapes of its weights).
import time

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
# Pixels scaled to 0-1, as the workbook trained on them, in the shape the first layer takes.
x_train = x_train.reshape(-1, 6, 6, 1).astype("float32") / 255
x_test = x_test.reshape(-1, 6, 6, 1).astype("float32") / 255
y_train = keras.utils.to_categorical(y_train, 3)
y_test = keras.utils.to_categorical(y_test, 3)

model = keras.Sequential([
    keras.Input(shape=(6, 6, 1)),
    layers.Conv2D(2, kernel_size=(3, 3), padding="same", activation="relu"),  # output (6, 6, 2), 20 parameters
    layers.MaxPooling2D(pool_size=(2, 2)),  # output (3, 3, 2)
    layers.Conv2D(4, kernel_size=(2, 2), padding="valid", use_bias=False),  # output (2, 2, 4), 32 parameters
    layers.AveragePooling2D(pool_size=(2, 2), strides=(1, 1)),  # output (1, 1, 4)
    layers.Flatten(),  # output (4,)
    layers.Dropout(0.25),  # output (4,)
    layers.Dense(3, activation="softmax"),  # output (3,), 15 parameters
], name="tiny")
model.summary()

# Training settings of the shipped model (its metrics.json): sgd, learning rate 0.1, 2 epochs of batches of 8.
# Loss: categorical cross-entropy, as the workbook's training code uses (the metrics do not record it).
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="categorical_crossentropy", metrics=["accuracy"])
# The workbook scored the test set after every epoch; to choose settings, hold out a validation set instead (validation_split=0.1).
start = time.time()
model.fit(x_train, y_train, epochs=2, batch_size=8, validation_data=(x_test, y_test))
seconds = time.time() - start

test_loss, test_accuracy = model.evaluate(x_test, y_test)
print(f"test accuracy {100 * test_accuracy:.2f}%, {model.count_params():,} parameters, trained in {seconds:.0f} s")
`;

describe("Keras code for a small model", () => {
  test("is the Python written by hand", async () => {
    const {json} = await fixtureJson();
    const result = kerasCode(json, {training: SGD});
    expect(result.ok && result.value.code).toBe(EXPECTED);
  });

  test("every layer's output shape and parameters are tfjs's own", async () => {
    const {json, counts} = await fixtureJson();
    const result = kerasLayers(json.modelTopology);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.layers.map((l) => ({shape: l.outputShape, parameters: l.parameters}))).toEqual(counts);
  });

  test("a decaying rate becomes a schedule, clipping the optimizer's global_clipnorm", async () => {
    const {json} = await fixtureJson();
    const result = kerasCode(json, {training: {...SGD, optimizer: "adam", learningRateDecay: 0.5, clipNorm: 1}, dataset: "fashion_mnist"});
    const code = result.ok ? result.value.code : "";
    expect(code).toContain("keras.datasets.fashion_mnist.load_data()");
    expect(code).toContain("keras.optimizers.Adam(learning_rate=0.1, global_clipnorm=1)");
    expect(code).toContain("LearningRateScheduler(lambda epoch: 0.1 * 0.5 ** epoch)");
    expect(code).toContain("validation_data=(x_test, y_test), callbacks=[schedule])");
  });

  test("without training settings, says so and uses Keras's defaults", async () => {
    const {json} = await fixtureJson();
    const result = kerasCode(json, {training: null});
    const code = result.ok ? result.value.code : "";
    expect(code).toContain("# The shipped metrics hold no training settings");
    expect(code).toContain('model.compile(optimizer="adam"');
  });
});

describe("refusals, each with a message", () => {
  test("a layer with no translation", async () => {
    const {json} = await fixtureJson();
    json.modelTopology.config.layers.splice(1, 0, {class_name: "LSTM", config: {name: "l1", units: 4}});
    expect(kerasCode(json, {training: SGD})).toEqual({
      ok: false,
      message: "Layer l1 is a LSTM, which this page cannot write as Keras code."
    });
  });

  test("weights that do not fit the config", async () => {
    const {json} = await fixtureJson();
    // A kernel of 3 filters (27 numbers) beside the bias of 2.
    json.weightsManifest[0].weights[0].shape = [3, 3, 1, 3];
    expect(kerasCode(json, {training: SGD})).toEqual({
      ok: false,
      message: "Layer c1: its config makes 20 parameters, but its weights hold 29."
    });
  });

  test("a kernel larger than its input", async () => {
    const {json} = await fixtureJson();
    json.modelTopology.config.layers[2].config.kernel_size = [5, 5];
    const result = kerasCode(json, {training: SGD});
    expect(result).toEqual({ok: false, message: "Layer c2 leaves nothing of its input (output shape (-1, -1, 4))."});
  });

  test("no model, a functional model, a bad training setting", async () => {
    const {json} = await fixtureJson();
    expect(kerasCode(null, {training: SGD}).ok).toBe(false);
    expect(kerasCode({...json, modelTopology: {class_name: "Model", config: {}}}, {training: SGD})).toEqual({
      ok: false,
      message: "Only a tfjs Sequential model can be written as Keras code here."
    });
    expect(kerasCode(json, {training: {...SGD, learningRate: Number.NaN}})).toEqual({
      ok: false,
      message: "The recorded training setting learningRate is not a positive number (NaN)."
    });
  });

  test("Python tuples of one element keep their comma", () => {
    expect(pyTuple([512])).toBe("(512,)");
    expect(pyTuple([4, 4, 32])).toBe("(4, 4, 32)");
  });
});

describe("the shipped MNIST CNN", () => {
  const dir = join(ROOT, "models/mnist-models/cnn");
  const modelJson = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
  const metrics = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8"));
  const result = kerasCode(modelJson, {training: metrics.training.config});
  const code = result.ok ? result.value.code : "";

  test("its header counts the layers of model.json and the parameters of the metrics and of weights.bin", () => {
    expect(result.ok).toBe(true);
    const header = code.split("\n")[0].match(/: (\d+) layers, ([\d,]+) parameters/);
    expect(Number(header?.[1])).toBe(modelJson.modelTopology.config.layers.length);
    const parameters = Number(header?.[2].replace(/,/g, ""));
    expect(parameters).toBe(metrics.model.parameters);
    // float32 weights: four bytes each.
    expect(parameters).toBe(statSync(join(dir, "weights.bin")).size / 4);
    const perLayer = weightParameters(modelJson.weightsManifest[0].weights);
    expect([...perLayer.values()].reduce((a, b) => a + b, 0)).toBe(parameters);
  });

  test("one Conv2D line per convolution of the config, and the training settings of the metrics", () => {
    const convs = modelJson.modelTopology.config.layers.filter((l: {class_name: string}) => l.class_name === "Conv2D");
    const lines = code.split("\n").filter((l) => l.includes("layers.Conv2D("));
    expect(lines).toHaveLength(convs.length);
    convs.forEach((c: {config: {filters: number; kernel_size: number[]}}, i: number) =>
      expect(lines[i]).toContain(`layers.Conv2D(${c.config.filters}, kernel_size=(${c.config.kernel_size.join(", ")})`)
    );
    const {epochs, batchSize, learningRate} = metrics.training.config;
    expect(code).toContain(`epochs=${epochs}, batch_size=${batchSize}`);
    expect(code).toContain(`learning_rate=${learningRate}`);
  });

  test("its shapes and parameters are those of the model tfjs rebuilds from it", async () => {
    const model = await tf.models.modelFromJSON({modelTopology: modelJson.modelTopology});
    const layers = result.ok ? result.value.model.layers : [];
    expect(layers.map((l) => l.outputShape)).toEqual(model.layers.map((l) => (l.outputShape as number[]).slice(1)));
    expect(layers.map((l) => l.parameters)).toEqual(model.layers.map((l) => l.countParams()));
    model.dispose();
  });
});
