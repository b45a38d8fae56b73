// "Human or computer?": a quiz of real held-out passages and passages the character model wrote.
// Picking and scoring are pure functions; quizForm builds the accessible form (native radio
// buttons in a fieldset per passage, passages set as text), and scores it on submit.
import type {CharPassage} from "../../lib/formats/char-metrics.js";
import {seededRandom, shuffleInPlace} from "../../lib/core/random.js";
import {injectStyle} from "../../ui/inject-style.js";

export type Author = "human" | "computer";

export interface QuizItem {
  text: string;
  author: Author;
  /** Where a real passage comes from, or which model wrote it and how. */
  detail: string;
}

/**
 * `count` passages, as near half real and half generated as the lists allow, in a seeded order.
 * The same seed gives the same quiz.
 */
export function quizItems(real: readonly CharPassage[], generated: readonly CharPassage[], {count = 8, seed = 1} = {}): QuizItem[] {
  const random = seededRandom(seed);
  const computers = Math.min(generated.length, Math.max(0, Math.round(count / 2)), count);
  const humans = Math.min(real.length, count - computers);
  const pick = <T>(list: readonly T[], n: number) => shuffleInPlace([...list], random).slice(0, n);
  const items: QuizItem[] = [
    ...pick(real, humans).map((p) => ({text: p.text, author: "human" as const, detail: p.source})),
    ...pick(generated, computers).map((p) => ({
      text: p.text,
      author: "computer" as const,
      detail: `the ${p.model ?? p.source} model, temperature ${p.temperature ?? "?"}, after reading the held-out text before a sentence of ${p.primedWith ?? "a held-out document"}`
    }))
  ];
  return shuffleInPlace(items, random);
}

export interface QuizScore {
  correct: number;
  answered: number;
  total: number;
  rows: {item: QuizItem; answer: Author | null; right: boolean}[];
}

/** Right answers out of all items (an unanswered item counts as wrong). */
export function scoreQuiz(items: readonly QuizItem[], answers: readonly (Author | null | undefined)[]): QuizScore {
  const rows = items.map((item, i) => {
    const answer = answers[i] ?? null;
    return {item, answer, right: answer === item.author};
  });
  return {correct: rows.filter((r) => r.right).length, answered: rows.filter((r) => r.answer !== null).length, total: items.length, rows};
}

const NAMES: Record<Author, string> = {human: "A human", computer: "The computer"};

/**
 * The quiz as a form: one fieldset per passage with two radio buttons, a submit button, and the
 * results (score, then each passage's answer) written into a live region on submit. The form's
 * `value` is the latest QuizScore (null before submitting); it fires "input" when scored.
 */
export function quizForm(items: readonly QuizItem[], {id = "quiz"} = {}): HTMLFormElement & {value: QuizScore | null} {
  injectStyle("char-quiz-style", CSS);
  const form = document.createElement("form") as HTMLFormElement & {value: QuizScore | null};
  form.className = "char-quiz";
  form.value = null;
  const fieldsets = items.map((item, i) => {
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = `Passage ${i + 1} of ${items.length}`;
    const quote = document.createElement("blockquote");
    quote.textContent = item.text;
    quote.id = `${id}-passage-${i}`;
    const choices = document.createElement("div");
    choices.className = "char-quiz-choices";
    for (const author of ["human", "computer"] as Author[]) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `${id}-${i}`;
      input.value = author;
      input.setAttribute("aria-describedby", quote.id);
      label.append(input, ` ${NAMES[author]} wrote it`);
      choices.append(label);
    }
    const verdict = document.createElement("p");
    verdict.className = "char-quiz-verdict";
    fieldset.append(legend, quote, choices, verdict);
    form.append(fieldset);
    return {fieldset, verdict};
  });
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.textContent = "Check my answers";
  const result = document.createElement("p");
  result.className = "char-quiz-result";
  result.setAttribute("role", "status");
  result.setAttribute("aria-live", "polite");
  form.append(submit, result);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answers = items.map(
      (_, i) => (form.querySelector<HTMLInputElement>(`input[name="${id}-${i}"]:checked`)?.value as Author | undefined) ?? null
    );
    const score = scoreQuiz(items, answers);
    score.rows.forEach((row, i) => {
      const {fieldset, verdict} = fieldsets[i];
      fieldset.dataset.result = row.right ? "right" : "wrong";
      const said = row.answer ? `you said ${row.answer === "human" ? "a human" : "the computer"}` : "no answer";
      verdict.textContent = `${row.right ? "✓ Right" : "✗ Wrong"} (${said}): ${row.item.author === "human" ? `a human wrote it: ${row.item.detail}` : `the computer wrote it: ${row.item.detail}`}.`;
    });
    result.textContent = `You got ${score.correct} of ${score.total} right${score.answered < score.total ? ` (${score.total - score.answered} left unanswered)` : ""}.`;
    form.value = score;
    form.dispatchEvent(new Event("input", {bubbles: true}));
  });
  return form;
}

const CSS = `
.char-quiz fieldset { border: 1px solid var(--theme-foreground-faint); border-radius: 6px; margin: 0 0 1rem; padding: 0.5rem 1rem; max-width: 72ch; }
.char-quiz legend { font: 600 13px var(--sans-serif); padding: 0 0.3em; }
.char-quiz blockquote { margin: 0.3rem 0; font-family: var(--serif, Georgia, serif); white-space: pre-wrap; overflow-wrap: anywhere; }
.char-quiz-choices { display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; font: 14px var(--sans-serif); }
.char-quiz-choices label { display: inline-flex; gap: 0.3rem; align-items: center; cursor: pointer; }
.char-quiz input:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 2px; }
.char-quiz-verdict { font: 13px var(--sans-serif); margin: 0.4rem 0 0; }
.char-quiz-verdict:empty { display: none; }
.char-quiz fieldset[data-result="right"] { border-color: var(--theme-green, currentColor); }
.char-quiz fieldset[data-result="wrong"] { border-color: var(--theme-red, currentColor); border-style: dashed; }
.char-quiz-result { font: 600 16px var(--sans-serif); }
`;
