// A model's accuracy on a subset of the test set (the stratified test sample), from the list of
// test images it got wrong: how practical/train scores the shipped models on the images it tests
// the reader's network on.
import type {ModelsSummary} from "../formats/model-report.js";

/** The share of `subset` (test indices) that is not in `wrong` (the model's misclassified test indices). */
export function accuracyOn(subset: ArrayLike<number>, wrong: readonly number[]): number {
  if (!subset.length) return Number.NaN;
  const mistakes = new Set(wrong);
  let right = 0;
  for (let i = 0; i < subset.length; i++) if (!mistakes.has(subset[i])) right++;
  return right / subset.length;
}

/** The summary with every model's test accuracy and count on `subset` instead of the whole test set. */
export function summaryOn(
  summary: ModelsSummary,
  subset: ArrayLike<number>,
  wrongById: Readonly<Record<string, readonly number[]>>
): ModelsSummary {
  return {
    ...summary,
    models: summary.models.map((m) => {
      const wrong = wrongById[m.id];
      if (!wrong) throw new Error(`no list of mistakes for ${m.name}`);
      return {...m, testAccuracy: accuracyOn(subset, wrong), testCount: subset.length};
    })
  };
}
