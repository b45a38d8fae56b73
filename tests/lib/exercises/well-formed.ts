// What every exercise must do for seeds 0 … 39: print no NaN, undefined or raw minus signs in a
// product, give a finite answer (or one of its choices) that checks right, and give new questions
// for new seeds ("New question" must change something).
import {expect} from "vitest";
import {checkAnswer, type Exercise} from "../../../src/lib/exercises/question.js";

export function expectWellFormed(exercise: Exercise, {seeds = 40} = {}): void {
  const seen = new Set<string>();
  for (let seed = 0; seed < seeds; seed++) {
    const q = exercise.make(seed);
    seen.add(q.prompt + JSON.stringify(q.grids ?? []));
    expect(`${q.prompt} ${q.explain}`, `seed ${seed}`).not.toMatch(/NaN|undefined|Infinity|\[object|·-|\+ -| -\d/);
    if (q.answer.kind === "number") expect(Number.isFinite(q.answer.value)).toBe(true);
    else expect(q.answer.choices).toContain(q.answer.value);
    const verdict = checkAnswer(q, q.answer.kind === "number" ? String(q.answer.value) : q.answer.value);
    expect(verdict.ok && verdict.value.right, `seed ${seed}`).toBe(true);
  }
  expect(seen.size).toBeGreaterThan(1);
}
