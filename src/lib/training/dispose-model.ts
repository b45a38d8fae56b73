// model.dispose() leaves an optimizer passed in as an object (tfjs does not own it), and an
// optimizer keeps tensors (SGD its learning rate, Adam its moments): dispose both.
import type {LayersModel} from "@tensorflow/tfjs";

export function disposeModel(model: LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}
