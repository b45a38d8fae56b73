// Exercises for the RNN pages that run trained networks: shapes read by topology-shapes.ts from
// Keras-style model files, phoneme edits and error rates by phonemes.ts, the digit-name decoder's
// symbols, the sentiment LSTM's parameters and bag of words, and the PCA and read-out the
// trajectory pages draw with (pca-2d.ts, sentiment-steps.ts, text-trajectory.ts).

import {pca, project} from "../core/pca-2d.js";
import {unwrap} from "../core/result.js";
import {bagScoresByWord, type BagOfWordsModel} from "../models/bag-of-words.js";
import {DIGIT_NAMES, nameIndices} from "../models/digit-names-model.js";
import type {SentimentArchitecture} from "../models/sentiment-model.js";
import {sequenceShape, shapeLabel, topologyShapes, type Shape} from "../models/topology-shapes.js";
import {readoutScore} from "../rnn/sentiment-steps.js";
import {readoutPushes} from "../rnn/text-trajectory.js";
import {alignEdits, editDistance, errorRate, PHONEMES} from "../text/phonemes.js";
import {encodeTokens, tokenize, type Vocabulary} from "../text/text-tokens.js";
import {given} from "./given.js";
import {format, pick, pickOne, type Exercise} from "./question.js";
import {cellParameters} from "./rnn.js";

const n = (x: number) => x.toLocaleString("en");
const fixed = (x: number, d: number) => x.toFixed(d).replace(/^-/, "−");
const signed = (x: number) => (x < 0 ? `(${format(x)})` : format(x));

// ---- Sequence shapes: a small Keras Sequential model, read by the page's own shape reader.

type Cell = "SimpleRNN" | "LSTM" | "GRU";
interface Recurrent {
  cell: Cell;
  units: number;
  sequences: boolean;
}
interface StackSpec {
  features: number;
  layers: Recurrent[];
  dense: number;
}

/** A model.json topology (Sequential) for the stack, as tfjs saves one. */
function stackJson({features, layers, dense}: StackSpec) {
  return {
    modelTopology: {
      class_name: "Sequential",
      config: {
        layers: [
          ...layers.map((l, k) => ({
            class_name: l.cell,
            config: {
              name: `${l.cell.toLowerCase()}_${k + 1}`,
              units: l.units,
              return_sequences: l.sequences,
              ...(k === 0 ? {batch_input_shape: [null, null, features]} : {})
            }
          })),
          {class_name: "Dense", config: {name: "dense", units: dense}}
        ]
      }
    }
  };
}

const py = (b: boolean) => (b ? "True" : "False");
const describeStack = ({features, layers, dense}: StackSpec) =>
  `it reads [batch, T, ${features}], then ${layers.map((l) => `${l.cell}(${l.units}, return_sequences=${py(l.sequences)})`).join(", then ")}, then Dense(${dense})`;

function drawStack(r: () => number): StackSpec {
  const count = pick(r, 1, 2);
  const layers = Array.from({length: count}, (_, k) => ({
    cell: pickOne(r, ["SimpleRNN", "LSTM", "GRU"] as Cell[]),
    units: pickOne(r, [8, 16, 32, 64]),
    // A lower layer must hand the next one a sequence.
    sequences: k < count - 1 ? true : r() < 0.5
  }));
  const units = layers[count - 1].units;
  return {
    features: pickOne(r, [1, 3, 8, 26]),
    layers,
    dense: pickOne(
      r,
      [1, 2, 5, 10].filter((d) => d !== units)
    )
  };
}

const NAMES = {
  seq2seq: "sequence to sequence",
  seq2vec: "sequence to vector",
  vec2seq: "vector to sequence",
  delayed: "delayed sequence to sequence"
};

/** Shape of the stack's output, as the page reads it from the file. */
function stackOutput(spec: StackSpec): {output: Shape; name: string} {
  const shapes = unwrap(topologyShapes(stackJson(spec)));
  return {output: shapes.outputs[0].shape, name: NAMES[unwrap(sequenceShape([shapes]))]};
}

