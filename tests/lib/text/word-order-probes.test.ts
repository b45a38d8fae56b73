// The word-order probes: well-formed pairs, the same-words pair really has the same words (so a
// bag of words cannot tell it apart), and the verdicts on hand-made scores.
import {describe, expect, it} from "vitest";
import {probeVerdicts, WORD_ORDER_PROBES} from "../../../src/lib/text/word-order-probes.js";

const words = (text: string) =>
  text
    .toLowerCase()
    .match(/[a-z]+/g)!
    .sort();

describe("word-order probes", () => {
  it("come in pairs of opposite labels", () => {
    for (const pair of new Set(WORD_ORDER_PROBES.map((p) => p.pair))) {
      expect(
        WORD_ORDER_PROBES.filter((p) => p.pair === pair)
          .map((m) => m.label)
          .sort()
      ).toEqual([0, 1]);
    }
  });

  it("the same-words pair has the same words", () => {
    const [a, b] = WORD_ORDER_PROBES.filter((p) => p.pair === "same words, other order");
    expect(words(a.text)).toEqual(words(b.text));
  });

  it("judge each score against 0.5 and refuse mismatched lengths", () => {
    const probes = WORD_ORDER_PROBES.slice(0, 2);
    const v = probeVerdicts(probes, [0.9, 0.7], [0.4, 0.2]);
    expect(v.map((x) => [x.lstmRight, x.bowRight])).toEqual([
      [true, false],
      [false, true]
    ]);
    expect(() => probeVerdicts(probes, [0.5], [0.5, 0.5])).toThrow(/2 probes but 1 LSTM/);
  });
});
