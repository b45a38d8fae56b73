// Softmax (multinomial logistic) regression: one dense layer from pixels to class scores.
// Shared by loaders and pages, so it takes `tf` from its caller.
import type {TF} from "../core/tf-types.js";

export interface SoftmaxRegressionOptions {
  inputSize?: number;
  classes?: number;
  learningRate?: number;
  seed?: number;
}

export function softmaxRegression(tf: TF, {inputSize = 784, classes = 10, learningRate = 0.1, seed = 1}: SoftmaxRegressionOptions = {}) {
  if (!(learningRate > 0 && learningRate <= 10)) throw new RangeError(`learning rate must be above 0 and at most 10, got ${learningRate}`);
  const model = tf.sequential({
    name: "softmax_regression",
    layers: [
      tf.layers.dense({
        inputShape: [inputSize],
        units: classes,
        activation: "softmax",
        kernelInitializer: tf.initializers.glorotUniform({seed})
      })
    ]
  });
  model.compile({optimizer: tf.train.sgd(learningRate), loss: "categoricalCrossentropy", metrics: ["accuracy"]});
  return model;
}