/** Sequence shapes: the output shape of a recurrent stack. */
export const outputShapeExercise: Exercise = {
  id: "output-shape",
  title: "the output's shape",
  make(seed) {
    const spec = given(seed, {features: 8, layers: [{cell: "LSTM" as Cell, units: 32, sequences: false}], dense: 2}, drawStack);
    const {output, name} = stackOutput(spec);
    const last = spec.layers.at(-1)!;
    const choices = [`[batch, T, ${spec.dense}]`, `[batch, ${spec.dense}]`, `[batch, T, ${last.units}]`, `[batch, ${last.units}]`];
    const value = shapeLabel(output);
    return {
      prompt: `A Keras model: ${describeStack(spec)}. What is the shape of its output?`,
      answer: {kind: "choice", choices, value},
      explain: `${last.sequences ? `With return_sequences=True the last ${last.cell} writes its state at every step, [batch, T, ${last.units}], and Dense acts on each step` : `With return_sequences=False the last ${last.cell} gives only its final state, [batch, ${last.units}]`}; Dense changes only the last axis to ${spec.dense}: ${value}. The input has a time axis and the output ${last.sequences ? "too" : "has none"}, so this is ${name}.`
    };
  }
};

/** Sequence shapes: how many numbers a stack writes for one sequence of T steps. */
export const outputCountExercise: Exercise = {
  id: "output-count",
  title: "how many numbers come out",
  make(seed) {
    const {spec, steps} = given(
      seed,
      {spec: {features: 1, layers: [{cell: "GRU" as Cell, units: 16, sequences: true}], dense: 1}, steps: 30},
      (r) => ({spec: drawStack(r), steps: pickOne(r, [7, 12, 30, 50, 100])})
    );
    const {output, name} = stackOutput(spec);
    // One sequence: batch 1, and T steps wherever the shape has a time axis.
    const count = output.slice(1).reduce<number>((p, d) => p * (d ?? steps), 1);
    return {
      prompt: `A Keras model: ${describeStack(spec)}. It is given one sequence of T = ${steps} steps. How many numbers does it output?`,
      answer: {kind: "number", value: count, shown: n(count)},
      explain: `The output shape is ${shapeLabel(output)}: ${output.length === 3 ? `${steps} steps · ${spec.dense} = ${n(count)}, one output per step (${name})` : `${spec.dense}, however long the sequence (${name}): only the last state reaches the Dense layer`}.`
    };
  }
};

// ---- Encoder–decoder: phoneme edits and the error rate.

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

// ---- Vector to sequence: the digit-name decoder's symbols.

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

// ---- Sentiment: the LSTM's parameters and the bag of words.

/** Sentiment: the parameters of the network's LSTM layer, 4·u·(d + u + 1). */
export function sentimentParametersExercise(arch: Pick<SentimentArchitecture, "vocabularySize" | "embeddingDim" | "units">): Exercise {
  return {
    id: "sentiment-parameters",
    title: "parameters of the LSTM layer",
    make(seed) {
      const {
        vocabularySize: v,
        embeddingDim: d,
        units: u
      } = given(seed, arch, (r) => ({
        vocabularySize: pickOne(r, [5000, 10000, 20000]),
        embeddingDim: pickOne(r, [8, 16, 32, 64, 100]),
        units: pickOne(r, [16, 32, 64, 128])
      }));
      const lstm = cellParameters("LSTM", d, u);
      const embedding = v * d;
      const readout = 2 * u + 2;
      const total = embedding + lstm.parameters + readout;
      return {
        prompt: `The network embeds each word in ${d} numbers (vocabulary ${n(v)}), reads them with one LSTM layer of ${u} units, and a softmax of two classes reads its last state. How many parameters does the LSTM layer have?`,
        answer: {kind: "number", value: lstm.parameters, shown: n(lstm.parameters)},
        explain: `Four blocks (i, f, g, o), each with an input kernel ${d}×${u}, a recurrent kernel ${u}×${u} and ${u} biases: ${lstm.formula} = 4·${u}·(${d} + ${u} + 1) = ${n(lstm.parameters)}. The whole network has ${n(total)}: the embedding ${n(v)}·${d} = ${n(embedding)} holds nearly all of them, the read-out ${u}·2 + 2 = ${readout}.`
      };
    }
  };
}

