// Word dropout (dropWords): seeded, only ever the unknown word in place of a word, at about the
// asked rate, and refused outside [0, 1).
import {describe, expect, test} from "vitest";
import {dropWords} from "../../../../src/data/lib/training/sentiment-training.js";
import {seededRandom} from "../../../../src/lib/core/random.js";
import {OOV_ID} from "../../../../src/lib/text/text-tokens.js";

const data = {
  sequences: Array.from({length: 100}, (_, r) => Int32Array.from({length: 100}, (_, k) => 2 + ((r * 100 + k) % 997))),
  labels: Uint8Array.from({length: 100}, (_, r) => r % 2)
};

describe("dropWords", () => {
  test("replaces about the asked fraction of words by the unknown word and nothing else", () => {
    const dropped = dropWords(data, 0.3, seededRandom(5));
    let changed = 0;
    dropped.sequences.forEach((ids, r) => {
      expect(ids).toHaveLength(data.sequences[r].length);
      ids.forEach((id, k) => {
        if (id !== data.sequences[r][k]) {
          expect(id).toBe(OOV_ID);
          changed++;
        }
      });
    });
    // 10,000 draws at 0.3: the standard deviation is 0.0046.
    expect(changed / 10_000).toBeGreaterThan(0.28);
    expect(changed / 10_000).toBeLessThan(0.32);
    expect(dropped.labels).toBe(data.labels);
    expect(data.sequences[0][0]).toBe(2);
  });

  test("the same seed drops the same words; rate 0 drops none", () => {
    expect(dropWords(data, 0.3, seededRandom(5))).toEqual(dropWords(data, 0.3, seededRandom(5)));
    expect(dropWords(data, 0.3, seededRandom(6))).not.toEqual(dropWords(data, 0.3, seededRandom(5)));
    expect(dropWords(data, 0, seededRandom(5)).sequences).toEqual(data.sequences);
  });

  test("a rate outside [0, 1) is refused with a message", () => {
    for (const rate of [-0.1, 1, Number.NaN]) expect(() => dropWords(data, rate, seededRandom(1))).toThrow(/word dropout must be/);
  });
});
