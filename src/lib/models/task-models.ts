// The small networks of the long-lag and timing tasks (src/lib/rnn/recurrent-tasks.ts): one
// recurrent layer of a chosen cell and a dense read-out. Every cell starts from seeded weights
// drawn the same way (glorot-uniform kernel, orthogonal recurrent kernel, zero bias), so a
// comparison between cells is not a comparison between initial draws. Gates are tfjs's default
// hardSigmoid unless `gates` says "sigmoid"; `forgetBias` starts an LSTM's forget gate at
// bias 1 (Jozefowicz et al. 2015); `chrono` starts the gates biased to remember over up to that
// many steps (Tallec & Ollivier 2018, chronoBias). Shared by the loaders and the pages, so it
// takes `tf` from its caller.
import type {LayersModel} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";
import {seededRandom} from "../core/random.js";
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
  /** Chrono initialisation for dependencies up to this many steps (chronoBias); overrides forgetBias. */
  chrono?: number;
}

/**
 * Chrono initialisation (Tallec & Ollivier 2018, "Can recurrent neural networks warp time?"):
 * unit j's forget gate starts at bias ln u_j with u_j uniform on [1, maxLag − 1], so its memory
 * decays with a time constant of about u_j steps, spread over the lags to be learned, and the
 * input gate at −ln u_j, so later inputs do not overwrite it. Bias 1 is the short-lag special
 * case: σ(1) = 0.73 keeps 0.73^100 ≈ 2.5·10⁻¹⁴ of a memory over 100 steps. For a GRU (tfjs:
 * h = z⊙h_{t−1} + (1 − z)⊙h̃) the update gate z takes the forget gate's bias. Returns the whole
 * bias vector in tfjs's layout: LSTM blocks i, f, c, o; GRU blocks z, r, h.
 */
export function chronoBias(cell: "lstm" | "peephole" | "gru", units: number, maxLag: number, random: () => number): Float32Array {
  if (!(maxLag >= 2)) throw new RangeError(`chrono initialisation needs a longest lag of at least 2 (got ${maxLag})`);
  const gated = cell === "gru" ? 3 : 4;
  const bias = new Float32Array(gated * units);
  for (let j = 0; j < units; j++) {
    const b = Math.log(1 + random() * (maxLag - 2));
    if (cell === "gru") bias[j] = b;
    else {
      bias[units + j] = b;
      bias[j] = -b;
    }
  }
  return bias;
}

/** Overwrite the built recurrent layer's bias with chronoBias (no effect on a SimpleRNN or without `chrono`). */
export function initialiseChrono(tf: TF, model: LayersModel, {cell, units, seed, chrono}: TaskModelOptions): void {
  if (chrono === undefined || cell === "simpleRNN") return;
  const variable = model.getLayer("recurrent").weights.find((w) => /bias/.test(w.name));
  if (!variable) throw new Error(`the ${cell} layer has no bias to initialise`);
  const bias = tf.tensor1d(chronoBias(cell, units, chrono, seededRandom(seed + 2)));
  variable.write(bias); // assign copies, so the tensor is ours to dispose
  bias.dispose();
}

/**
 * The recurrent layer; inputs of any length ([null, channels]). With `chrono`, call
 * initialiseChrono once the layer is in a model (tfjs creates its weights then).
 */
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
  initialiseChrono(tf, model, options);
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
  initialiseChrono(tf, model, options);
  return model;
}
