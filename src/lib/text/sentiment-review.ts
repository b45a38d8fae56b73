// A review the reader typed, as the network will read it: its words, their ids, which words the
// vocabulary does not know, and which words fall outside the last `maxWords` (the networks were
// trained on the end of each review). Bad input gets a message, never a throw.
import {fail, ok, type Result} from "../core/result.js";
import {encodeTokens, markupTags, OOV_ID, tokenize, type Vocabulary} from "./text-tokens.js";

export interface ReadReview {
  /** Every word of the text, in order. */
  tokens: string[];
  /** Index in `tokens` of the first word the network reads (words before it are not read). */
  start: number;
  /** The ids the network reads: those of tokens[start…]. */
  ids: Int32Array;
  /** Per read word: whether the vocabulary knows it (an unknown word is read as <unk>). */
  known: boolean[];
  unknown: number;
  /** The HTML tags removed from the text before reading (as typed), e.g. "<br />". */
  markup: string[];
  /** A remark about the input that does not stop it (unknown words, words not read), or null. */
  note: string | null;
}

export const MAX_CHARACTERS = 20_000;

/** The words of `text` the network reads: at most the last `maxWords`. */
export function readReview(
  text: unknown,
  vocabulary: Vocabulary,
  {maxWords = 200, maxCharacters = MAX_CHARACTERS} = {}
): Result<ReadReview> {
  if (typeof text !== "string" || text.trim() === "") return fail("Type a review: the box is empty.");
  if (text.length > maxCharacters)
    return fail(
      `The text has ${text.length.toLocaleString("en")} characters; this page reads at most ${maxCharacters.toLocaleString("en")}. Paste a shorter review.`
    );
  const tokens = tokenize(text);
  if (tokens.length === 0) return fail("The text has no words (markup, punctuation and spaces are not read). Type a few words.");
  const start = Math.max(0, tokens.length - maxWords);
  const ids = encodeTokens(tokens.slice(start), vocabulary);
  const known = Array.from(ids, (id) => id !== OOV_ID);
  const unknown = known.filter((k) => !k).length;
  const notes: string[] = [];
  if (start > 0)
    notes.push(
      `The review has ${tokens.length.toLocaleString("en")} words; the network reads the last ${maxWords}, as it was trained to (the first ${start.toLocaleString("en")} are greyed out).`
    );
  if (unknown === ids.length)
    notes.push(
      `None of the words read is in the ${vocabulary.words.length.toLocaleString("en")}-word vocabulary: the network sees only "unknown word" ${unknown === 1 ? "once" : `${unknown} times`}, so its score says nothing about your text.`
    );
  else if (unknown > 0)
    notes.push(
      `${unknown} of the ${ids.length} words read ${unknown === 1 ? "is" : "are"} not in the vocabulary (struck through below); the network reads ${unknown === 1 ? "it" : "each"} as "unknown word".`
    );
  return ok({tokens, start, ids, known, unknown, markup: markupTags(text), note: notes.length ? notes.join(" ") : null});
}
