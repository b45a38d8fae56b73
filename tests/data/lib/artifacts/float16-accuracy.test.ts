// The measurement behind float16-members.ts: every model shipped as float16 is scored on its
// whole test set from float16 weights, and its score may move from the float32 one by at most
// FLOAT16_TOLERANCE (0.05 points). Slow (the sentiment LSTM reads 24,787 reviews), hence a
// file of its own; `WORKBOOK_FLOAT16_LOG=1` prints the measured numbers.
import {describe, expect, test} from "vitest";
import {FLOAT16_MODELS, FLOAT16_TOLERANCE} from "../../../../src/data/lib/artifacts/float16-members.js";
import {float16Scores} from "../../../helpers/float16-scores.js";

describe.each(Object.entries(FLOAT16_MODELS))("%s shipped as float16", (id, folders) => {
  test(`${folders.join(", ")}: the test score moves by at most ${FLOAT16_TOLERANCE}`, {timeout: 1_800_000}, async () => {
    const scores = await float16Scores(id, folders);
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) {
      if (process.env.WORKBOOK_FLOAT16_LOG === "1")
        console.log(
          `${id} ${s.model} ${s.metric} over ${s.count}: float32 ${s.float32}, float16 ${s.float16}, moved ${s.float16 - s.float32}`
        );
      expect(Math.abs(s.float16 - s.float32), `${id} ${s.model} ${s.metric}`).toBeLessThanOrEqual(FLOAT16_TOLERANCE);
    }
  });
});
