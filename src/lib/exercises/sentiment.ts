// Exercises for the sentiment page: the LSTM layer's parameters (with the cell layout of rnn.ts)
// and what the page's own bag of words notices when words change.

import {bagScoresByWord, type BagOfWordsModel} from "../models/bag-of-words.js";
import type {SentimentArchitecture} from "../models/sentiment-model.js";
import {encodeTokens, tokenize, type Vocabulary} from "../text/text-tokens.js";
import {given} from "./given.js";
import {pickOne, type Exercise} from "./question.js";
import {cellParameters} from "./rnn.js";

const n = (x: number) => x.toLocaleString("en");
const fixed = (x: number, d: number) => x.toFixed(d).replace(/^-/, "−");

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
