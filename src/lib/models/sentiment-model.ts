// The sentiment network: sequence to vector, as in the lecture's example. Word ids → an
// embedding (one learned vector per vocabulary word) → 1 to 3 stacked LSTM layers → a softmax
// read-out of the last step's state over (negative, positive). The score shown on the pages is
// the positive probability, from 0 (hate) to 1 (love).
//
// Id 0 is padding and is masked: a masked step leaves the state as it was, so a review scores
// the same whatever padding it got, and the step-by-step cell can read it unpadded. Gates use the
// lecture's logistic sigmoid (tfjs's default is hardSigmoid).
// Shared by the loaders (Node) and the pages, so it takes `tf` from its caller.
import type {LayersModel, Tensor} from "@tensorflow/tfjs";
import type {TF} from "../core/tf-types.js";

export interface SentimentArchitecture {
  /** Embedding rows: the vocabulary with its two special tokens. */
  vocabularySize: number;
  embeddingDim: number;
  /** Units of every LSTM layer. */
  units: number;
  /** Stacked LSTM layers, 1–3. */
  layers: number;
}

export const MAX_LAYERS = 3;

/** Layer names, for weights by name (model.json) and getLayer. */
export const layerName = {embedding: "embedding", lstm: (k: number) => `lstm_${k + 1}`, readout: "readout"};

export function checkArchitecture({vocabularySize, embeddingDim, units, layers}: SentimentArchitecture): void {
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!(Number.isInteger(v) && v >= min && v <= max))
      throw new RangeError(`${name} must be a whole number from ${min} to ${max} (got ${v})`);
  };
  whole("vocabulary size", vocabularySize, 3, 100_000);
  whole("embedding size", embeddingDim, 1, 512);
  whole("units", units, 1, 512);
  whole("layers", layers, 1, MAX_LAYERS);
}

/**
 * The network, its initial weights from `seed`. `perStep: true` makes the read-out score every
 * step (output [batch, steps, 2]) instead of the last: the same weights, so a page can draw the
 * score after each word with one call.
 */
export function sentimentModel(tf: TF, arch: SentimentArchitecture, {seed = 1, perStep = false} = {}): LayersModel {
  checkArchitecture(arch);
  const {vocabularySize, embeddingDim, units, layers} = arch;
  const model = tf.sequential({name: perStep ? "sentiment_per_step" : "sentiment"});
  model.add(
    tf.layers.embedding({
      name: layerName.embedding,
      inputDim: vocabularySize,
      outputDim: embeddingDim,
      inputShape: [null],
      maskZero: true,
      embeddingsInitializer: tf.initializers.randomUniform({minval: -0.05, maxval: 0.05, seed})
    })
  );
  for (let k = 0; k < layers; k++) {
    model.add(
      tf.layers.lstm({
        name: layerName.lstm(k),
        units,
        recurrentActivation: "sigmoid",
        returnSequences: perStep || k < layers - 1,
        kernelInitializer: tf.initializers.glorotUniform({seed: seed + 10 * (k + 1)}),
        recurrentInitializer: tf.initializers.orthogonal({seed: seed + 10 * (k + 1) + 1, gain: 1}),
        // Keras's unit forget bias: start by remembering.
        unitForgetBias: true
      })
    );
  }
  model.add(
    tf.layers.dense({
      name: layerName.readout,
      units: 2,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({seed: seed + 99})
    })
  );
  return model;
}

/** The per-step twin of a trained model: same architecture and weights, a score after every word. */
export function perStepModel(tf: TF, trained: LayersModel, arch: SentimentArchitecture): LayersModel {
  const twin = sentimentModel(tf, arch, {perStep: true});
  twin.setWeights(trained.getWeights());
  return twin;
}

/** The positive score after every word of one unpadded review, from the per-step twin, in one call. */
export function scoresByWord(tf: TF, perStep: LayersModel, ids: Int32Array): Float32Array {
  if (ids.length === 0) return new Float32Array(0);
  return tf.tidy(() => {
    const p = perStep.predict(tf.tensor2d(ids, [1, ids.length], "int32")) as Tensor;
    return p.slice([0, 0, 1], [1, ids.length, 1]).dataSync() as Float32Array;
  });
}
