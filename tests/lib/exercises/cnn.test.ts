// The CNN exercises: each default question's answer worked out by hand (the formulas, not the
// site's code), and every drawn question well formed and answerable by its own answer.
import {describe, expect, it} from "vitest";
import {CNN_EXERCISES} from "../../../src/lib/exercises/cnn.js";
import type {Exercise} from "../../../src/lib/exercises/question.js";
import {expectWellFormed} from "./well-formed.js";

const byId = new Map(Object.values(CNN_EXERCISES).flatMap((list) => list.map((e: Exercise) => [e.id, e] as const)));
const answerOf = (id: string, seed = 0) => byId.get(id)!.make(seed).answer.value;

describe("default CNN questions, answered by hand", () => {
  it("output size: 7×7, 3×3 kernel, stride 2, padding 1 → ⌊(7 + 2 − 3) / 2⌋ + 1 = 4", () => expect(answerOf("output-size")).toBe(4));
  it("one output of 1 0 −1 rows on [[2,0,1],[4,3,0],[1,5,2]]: (2+4+1) − (1+0+2) = 4", () => expect(answerOf("output-value")).toBe(4));
  it("receptive field of conv3, pool2, conv3: 1 + 2 = 3, + 1 = 4, + 2·2 = 8", () => expect(answerOf("field-size")).toBe(8));
  it("16 filters of 5×5 over 3 channels: (75 + 1)·16 = 1,216", () => expect(answerOf("conv-parameters")).toBe(1216));
  it("max pool of the default grid, row 1, column 2: max(2, 0, 7, 4) = 7", () => expect(answerOf("max-pool")).toBe(7));
  it("six 28×28 maps pooled 2×2: 14·14·6 = 1,176", () => expect(answerOf("pool-size")).toBe(1176));
  it("eight 5×5 filters, valid, on 28×28: 24·24·8 = 4,608", () => expect(answerOf("feature-map-values")).toBe(4608));
  it("horizontal edge on [[0,1,2],[1,3,1],[6,5,4]]: 3 − 15 = −12, after ReLU 0", () => expect(answerOf("relu-response")).toBe(0));
  it("separable 3×3, 32 → 64: 9·32 + 32·64 + 64 = 2,400", () => expect(answerOf("separable-parameters")).toBe(2400));
  it("3×3, 64 → 128: 73,728 / (576 + 8,192) = 8.4 times fewer", () => expect(answerOf("separable-saving")).toBe(8.4));
  it("LeNet-5 conv2: 5·5·6·16 + 16 = 2,416", () => expect(answerOf("lenet-layer")).toBe(2416));
  it("LeNet-5's largest layer is the 400 → 120 dense layer (48,120)", () =>
    expect(answerOf("lenet-largest")).toBe("dense1 (dense, 120 units)"));
  it("LeNet-5's smallest layer is conv1 (5·5·1·6 + 6 = 156)", () => expect(answerOf("lenet-largest", 1)).toBe("conv1 (6 filters of 5×5)"));
  it("conv 8×3×3 valid, pool 2 on 28×28: 13·13·8 = 1,352 flattened", () => expect(answerOf("flatten-length")).toBe(1352));
  it("and with a dense layer of 10: 80 + 13,530 = 13,610 parameters", () => expect(answerOf("total-parameters")).toBe(13610));
});

describe("every CNN question", () => {
  const all = [...byId.values()];
  it("covers each page with two exercises of distinct ids", () => {
    for (const list of Object.values(CNN_EXERCISES)) expect(new Set(list.map((e) => e.id)).size).toBe(2);
    expect(byId.size).toBe(2 * Object.keys(CNN_EXERCISES).length);
  });

  it.each(all.map((e) => [e.id, e] as const))("%s: drawn questions are well formed and their own answer checks right", (_, exercise) => {
    expectWellFormed(exercise);
  });
});
