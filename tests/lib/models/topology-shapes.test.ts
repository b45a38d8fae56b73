// Shapes read from the committed model.json files, against shapes worked out by hand and
// against tfjs building the same topologies.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {isSequence, sequenceShape, shapeLabel, topologyShapes, type TopologyShapes} from "../../../src/lib/models/topology-shapes.js";
import {unwrap} from "../../../src/lib/core/result.js";

const MODELS = join(import.meta.dirname, "../../../models");
const modelJson = (path: string) => JSON.parse(readFileSync(join(MODELS, path, "model.json"), "utf8"));
const shapes = (path: string): TopologyShapes => unwrap(topologyShapes(modelJson(path)));

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

describe("topologyShapes", () => {
  test("the forecaster: a SimpleRNN returning sequences, one number in and out per day", () => {
    expect(shapes("forecasting/sp500")).toEqual({
      inputs: [{name: "rnn", shape: [null, null, 1]}],
      outputs: [{name: "readout", shape: [null, null, 1]}],
      recurrent: [{name: "rnn", cell: "SimpleRNN", units: 16}]
    });
  });

  test("sentiment: word ids in, one pair of probabilities out", () => {
    expect(shapes("sentiment/lstm")).toEqual({
      inputs: [{name: "embedding", shape: [null, null]}],
      outputs: [{name: "readout", shape: [null, 2]}],
      recurrent: [{name: "lstm_1", cell: "LSTM", units: 32}]
    });
  });

  test("the digit encoder, by hand: 28×28 'same' conv, pool, 5×5 'valid' conv, pool, flatten, dense", () => {
    // 28×28×8 → 14×14×8 → 10×10×16 → 5×5×16 → 400 → 64
    expect(shapes("digit-names/encoder").outputs).toEqual([{name: "dense1", shape: [null, 64]}]);
    expect(shapes("digit-names/encoder").recurrent).toEqual([]);
  });

  test("a functional decoder step: its symbols and state in, its probabilities and state out", () => {
    expect(shapes("pronunciation/decoder")).toEqual({
      inputs: [
        {name: "previous_symbol", shape: [null, null, 40]},
        {name: "state_in", shape: [null, 96]}
      ],
      outputs: [
        {name: "decoder_readout", shape: [null, null, 40]},
        {name: "decoder_gru", shape: [null, 96]}
      ],
      recurrent: [{name: "decoder_gru", cell: "GRU", units: 96}]
    });
  });

  test.each([
    "forecasting/sp500",
    "forecasting/seattle",
    "sentiment/lstm",
    "digit-names/encoder",
    "digit-names/decoder",
    "pronunciation/encoder",
    "pronunciation/decoder"
  ])("%s agrees with tfjs", async (path) => {
    const json = modelJson(path);
    const model = await tf.models.modelFromJSON(json.modelTopology);
    const ours = shapes(path);
    expect(ours.inputs.map((s) => s.shape)).toEqual(model.inputs.map((t) => t.shape));
    expect(ours.outputs.map((s) => s.shape)).toEqual(model.outputs.map((t) => t.shape));
    model.dispose();
  });

  test("bad files get a message", () => {
    expect(topologyShapes(null)).toEqual({ok: false, message: expect.stringContaining("no layers")});
    expect(topologyShapes({modelTopology: {class_name: "Sequential", config: {layers: []}}}).ok).toBe(false);
    const odd = {
      class_name: "Sequential",
      config: {layers: [{class_name: "Bidirectional", config: {name: "bi", batch_input_shape: [null, null, 3]}}]}
    };
    expect(topologyShapes(odd)).toEqual({ok: false, message: "Layer bi is a Bidirectional, which this page cannot follow."});
  });
});

describe("the lecture's shape, from the real models", () => {
  test("each site model has the shape its page claims", () => {
    expect(unwrap(sequenceShape([shapes("forecasting/sp500")]))).toBe("seq2seq");
    expect(unwrap(sequenceShape([shapes("sentiment/lstm")]))).toBe("seq2vec");
    expect(unwrap(sequenceShape([shapes("digit-names/encoder"), shapes("digit-names/decoder")]))).toBe("vec2seq");
    expect(unwrap(sequenceShape([shapes("pronunciation/encoder"), shapes("pronunciation/decoder")]))).toBe("delayed");
  });

  test("a model with no sequence anywhere is refused", () => {
    expect(sequenceShape([shapes("digit-names/encoder")]).ok).toBe(false);
    expect(sequenceShape([]).ok).toBe(false);
  });

  test("helpers", () => {
    expect(isSequence([null, null])).toBe(true);
    expect(isSequence([null, 64])).toBe(false);
    expect(shapeLabel([null, null, 1])).toBe("[batch, T, 1]");
    expect(shapeLabel([null, null, 40], "T′")).toBe("[batch, T′, 40]");
  });
});