/** Two sentences that a bag of words may or may not tell apart. */
const SENTENCE_PAIRS: readonly {a: string; b: string; change: string}[] = [
  {a: "the acting is good but the plot is bad", b: "the plot is good but the acting is bad", change: "swap good and bad"},
  {a: "a good film", b: "a good good good film", change: "repeat a word"},
  {a: "this film is good", b: "this film is not good", change: "add not"},
  {a: "the ending is bad", b: "the ending is not bad", change: "add not"},
  {a: "i loved it and then i hated it", b: "i hated it and then i loved it", change: "swap the halves"},
  {a: "a boring film", b: "a boring boring film", change: "repeat a word"}
];

/** Sentiment: whether a change of words moves the bag of words' score, and which way. */
export function bagChangeExercise(bow: BagOfWordsModel, vocabulary: Vocabulary): Exercise {
  const score = (text: string) => bagScoresByWord(bow, encodeTokens(tokenize(text), vocabulary)).at(-1) ?? Number.NaN;
  return {
    id: "bag-change",
    title: "what the bag of words notices",
    make(seed) {
      const pair = given(seed, SENTENCE_PAIRS[0], (r) => pickOne(r, SENTENCE_PAIRS));
      const [a, b] = [score(pair.a), score(pair.b)];
      const choices = ["higher", "lower", "the same"];
      // Float32 scores: the same set of words gives the same sum, up to rounding.
      const value = Math.abs(b - a) < 1e-6 ? choices[2] : b > a ? choices[0] : choices[1];
      const notId = vocabulary.ids.get("not");
      const why =
        pair.change === "add not"
          ? `"not" is one more word in the set, with its own weight (${notId === undefined ? "unknown words have none" : fixed(bow.weights[notId], 3)}), whatever word it negates.`
          : "The model sees the set of distinct words: order and repetition do not change it.";
      return {
        prompt: `The bag of words gives "${pair.a}" a score of ${a.toFixed(3)}. Does "${pair.b}" (${pair.change}) score higher, lower or the same?`,
        answer: {kind: "choice", choices, value},
        explain: `It scores ${b.toFixed(3)}. ${why} An LSTM reads the words in order, so it can tell these apart; whether it does is on the page above.`
      };
    }
  };
}

// ---- Trajectories: principal directions of a few hidden states.

/** Four hidden states of two units at the corners of a rectangle, a × b. */
function rectangle(seed: number) {
  return given(seed, {a: 2, b: 1}, (r) => {
    const a = pick(r, 1, 6);
    return {
      a,
      b: pickOne(
        r,
        [1, 2, 3, 4, 5, 6].filter((x) => x !== a)
      )
    };
  });
}
const corners = (a: number, b: number) => [
  [0, 0],
  [a, 0],
  [0, b],
  [a, b]
];
const pointList = (rows: number[][]) => rows.map((p) => `(${p.join(", ")})`).join(", ");

/** Trajectories: the share of variance along the first principal direction. */
export const pcaShareExercise: Exercise = {
  id: "pca-share",
  title: "variance along the first direction",
  make(seed) {
    const {a, b} = rectangle(seed);
    const rows = corners(a, b);
    const fit = unwrap(pca(rows, 2));
    const share = Math.round((1000 * fit.variance[0]) / fit.totalVariance) / 10;
    return {
      prompt: `A two-unit network's hidden state visits ${pointList(rows)} over four steps. What share of the states' variance lies along the first principal direction, in percent? (One decimal.)`,
      answer: {kind: "number", value: share, tolerance: 0.1, shown: `${share.toFixed(1)}%`},
      explain: `Unit 1 varies by ±${format(a / 2)} around its mean, variance ${format(fit.variance[a > b ? 0 : 1])}; unit 2 by ±${format(b / 2)}, variance ${format(fit.variance[a > b ? 1 : 0])}; the two do not covary, so the directions are the units' own axes and the first holds ${format(fit.variance[0])} / ${format(fit.totalVariance)} = ${share.toFixed(1)}%. The trajectory chart shows 16 units along the two directions with the most variance, and says what share they keep.`
    };
  }
};

