// A predict-then-check exercise on a page: the question, a typed number or a radio group, a
// Check button and feedback announced to screen readers. Everything the reader types is read as
// text (textContent, never innerHTML). "New question" draws new numbers from the next seed.

import {checkAnswer, format, type Exercise, type GivenGrid, type Question} from "../lib/exercises/question.js";
import {loadProgress, recordAnswer, type KeyValueStore} from "../lib/exercises/progress.js";
import {cellGrid} from "./cell-grid.js";
import {browserStore} from "./exercise-store.js";
import {injectStyle} from "./inject-style.js";

export interface ExerciseOptions {
  /** Progress key of the page, e.g. "cnn/convolution". */
  page: string;
  /** Page title for the home page's summary. */
  title: string;
  store?: KeyValueStore;
  /** First question's seed; 0 is the default question. */
  seed?: number;
}

export function exerciseCard(exercise: Exercise, {page, title, store = browserStore(), seed = 0}: ExerciseOptions): HTMLElement {
  injectStyle("exercise-style", CSS);
  const root = document.createElement("section");
  root.className = "exercise";
  root.dataset.exercise = exercise.id;
  const heading = document.createElement("h3");
  heading.id = `exercise-${exercise.id}`;
  heading.textContent = `Predict, then check: ${exercise.title}`;
  root.setAttribute("aria-labelledby", heading.id);
  const body = document.createElement("div");
  const status = document.createElement("p");
  status.className = "exercise-status";
  root.append(heading, body, status);

  const showStatus = () => {
    const record = loadProgress(store)[page]?.exercises[exercise.id];
    status.textContent = record?.solved
      ? `You have solved this one before (${record.tries} ${record.tries === 1 ? "try" : "tries"} in all).`
      : "";
  };

  const render = (s: number) => {
    seed = s;
    const onAnswer = (right: boolean) => {
      recordAnswer(store, {page, title, exercise: exercise.id, right});
      showStatus();
    };
    body.replaceChildren(questionForm(exercise.make(seed), {uid: `${exercise.id}-${seed}`, onAnswer, onNext: () => render(seed + 1)}));
  };
  render(seed);
  showStatus();
  return root;
}

interface FormHooks {
  /** Unique among the page's forms: names the radio group. */
  uid: string;
  onAnswer: (right: boolean) => void;
  onNext: () => void;
}

function questionForm(question: Question, {uid, onAnswer, onNext}: FormHooks): HTMLElement {
  const form = document.createElement("form");
  form.noValidate = true;
  const prompt = document.createElement("p");
  prompt.className = "exercise-prompt";
  prompt.textContent = question.prompt;
  form.append(prompt);
  if (question.grids?.length) {
    const grids = document.createElement("div");
    grids.className = "exercise-grids";
    grids.append(...question.grids.map(givenGrid));
    form.append(grids);
  }
  const {answer} = question;
  let read: () => string | null;
  if (answer.kind === "number") {
    const label = document.createElement("label");
    label.className = "exercise-answer";
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.name = `answer-${uid}`;
    label.append("Your answer ", input);
    form.append(label);
    read = () => input.value;
  } else {
    const fieldset = document.createElement("fieldset");
    fieldset.className = "exercise-choices";
    const legend = document.createElement("legend");
    legend.textContent = "Your answer";
    fieldset.append(legend);
    for (const choice of answer.choices) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `answer-${uid}`;
      input.value = choice;
      label.append(input, ` ${choice}`);
      fieldset.append(label);
    }
    form.append(fieldset);
    read = () => form.querySelector<HTMLInputElement>(`input[name="answer-${uid}"]:checked`)?.value ?? null;
  }
  const buttons = document.createElement("div");
  buttons.className = "exercise-buttons";
  const check = document.createElement("button");
  check.type = "submit";
  check.textContent = "Check";
  const next = document.createElement("button");
  next.type = "button";
  next.textContent = "New question";
  next.addEventListener("click", onNext);
  buttons.append(check, next);
  const live = document.createElement("div");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");
  const feedback = document.createElement("p");
  feedback.className = "exercise-feedback";
  live.append(feedback);
  form.append(buttons, live);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const verdict = checkAnswer(question, read());
    if (!verdict.ok) {
      feedback.className = "exercise-feedback invalid";
      feedback.textContent = verdict.message;
      return;
    }
    feedback.className = `exercise-feedback ${verdict.value.right ? "right" : "wrong"}`;
    feedback.textContent = verdict.value.message;
    onAnswer(verdict.value.right);
  });
  return form;
}

function givenGrid({label, rows}: GivenGrid): HTMLElement {
  const figure = document.createElement("figure");
  const caption = document.createElement("figcaption");
  caption.textContent = label;
  const grid = cellGrid(rows.length, rows[0]?.length ?? 0, {label, text: (r, c) => format(rows[r][c])});
  figure.append(caption, grid.root);
  return figure;
}

const CSS = `
.exercise { border: 1px solid var(--theme-foreground-faint); border-radius: 8px; padding: 0.6rem 1rem; margin: 1rem 0; max-width: 640px; }
.exercise h3 { margin: 0 0 0.3rem; font-size: 15px; }
.exercise form { display: grid; gap: 0.5rem; }
.exercise-prompt { margin: 0; max-width: none; }
.exercise-grids { display: flex; flex-wrap: wrap; gap: 1rem; }
.exercise-grids figure { margin: 0; }
.exercise-grids figcaption { font: 12px var(--sans-serif); color: var(--theme-foreground-muted); }
.exercise-answer { font: 14px var(--sans-serif); display: inline-flex; gap: 0.4rem; align-items: baseline; }
.exercise-answer input { font: inherit; font-variant-numeric: tabular-nums; width: 8em; padding: 2px 4px; color: inherit;
  background: var(--theme-background); border: solid 1px var(--theme-foreground-faint); border-radius: 3px; }
.exercise-choices { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; font: 14px var(--sans-serif); }
.exercise-choices legend { padding: 0; margin-bottom: 0.2rem; }
.exercise-choices label { display: inline-flex; gap: 0.3rem; align-items: center; cursor: pointer; }
.exercise input:focus-visible, .exercise button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 2px; }
.exercise-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.exercise-feedback { margin: 0; max-width: none; font: 14px var(--sans-serif); overflow-wrap: anywhere; }
.exercise-feedback:empty { display: none; }
.exercise-feedback.right { border-left: 4px solid var(--theme-green, currentColor); padding-left: 0.5rem; }
.exercise-feedback.wrong { border-left: 4px dashed var(--theme-red, currentColor); padding-left: 0.5rem; }
.exercise-feedback.invalid { border-left: 4px dotted var(--theme-foreground-muted); padding-left: 0.5rem; }
.exercise-status { margin: 0.3rem 0 0; font: 12px var(--sans-serif); color: var(--theme-foreground-muted); }
.exercise-status:empty { display: none; }
`;

/** A page's exercises, one card each, in a list. */
export function exerciseCards(exercises: readonly Exercise[], options: ExerciseOptions): HTMLElement {
  const root = document.createElement("div");
  root.className = "exercises";
  root.append(...exercises.map((e) => exerciseCard(e, options)));
  return root;
}
