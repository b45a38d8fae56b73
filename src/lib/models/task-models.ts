// The small networks of the long-lag and timing tasks (src/lib/rnn/recurrent-tasks.ts): one
// recurrent layer of a chosen cell and a dense read-out. Every cell starts from seeded weights
// drawn the same way (glorot-uniform kernel, orthogonal recurrent kernel, zero bias), so a
// comparison between cells is not a comparison between initial draws. Gates are tfjs's default
// hardSigmoid unless `gates` says "sigmoid"; `forgetBias` starts an LSTM's forget gate at
// bias 1 (Jozefowicz et al. 2015), the standard recipe's other half. Shared by the loaders and
// the pages, so it takes `tf` from its caller.
import type {LayersModel} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import {peepholeLstmLayer, type GateActivation} from "./peephole-lstm.js";

export type CellKind = "simpleRNN" | "lstm" | "gru" | "peephole";

export const CELL_NAMES: Record<CellKind, string> = {
  simpleRNN: "SimpleRNN",
  lstm: "LSTM",
  gru: "GRU",
  peephole: "Peephole LSTM"
};

export interface TaskModelOptions {
  cell: CellKind;
  units: number;
  channels: number;
  seed: number;
  /** σ of the gates (tfjs's default "hardSigmoid"); no effect on a SimpleRNN. */
  gates?: GateActivation;
  /** An LSTM's forget-gate bias starts at 1 instead of 0 (tfjs's unitForgetBias). */
  forgetBias?: boolean;
}

/** The recurrent layer; inputs of any length ([null, channels]). */
export function recurrentLayer(
  tf: TF,
  {cell, units, channels, seed, gates = "hardSigmoid", forgetBias = false}: TaskModelOptions,
  returnSequences: boolean
) {
  if (!Number.isInteger(units) || units < 1 || units > 1024)
    throw new RangeError(`units must be a whole number from 1 to 1024 (got ${units})`);
  const inputShape = [null, channels] as unknown as number[];
  if (cell === "peephole")
    return peepholeLstmLayer(tf, {units, seed, returnSequences, inputShape, name: "recurrent", recurrentActivation: gates, forgetBias});
  const args = {
    name: "recurrent",
    units,
    returnSequences,
    inputShape,
    kernelInitializer: tf.initializers.glorotUniform({seed}),
    recurrentInitializer: tf.initializers.orthogonal({seed}),
    biasInitializer: tf.initializers.zeros()
  };
  if (cell === "simpleRNN") return tf.layers.simpleRNN(args);
  if (cell === "lstm") return tf.layers.lstm({...args, recurrentActivation: gates, unitForgetBias: forgetBias});
  if (cell === "gru") return tf.layers.gru({...args, recurrentActivation: gates});
  throw new RangeError(`unknown cell ${JSON.stringify(cell)}`);
}

/** Sequence to class: the last state through a softmax over `classes`. */
export function sequenceClassifier(tf: TF, options: TaskModelOptions & {classes: number}): LayersModel {
  const model = tf.sequential({name: `${options.cell}_classifier`});
  model.add(recurrentLayer(tf, options, false));
  model.add(
    tf.layers.dense({
      name: "readout",
      units: options.classes,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({seed: options.seed + 1})
    })
  );
  return model;
}

/** Sequence to sequence: at every step a probability that this is the pulse step. */
export function pulseModel(tf: TF, options: TaskModelOptions): LayersModel {
  const model = tf.sequential({name: `${options.cell}_pulse`});
  model.add(recurrentLayer(tf, options, true));
  model.add(
    tf.layers.dense({
      name: "readout",
      units: 1,
      activation: "sigmoid",
      kernelInitializer: tf.initializers.glorotUniform({seed: options.seed + 1})
    })
  );
  return model;
}
