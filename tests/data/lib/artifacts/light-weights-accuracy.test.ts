// The measurement behind light-weights.ts: every model shipped with light weights (float16, or
// uint8 where listed) is scored on its whole test set from those weights, and its score may move
// from the float32 one by at most LIGHT_TOLERANCE (0.05 points; a character model's held-out
// bits per character by at most BITS_TOLERANCE). Slow (the sentiment LSTM reads
// 24,787 reviews), hence a file of its own; `WORKBOOK_LIGHT_LOG=1` prints the measured numbers.
import {describe, expect, test} from "vitest";
import {LIGHT_MODELS, LIGHT_TOLERANCE} from "../../../../src/data/lib/artifacts/light-weights.js";
import {BITS_TOLERANCE, lightScores} from "../../../helpers/light-scores.js";

describe.each(Object.entries(LIGHT_MODELS))("%s shipped light", (id, models) => {
  test(`${models.map((m) => m.folder).join(", ")}: the test score moves by at most ${LIGHT_TOLERANCE} (bits per character ${BITS_TOLERANCE})`, {
    timeout: 1_800_000
  }, async () => {
    const scores = await lightScores(id, models);
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) {
      if (process.env.WORKBOOK_LIGHT_LOG === "1")
        console.log(`${id} ${s.model} ${s.metric} over ${s.count}: float32 ${s.float32}, light ${s.light}, moved ${s.light - s.float32}`);
      expect(Math.abs(s.light - s.float32), `${id} ${s.model} ${s.metric}`).toBeLessThanOrEqual(s.tolerance ?? LIGHT_TOLERANCE);
    }
  });
});