/** Trajectories: where a state lands along the first principal direction. */
export const pcaCoordinateExercise: Exercise = {
  id: "pca-coordinate",
  title: "a state's first coordinate",
  make(seed) {
    const {a, b} = rectangle(seed);
    const rows = corners(a, b);
    const fit = unwrap(pca(rows, 2));
    const [pc1] = project(fit, rows[3]);
    const value = Math.round(pc1 * 100) / 100;
    const dir = Array.from(fit.components[0], (x) => Math.round(x * 1e6) / 1e6 + 0);
    return {
      prompt: `The same four states, ${pointList(rows)}. The chart places each at its coordinate along the first principal direction (the direction's sign chosen so its largest entry is positive). Where does (${a}, ${b}) land? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `Subtract the mean (${Array.from(fit.mean, format).join(", ")}) to get (${format(a - fit.mean[0])}, ${format(b - fit.mean[1])}), then take the dot product with the unit direction (${dir.map(format).join(", ")}): ${fixed(pc1, 2)}. The chart's axes are these coordinates, not any one unit.`
    };
  }
};

// ---- Text trajectories: the read-out of the last hidden state.

interface Readout {
  h: number[];
  /** w_positive − w_negative per unit, and b_positive − b_negative. */
  w: number[];
  bias: number;
}

function readout(seed: number): Readout {
  return given(seed, {h: [0.5, -0.8, 0.2], w: [2, 1.5, -1], bias: 0.1}, (r) => ({
    h: [pick(r, -9, 9) / 10, pick(r, -9, 9) / 10, pick(r, -9, 9) / 10],
    w: [pick(r, -6, 6) / 2, pick(r, -6, 6) / 2, pick(r, -6, 6) / 2],
    bias: pick(r, -5, 5) / 10
  }));
}
/** A read-out in the network's own form: kernel [units, 2] (negative, positive), bias [2]. */
const weightsOf = ({w, bias}: Readout) => ({kernel: w.map((x) => [0, x]), bias: Float32Array.of(0, bias)});
const describeReadout = ({h, w, bias}: Readout) =>
  `h = (${h.map(format).join(", ")}); each unit's read-out weight towards positive (w_pos − w_neg) is ${w.map(format).join(", ")}, and the bias difference is ${format(bias)}`;

/** Text trajectories: the score from the last state, σ(Σ h·w + b). */
export const readoutScoreExercise: Exercise = {
  id: "readout-score",
  title: "the score from the last state",
  make(seed) {
    const ro = readout(seed);
    const score = readoutScore(ro.h, weightsOf(ro));
    const value = Math.round(score * 100) / 100;
    const z = ro.h.reduce((s, x, k) => s + x * ro.w[k], ro.bias);
    return {
      prompt: `A three-unit sentiment LSTM ends a review with ${describeReadout(ro)}. What score (probability of positive) does the softmax read-out give? (Two decimals.)`,
      answer: {kind: "number", value, tolerance: 0.01, shown: fixed(value, 2)},
      explain: `With two classes the softmax is σ of the difference of the logits: σ(${ro.h.map((x, k) => `${signed(x)}·${signed(ro.w[k])}`).join(" + ")} + ${signed(ro.bias)}) = σ(${fixed(z, 2)}) = ${fixed(score, 4)}. A word moves the score only by moving h.`
    };
  }
};

/** Text trajectories: which unit pushes the score hardest. */
export const biggestPushExercise: Exercise = {
  id: "biggest-push",
  title: "which unit pushes hardest",
  make(seed) {
    const ro = readout(seed);
    const {units} = readoutPushes(ro.h, weightsOf(ro));
    const choices = ro.h.map((_, k) => `unit ${k + 1}`);
    const top = units[0];
    return {
      prompt: `The same kind of read-out: ${describeReadout(ro)}. Which unit pushes the score's logit furthest (towards positive or negative)?`,
      answer: {kind: "choice", choices, value: `unit ${top.unit}`},
      explain: `Each unit pushes by h·w: ${[...units]
        .sort((x, y) => x.unit - y.unit)
        .map((u) => `unit ${u.unit} ${signed(u.h)}·${signed(u.weight)} = ${fixed(u.push, 2)}`)
        .join(
          ", "
        )}. Unit ${top.unit} pushes furthest${top.push < 0 ? ", towards negative" : ", towards positive"}: neither the largest state nor the largest weight alone decides, their product does.${Math.abs(units[1].push) === Math.abs(top.push) ? " (A tie: the first is named.)" : ""}`
    };
  }
};
