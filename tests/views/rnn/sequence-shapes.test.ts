// Which steps of each shape read and write, worked out from the lecture's four drawings.
import {describe, expect, test} from "vitest";
import type {TopologyShapes} from "../../../src/lib/models/topology-shapes.js";
import {networkDescription, shapeDiagramLabel, stepColumns} from "../../../src/views/rnn/sequence-shapes.js";

const reads = (shape: Parameters<typeof stepColumns>[0]) => stepColumns(shape, 3).map((c) => [c.input, c.output]);

describe("stepColumns", () => {
  test("sequence to sequence reads and writes at every step", () => {
    expect(reads("seq2seq")).toEqual([
      ["x₁", "y₁"],
      ["x₂", "y₂"],
      ["xₜ", "yₜ"]
    ]);
  });

  test("sequence to vector writes once, after the last input", () => {
    expect(reads("seq2vec")).toEqual([
      ["x₁", null],
      ["x₂", null],
      ["xₜ", "y"]
    ]);
  });

  test("vector to sequence reads once, then writes at every step", () => {
    expect(reads("vec2seq")).toEqual([
      ["x", "y₁"],
      [null, "y₂"],
      [null, "yₜ"]
    ]);
  });

  test("delayed: the encoder reads everything before the decoder writes anything", () => {
    const columns = stepColumns("delayed", 2);
    expect(columns.map((c) => c.part)).toEqual(["encoder", "encoder", "decoder", "decoder"]);
    expect(columns.map((c) => [c.input, c.output])).toEqual([
      ["x₁", null],
      ["xₜ", null],
      [null, "y₁′"],
      [null, "yₜ′"]
    ]);
  });
});

describe("the card's words from the models' shapes", () => {
  const rnn = (input: (number | null)[], output: (number | null)[], recurrent: TopologyShapes["recurrent"]): TopologyShapes => ({
    inputs: [{name: "in", shape: input}],
    outputs: [{name: "out", shape: output}],
    recurrent
  });
  const cnn = rnn([null, 28, 28, 1], [null, 64], []);
  const gru = rnn([null, null, 12], [null, null, 12], [{name: "g", cell: "GRU", units: 64}]);

  test("names every recurrent layer, and a model with none as a CNN", () => {
    expect(networkDescription([cnn, gru])).toBe("a CNN, then GRU of 64 units");
    expect(
      networkDescription([
        rnn(
          [null, null, 1],
          [null, null, 1],
          [
            {name: "a", cell: "LSTM", units: 8},
            {name: "b", cell: "SimpleRNN", units: 4}
          ]
        )
      ])
    ).toBe("LSTM of 8 units, SimpleRNN of 4 units");
  });

  test("the drawing's label says where the input is read and the output written", () => {
    expect(shapeDiagramLabel("vec2seq", [cnn, gru])).toBe(
      "vector to sequence, unrolled: the input is read once, the output is written at every step"
    );
    expect(shapeDiagramLabel("delayed", [gru, gru])).toBe(
      "delayed sequence to sequence, unrolled: the input is read at every step, the output is written at every step, the decoder starting after the encoder's last step"
    );
    expect(shapeDiagramLabel("seq2vec", [rnn([null, null], [null, 2], [])])).toBe(
      "sequence to vector, unrolled: the input is read at every step, the output is written once"
    );
  });
});
