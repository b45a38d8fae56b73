// Exercises for the decoder pages: phoneme edits and the error rate by phonemes.ts (encoder–decoder),
// and the digit-name decoder's steps and symbols (vector to sequence).

import {DIGIT_NAMES, nameIndices} from "../models/digit-names-model.js";
import {alignEdits, editDistance, errorRate, PHONEMES} from "../text/phonemes.js";
import {given} from "./given.js";
import {pick, pickOne, type Exercise} from "./question.js";

/** Dictionary pronunciations (CMUdict, stress dropped) for drawn questions. */
const WORDS: Record<string, string> = {
  HATE: "HH EY T",
  CAT: "K AE T",
  PHONE: "F OW N",
  WATER: "W AO T ER",
  NATION: "N EY SH AH N",
  THOUGHT: "TH AO T",
  MACHINE: "M AH SH IY N",
  LAUGH: "L AE F",
  ENOUGH: "IH N AH F",
  SCHOOL: "S K UW L"
};
const phonemes = (s: string) => s.split(" ");

/** A decoding with `edits` random changes of the reference (an edit may undo another). */
function garble(r: () => number, reference: string[], edits: number): string[] {
  const out = [...reference];
  for (let e = 0; e < edits; e++) {
    const at = pick(r, 0, out.length - 1);
    const kind = out.length > 2 ? pickOne(r, ["substitute", "insert", "delete"]) : pickOne(r, ["substitute", "insert"]);
    const other = pickOne(
      r,
      PHONEMES.filter((p) => p !== out[at])
    );
    if (kind === "substitute") out[at] = other;
    else if (kind === "insert") out.splice(at + 1, 0, other);
    else out.splice(at, 1);
  }
  return out;
}

interface Pair {
  word: string;
  reference: string[];
  hypothesis: string[];
}

function drawPair(r: () => number): Pair {
  const word = pickOne(r, Object.keys(WORDS));
  const reference = phonemes(WORDS[word]);
  return {word, reference, hypothesis: garble(r, reference, pick(r, 1, 3))};
}

const editList = (p: Pair) =>
  alignEdits(p.hypothesis, p.reference)
    .map((e) =>
      e.kind === "substitute"
        ? `${e.hypothesis} for ${e.reference}`
        : e.kind === "insert"
          ? `an extra ${e.hypothesis}`
          : `${e.reference} missing`
    )
    .join(", ");

/** Encoder–decoder: the edit distance between a decoding and the dictionary. */
export const phonemeEditsExercise: Exercise = {
  id: "phoneme-edits",
  title: "edits between two pronunciations",
  make(seed) {
    const p = given(seed, {word: "HATE", reference: phonemes("HH EY T"), hypothesis: phonemes("HH AE T IY")}, drawPair);
    const d = editDistance(p.hypothesis, p.reference);
    return {
      prompt: `For ${p.word} the dictionary says ${p.reference.join(" ")} and a decoder writes ${p.hypothesis.join(" ")}. What is the smallest number of phonemes you must substitute, insert or delete to turn the decoding into the dictionary's answer?`,
      answer: {kind: "number", value: d},
      explain: `${d === 0 ? "They are the same" : `One cheapest way, ${d} ${d === 1 ? "edit" : "edits"}: ${editList(p)}`}. This edit (Levenshtein) distance counts what is wrong even when the decoding has the wrong length, which comparing position by position would not.`
    };
  }
};

/** Encoder–decoder: the phoneme error rate of two decodings. */
export const errorRateExercise: Exercise = {
  id: "error-rate",
  title: "the phoneme error rate",
  make(seed) {
    const pairs = given(
      seed,
      [
        {word: "CAT", reference: phonemes("K AE T"), hypothesis: phonemes("K AE T")},
        {word: "NATION", reference: phonemes("N EY SH AH N"), hypothesis: phonemes("N AE T IH AH N")}
      ],
      (r) => {
        const first = drawPair(r);
        let second = drawPair(r);
        // Two different words (a few redraws are enough).
        for (let k = 0; k < 5 && second.word === first.word; k++) second = drawPair(r);
        return [first, second];
      }
    );
    const rate = errorRate(pairs);
    const value = Math.round(1000 * rate.rate) / 10;
    const each = pairs.map((p) => editDistance(p.hypothesis, p.reference));
    return {
      prompt: `Two test words. ${pairs.map((p) => `${p.word}: dictionary ${p.reference.join(" ")}, decoded ${p.hypothesis.join(" ")}`).join("; ")}. The phoneme error rate is the total edit distance divided by the total number of dictionary phonemes. What is it, in percent? (One decimal.)`,
      answer: {kind: "number", value, tolerance: 0.1, shown: `${value.toFixed(1)}%`},
      explain: `Edit distances ${each.join(" and ")}, dictionary lengths ${pairs.map((p) => p.reference.length).join(" and ")}: ${rate.edits} / ${rate.referenceLength} = ${value.toFixed(1)}%. ${rate.exact} of the 2 words ${rate.exact === 1 ? "is" : "are"} decoded exactly; long words weigh more in the rate, because they have more phonemes to get wrong.`
    };
  }
};

/** Vector to sequence: decoder steps to write a digit's name and stop. */
export const nameStepsExercise: Exercise = {
  id: "name-steps",
  title: "steps to write a name",
  make(seed) {
    const digit = given(seed, 7, (r) => pick(r, 0, 9));
    const name = DIGIT_NAMES[digit];
    const steps = nameIndices(name).length + 1;
    return {
      prompt: `The decoder is started from the CNN's vector of a ${digit} and writes the name one letter per step, feeding each letter back in. If it writes the right name, how many steps does it run, the END symbol included?`,
      answer: {kind: "number", value: steps},
      explain: `"${name}" has ${steps - 1} letters, one per step, and one more step writes END, which stops the loop: ${steps}. The output is as long as the name needs, which is what vector to sequence means: the length is not fixed by the input.`
    };
  }
};

/** Vector to sequence: how many symbols the decoder's softmax chooses from, for some of the names. */
export const nameSymbolsExercise: Exercise = {
  id: "name-symbols",
  title: "the decoder's alphabet",
  make(seed) {
    const last = given(seed, 9, (r) => pick(r, 1, 8));
    const names = DIGIT_NAMES.slice(0, last + 1);
    const letters = [...new Set(names.join(""))].sort();
    const count = letters.length + 1;
    return {
      prompt: `The decoder only needs the letters that occur in the names it writes, plus one END symbol. For the names of the digits 0 to ${last} (${names.join(", ")}), how many symbols does its softmax choose from at every step?`,
      answer: {kind: "number", value: count},
      explain: `The distinct letters are ${letters.join(" ")}: ${letters.length}, plus END: ${count}.${last === 9 ? " That is this page's decoder: a softmax over those symbols at every step, and the same number of one-hot inputs (END doubling as START)." : ""}`
    };
  }
};
