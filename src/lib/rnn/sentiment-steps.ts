// The sentiment network run one word at a time in plain JavaScript, from its shipped weights:
// look the word up in the embedding, step every LSTM layer (lstm-cell.ts), and read the score
// off the top layer's state. It gives what the pages draw (every layer's state and the score
// after every word) without tfjs; a test checks it against the tfjs model within 1e-5.
import {matrixFromFlat, vecMat, type Matrix} from "../core/matvec.js";
import type {CellWeights, TensorLike} from "./cell-weights.js";
import {cellWeightsFromTensors} from "./cell-weights.js";
import {weightsFromFiles} from "../formats/model-files.js";
import {runLstm} from "./lstm-cell.js";
import {layerName, MAX_LAYERS, type SentimentArchitecture} from "../models/sentiment-model.js";
import {fail, ok, type Result} from "../core/result.js";

export interface SentimentWeights {
  arch: SentimentArchitecture;
  /** embedding[id]: the word's input vector. */
  embedding: Float32Array[];
  /** One per stacked LSTM layer, bottom first. */
  layers: CellWeights[];
  /** The softmax read-out: kernel [units, 2] (negative, positive), bias [2]. */
  readout: {kernel: Matrix; bias: Float32Array};
}

/** The weights by layer name, as tfjs names them in model.json ("lstm_1/kernel", …). */
export function sentimentWeightsFromTensors(byName: ReadonlyMap<string, TensorLike>): SentimentWeights {
  const get = (name: string) => {
    const tensor = byName.get(name);
    if (!tensor) throw new Error(`model.json has no weight "${name}" (it has ${[...byName.keys()].join(", ")})`);
    return tensor;
  };
  const table = get(`${layerName.embedding}/embeddings`);
  const [vocabularySize, embeddingDim] = table.shape;
  let layers = 0;
  while (layers < MAX_LAYERS && byName.has(`${layerName.lstm(layers)}/kernel`)) layers++;
  if (layers === 0) throw new Error(`model.json has no LSTM layer named ${layerName.lstm(0)}`);
  const cells = Array.from({length: layers}, (_, k) => {
    const name = layerName.lstm(k);
    return cellWeightsFromTensors([get(`${name}/kernel`), get(`${name}/recurrent_kernel`), get(`${name}/bias`)]);
  });
  const units = cells[0].recurrentKernel.length;
  const kernel = get(`${layerName.readout}/kernel`);
  if (kernel.shape[0] !== units || kernel.shape[1] !== 2) throw new Error(`readout/kernel is [${kernel.shape}], expected [${units}, 2]`);
  return {
    arch: {vocabularySize, embeddingDim, units, layers},
    embedding: matrixFromFlat(Float32Array.from(table.dataSync()), vocabularySize, embeddingDim),
    layers: cells,
    readout: {
      kernel: matrixFromFlat(Float32Array.from(kernel.dataSync()), units, 2),
      bias: Float32Array.from(get(`${layerName.readout}/bias`).dataSync())
    }
  };
}

/** The same straight from the zip members model.json and weights.bin (no tfjs). */
export function sentimentWeightsFromFiles(modelJson: unknown, weights: ArrayBuffer | Uint8Array): SentimentWeights {
  return sentimentWeightsFromTensors(weightsFromFiles(modelJson, weights));
}

export interface LayerStates {
  /** h_t after every word: the layer's output. */
  h: Float32Array[];
  /** c_t after every word: the long-term state. */
  c: Float32Array[];
}

export interface SentimentRun {
  ids: Int32Array;
  /** Every layer's states, bottom first. */
  layers: LayerStates[];
  /** The positive probability after each word: what the network would answer if the review stopped there. */
  scores: Float32Array;
  /** The score after the last word: the network's answer. */
  score: number;
}

/** The positive-class softmax probability of a top-layer state. */
export function readoutScore(h: ArrayLike<number>, {kernel, bias}: SentimentWeights["readout"]): number {
  const [z0, z1] = vecMat(h, kernel);
  // softmax over two classes: e^z1 / (e^z0 + e^z1).
  return 1 / (1 + Math.exp(z0 + bias[0] - (z1 + bias[1])));
}

/** Run the network over word ids (no padding: an unpadded review is what the masked model reads). */
export function sentimentSteps(ids: ArrayLike<number>, weights: SentimentWeights): Result<SentimentRun> {
  if (ids.length === 0) return fail("There are no words to read.");
  const vocabularySize = weights.embedding.length;
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t];
    if (!(Number.isInteger(id) && id >= 1 && id < vocabularySize))
      return fail(`Word ${t + 1} has id ${id}, outside the vocabulary (1–${vocabularySize - 1}).`);
  }
  let xs: Float32Array[] = Array.from(ids, (id) => weights.embedding[id]);
  const layers: LayerStates[] = [];
  for (const cell of weights.layers) {
    const run = runLstm(xs, cell, {activation: "tanh", recurrentActivation: "sigmoid"});
    layers.push({h: run.h, c: run.c});
    xs = run.h;
  }
  const scores = Float32Array.from(xs, (h) => readoutScore(h, weights.readout));
  return ok({ids: Int32Array.from(ids), layers, scores, score: scores[scores.length - 1]});
}
