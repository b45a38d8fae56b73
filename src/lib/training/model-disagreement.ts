// Where one model (the CNN) is right and the others wrong, and the reverse: set arithmetic on
// the models' lists of misclassified test images. Every model was tested on the same test set,
// so an index missing from a model's list is an image that model got right.
import {fail, ok, type Result} from "../core/result.js";

export interface ModelMistakeList {
  id: string;
  name: string;
  /** Indices into the test set of the images this model got wrong. */
  wrong: ArrayLike<number>;
}

/** The reference model against one other. */
export interface PairDisagreement {
  id: string;
  name: string;
  /** The reference right, this model wrong. */
  referenceRight: number[];
  /** The reference wrong, this model right. */
  referenceWrong: number[];
  /** Both wrong (not necessarily with the same answer). */
  bothWrong: number[];
}

export interface Disagreement {
  reference: {id: string; name: string; wrong: number};
  count: number;
  pairs: PairDisagreement[];
  /** The reference right and every other model wrong. */
  onlyReferenceRight: number[];
  /** The reference wrong and every other model right. */
  onlyReferenceWrong: number[];
  /** Every model wrong. */
  allWrong: number[];
}

/** The wrong indices as a set, or a message when one is not a test image or appears twice. */
function wrongSet(model: ModelMistakeList, count: number): Result<Set<number>> {
  const set = new Set<number>();
  for (let i = 0; i < model.wrong.length; i++) {
    const index = model.wrong[i];
    if (!Number.isInteger(index) || index < 0 || index >= count)
      return fail(`${model.name}: mistake ${i} names test image ${index}, but there are only ${count} (0–${count - 1})`);
    if (set.has(index)) return fail(`${model.name}: test image ${index} is listed twice as a mistake`);
    set.add(index);
  }
  return ok(set);
}

const ascending = (a: number, b: number) => a - b;

/**
 * Compare `reference` (by id) with every other model over the same `count` test images:
 * per other model, the images exactly one of the two got right and those both got wrong; and
 * the images the reference alone got right, or alone got wrong. Indices come out ascending.
 */
export function disagreement(
  models: readonly ModelMistakeList[],
  {reference = "cnn", count}: {reference?: string; count: number}
): Result<Disagreement> {
  if (!Number.isInteger(count) || count <= 0) return fail(`the test set must hold at least one image, got ${count}`);
  const ref = models.find((m) => m.id === reference);
  if (!ref) return fail(`no model "${reference}" to compare with (have: ${models.map((m) => m.id).join(", ") || "none"})`);
  const others = models.filter((m) => m !== ref);
  if (!others.length) return fail(`only "${reference}": nothing to compare it with`);
  const refWrong = wrongSet(ref, count);
  if (!refWrong.ok) return refWrong;
  const otherSets: Set<number>[] = [];
  for (const other of others) {
    const set = wrongSet(other, count);
    if (!set.ok) return set;
    otherSets.push(set.value);
  }
  const pairs = others.map((other, k): PairDisagreement => {
    const theirs = otherSets[k];
    return {
      id: other.id,
      name: other.name,
      referenceRight: [...theirs].filter((i) => !refWrong.value.has(i)).sort(ascending),
      referenceWrong: [...refWrong.value].filter((i) => !theirs.has(i)).sort(ascending),
      bothWrong: [...refWrong.value].filter((i) => theirs.has(i)).sort(ascending)
    };
  });
  // Right where every other is wrong: in every other's list and not in the reference's.
  const onlyReferenceRight = [...otherSets[0]].filter((i) => !refWrong.value.has(i) && otherSets.every((s) => s.has(i))).sort(ascending);
  const onlyReferenceWrong = [...refWrong.value].filter((i) => otherSets.every((s) => !s.has(i))).sort(ascending);
  const allWrong = [...refWrong.value].filter((i) => otherSets.every((s) => s.has(i))).sort(ascending);
  return ok({
    reference: {id: ref.id, name: ref.name, wrong: refWrong.value.size},
    count,
    pairs,
    onlyReferenceRight,
    onlyReferenceWrong,
    allWrong
  });
}
