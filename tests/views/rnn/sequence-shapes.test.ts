// Which steps of each shape read and write, worked out from the lecture's four drawings.
import {describe, expect, test} from "vitest";
import {stepColumns} from "../../../src/views/rnn/sequence-shapes.js";

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
