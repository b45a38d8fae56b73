// A sorted word list written compactly (front coding), for a page that needs to know whether a
// word was in the training data: each line is the number of leading letters shared with the
// previous word (one digit, 0–9), then the rest. Alphabetical neighbours share a lot, so this
// is about half the size of one word per line.

export function frontCode(sortedWords: readonly string[]): string {
  let previous = "";
  return sortedWords
    .map((word) => {
      let shared = 0;
      // Keep at least one letter on the line, so no line is a bare digit.
      while (shared < Math.min(9, word.length - 1, previous.length) && word[shared] === previous[shared]) shared++;
      previous = word;
      return `${shared}${word.slice(shared)}`;
    })
    .join("\n");
}

/** The words back, as a Set; throws naming the line that does not follow the format. */
export function frontDecode(text: string, what = "word list"): Set<string> {
  const words = new Set<string>();
  let previous = "";
  text.split("\n").forEach((line, i) => {
    if (line === "" && i === 0) return;
    const match = /^(\d)([A-Z]+)$/.exec(line);
    const shared = match ? Number(match[1]) : -1;
    if (!match || shared > previous.length)
      throw new Error(`${what}: line ${i + 1} (${JSON.stringify(line.slice(0, 20))}) is not a front-coded word`);
    previous = previous.slice(0, shared) + match[2];
    words.add(previous);
  });
  return words;
}
