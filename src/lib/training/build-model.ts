// A trainable model from a zoo spec (zoo.ts): built with its seed and compiled with its
// optimizer, ready for trainClassifier. k-NN has no layers and is built by knn.ts instead.
import type {LayersModel} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import {buildCnn} from "../models/cnn-description.js";
import {buildMlp} from "../models/mlp.js";
import {softmaxRegression} from "../models/softmax-regression.js";
import {compileClassifier} from "./train.js";
import type {ModelSpec} from "../models/zoo.js";

export type TrainableSpec = Exclude<ModelSpec, {id: "knn"}>;

export function buildClassifier(tf: TF, spec: TrainableSpec): LayersModel {
  switch (spec.id) {
    case "softmax": {
      // softmaxRegression compiles itself, with SGD at the spec's learning rate.
      if (spec.training.optimizer !== "sgd")
        throw new Error(`${spec.name}: softmax regression trains with sgd, not ${spec.training.optimizer}`);
      const {inputSize, classes} = spec.description;
      return softmaxRegression(tf, {inputSize, classes, learningRate: spec.training.learningRate, seed: spec.seed});
    }
    case "mlp": {
      const model = buildMlp(tf, spec.description, {seed: spec.seed});
      compileClassifier(tf, model, spec.training);
      return model;
    }
    case "cnn": {
      const model = buildCnn(tf, spec.description, {seed: spec.seed});
      compileClassifier(tf, model, spec.training);
      return model;
    }
  }
}
