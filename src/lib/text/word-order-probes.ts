// Minimal pairs for the sentiment page's question "what does word order buy?": sentences a
// reader labels without hesitation, in pairs that differ by a negation or by the order of the
// same words. The last pair has exactly the same words, so a bag of words must score both alike
// and get one of them wrong; the labels are ours, the scores are the shipped models'.

export interface WordOrderProbe {
  text: string;
  /** 1 positive, 0 negative: what a reader says. */
  label: 0 | 1;
  /** What the pair tests. */
  pair: string;
}

export const WORD_ORDER_PROBES: readonly WordOrderProbe[] = [
  {text: "This film is good.", label: 1, pair: "negation"},
  {text: "This film is not good.", label: 0, pair: "negation"},
  {text: "This film is bad.", label: 0, pair: "negation of a negative"},
  {text: "This film is not bad at all.", label: 1, pair: "negation of a negative"},
  {text: "I loved this movie.", label: 1, pair: "negated verb"},
  {text: "I did not love this movie.", label: 0, pair: "negated verb"},
  {text: "It started badly but ended well.", label: 1, pair: "same words, other order"},
  {text: "It started well but ended badly.", label: 0, pair: "same words, other order"}
];

export interface ProbeVerdict extends WordOrderProbe {
  lstm: number;
  bow: number;
  lstmRight: boolean;
  bowRight: boolean;
}

/** Each probe with both models' positive scores and whether each is on the right side of 0.5. */
export function probeVerdicts(probes: readonly WordOrderProbe[], lstm: ArrayLike<number>, bow: ArrayLike<number>): ProbeVerdict[] {
  if (lstm.length !== probes.length || bow.length !== probes.length)
    throw new RangeError(`${probes.length} probes but ${lstm.length} LSTM and ${bow.length} bag-of-words scores`);
  const right = (score: number, label: 0 | 1) => (score >= 0.5 ? 1 : 0) === label;
  return probes.map((p, i) => ({...p, lstm: lstm[i], bow: bow[i], lstmRight: right(lstm[i], p.label), bowRight: right(bow[i], p.label)}));
}
