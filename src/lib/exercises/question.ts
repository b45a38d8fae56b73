// One exercise = a question made from a seed, an answer the site computes, and an explanation.
// Seed 0 gives the default question (fixed numbers, so a test can work the answer out by hand);
// any other seed draws new numbers for "New question".

import {fail, ok, readNumber, show, type Result} from "../core/result.js";

export interface NumberAnswer {
  readonly kind: "number";
  readonly value: number;
  /** Accepted distance from the value (0: exact). */
  readonly tolerance?: number;
  /** How the value is written in feedback, e.g. "1,234" or "0.25". */
  readonly shown?: string;
}

export interface ChoiceAnswer {
  readonly kind: "choice";
  readonly choices: readonly string[];
  readonly value: string;
}

/** A small grid of numbers shown with the prompt, e.g. a pooling input. */
export interface GivenGrid {
  readonly label: string;
  readonly rows: readonly (readonly number[])[];
}

export interface Question {
  /** Plain text: pages set it as textContent. */
  readonly prompt: string;
  readonly grids?: readonly GivenGrid[];
  readonly answer: NumberAnswer | ChoiceAnswer;
  /** Why the answer is what it is, worked out with the question's numbers. */
  readonly explain: string;
}

export interface Exercise {
  /** Unique on its page; progress is kept under it. */
  readonly id: string;
  readonly title: string;
  readonly make: (seed: number) => Question;
}

export interface Verdict {
  readonly right: boolean;
  /** The reader's answer as read, for feedback. */
  readonly said: string;
  readonly message: string;
}

/** Whether `typed` (a number as typed, or the chosen choice) answers `question`, and why. */
export function checkAnswer(question: Question, typed: string | null | undefined): Result<Verdict> {
  const read = readAnswer(question, typed);
  if (!read.ok) return read;
  const {answer, explain} = question;
  const right =
    answer.kind === "number" ? Math.abs(Number(read.value) - answer.value) <= (answer.tolerance ?? 0) + 1e-9 : read.value === answer.value;
  const said = answer.kind === "number" ? format(Number(read.value)) : String(read.value);
  const truth = answer.kind === "number" ? (answer.shown ?? format(answer.value)) : answer.value;
  const message = right ? `Right: ${truth}. ${explain}` : `Not quite: you said ${said}, the answer is ${truth}. ${explain}`;
  return ok({right, said, message});
}

/** The reader's input as a number or one of the choices, or a message saying what is wrong with it. */
export function readAnswer(question: Question, typed: string | null | undefined): Result<number | string> {
  const {answer} = question;
  if (answer.kind === "choice") {
    if (typed == null || typed === "") return fail("Choose an answer first, then check it.");
    if (!answer.choices.includes(typed)) return fail(`${show(typed)} is not one of the choices.`);
    return ok(typed);
  }
  if (typed == null || typed.trim() === "") return fail("Type a number first, then check it.");
  // Markup is shown back as text and refused, so a reader sees exactly what was read.
  if (/[<>]/.test(typed)) return fail(`Type just a number: ${show(typed)} contains markup, which is read as plain text.`);
  const n = readNumber("Your answer", typed);
  if (!n.ok) return n;
  return ok(n.value);
}

/** A number for feedback: thousands separated, at most four decimals. */
export function format(x: number): string {
  return x.toLocaleString("en", {maximumFractionDigits: 4}).replace(/^-/, "−");
}

/** A whole number in [min, max] from `random`. */
export function pick(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One of `items` from `random`. */
export function pickOne<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
