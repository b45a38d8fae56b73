// A multilayer perceptron: pixels -> fully connected hidden layers -> class scores. The
// practical's "other model" between softmax regression (no hidden layer) and a CNN. Shared by
// loaders and pages, so it takes `tf` from its caller.
import type {Sequential} from "@tensorflow/tfjs";
import {checkInteger, fail, ok, unwrap, type Result} from "../core/result.js";
import type {TF} from "../core/tf-types.js";

export type MlpActivation = "relu" | "tanh" | "sigmoid";

/** A serialisable MLP: what the loaders train and the pages show. */
export interface MlpDescription {
  kind: "mlp";
  /** Inputs per example (784 for 28×28 images, flattened). */
  inputSize: number;
  /** Units of each hidden layer, first to last. */
  hidden: number[];
  activation: MlpActivation;
  classes: number;
}

const ACTIVATIONS: MlpActivation[] = ["relu", "tanh", "sigmoid"];
const MAX_UNITS = 4096;

/** The description back, or a message naming the first thing wrong with it. */
export function validateMlp(description: MlpDescription): Result<MlpDescription> {
  const {inputSize, hidden, activation, classes} = description;
  const problem =
    checkInteger("Input size", inputSize, 1) ??
    checkInteger("Classes", classes, 2) ??
    (Array.isArray(hidden) ? null : "Hidden layers must be a list of unit counts.") ??
    hidden.map((units, i) => checkInteger(`Hidden layer ${i + 1}`, units, 1)).find((p) => p !== null) ??
    (hidden.some((units) => units > MAX_UNITS)
      ? `Hidden layers can have at most ${MAX_UNITS} units (got ${Math.max(...hidden)}).`
      : null) ??
    (ACTIVATIONS.includes(activation) ? null : `Activation must be one of ${ACTIVATIONS.join(", ")} (got ${String(activation)}).`);
  return problem ? fail(problem) : ok(description);
}

/** Weights and biases of every dense layer. */
export function mlpParameterCount({inputSize, hidden, classes}: MlpDescription): number {
  const sizes = [inputSize, ...hidden, classes];
  let count = 0;
  for (let i = 1; i < sizes.length; i++) count += sizes[i - 1] * sizes[i] + sizes[i];
  return count;
}

/** The model, uncompiled (the trainer picks the optimizer); seeded initialisers, so the same seed gives the same weights. */
export function buildMlp(tf: TF, description: MlpDescription, {seed = 1}: {seed?: number} = {}): Sequential {
  const {inputSize, hidden, activation, classes} = unwrap(validateMlp(description));
  // One seed per layer: layers with the same seed and shape would start identical.
  const init = (layer: number) => tf.initializers.glorotUniform({seed: seed * 1000 + layer});
  return tf.sequential({
    name: "mlp",
    layers: [
      ...hidden.map((units, i) =>
        tf.layers.dense({
          ...(i === 0 ? {inputShape: [inputSize]} : {}),
          units,
          activation,
          kernelInitializer: init(i),
          name: `hidden_${i + 1}`
        })
      ),
      tf.layers.dense({
        ...(hidden.length === 0 ? {inputShape: [inputSize]} : {}),
        units: classes,
        activation: "softmax",
        kernelInitializer: init(hidden.length),
        name: "scores"
      })
    ]
  });
}
