// The exercise card and the progress summary in jsdom: feedback classes and text, markup kept as
// text, progress recorded in the given store, "New question", and reset.
// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {memoryStore, loadProgress} from "../../src/lib/exercises/progress.js";
import {maxPoolExercise, lenetLargestExercise} from "../../src/lib/exercises/cnn.js";
import {exerciseCard} from "../../src/ui/exercise.js";
import {exerciseProgress} from "../../src/ui/exercise-progress.js";

const page = {page: "cnn/pooling", title: "Pooling"};

function answer(card: HTMLElement, typed: string) {
  const input = card.querySelector<HTMLInputElement>("input[type=text]")!;
  input.value = typed;
  card.querySelector("form")!.requestSubmit();
  return card.querySelector(".exercise-feedback")!;
}

describe("exercise card", () => {
  it("marks a right and a wrong answer, explains, and records both", () => {
    const store = memoryStore();
    const card = exerciseCard(maxPoolExercise, {...page, store});
    document.body.append(card);
    const wrong = answer(card, "5");
    expect(wrong.className).toBe("exercise-feedback wrong");
    expect(wrong.textContent).toBe(
      "Not quite: you said 5, the answer is 7. That output cell covers rows 1–2 and columns 3–4 of the input: max(2, 0, 7, 4) = 7."
    );
    expect(loadProgress(store)["cnn/pooling"].exercises["max-pool"]).toEqual({tries: 1, solved: false});
    const right = answer(card, "7");
    expect(right.className).toBe("exercise-feedback right");
    expect(right.textContent).toMatch(/^Right: 7\. /);
    expect(loadProgress(store)["cnn/pooling"].exercises["max-pool"]).toEqual({tries: 2, solved: true});
    expect(card.querySelector(".exercise-status")!.textContent).toBe("You have solved this one before (2 tries in all).");
    // The feedback is announced.
    expect(right.parentElement!.getAttribute("aria-live")).toBe("polite");
    card.remove();
  });

  it("keeps markup as text and records no attempt for it", () => {
    const store = memoryStore();
    const card = exerciseCard(maxPoolExercise, {...page, store});
    const feedback = answer(card, "<b>7</b>");
    expect(feedback.className).toBe("exercise-feedback invalid");
    expect(feedback.textContent).toContain('"<b>7</b>" contains markup');
    expect(feedback.querySelector("b")).toBeNull();
    expect(loadProgress(store)).toEqual({});
  });

  it("shows the question's grid and draws a new one on New question", () => {
    const card = exerciseCard(maxPoolExercise, {...page, store: memoryStore()});
    const cells = () => [...card.querySelectorAll('[aria-label="Pooling input"] .cell')].map((c) => c.textContent).join(" ");
    expect(cells()).toBe("1 5 2 0 3 2 7 4 8 0 1 1 2 6 3 9");
    const before = card.querySelector(".exercise-prompt")!.textContent + cells();
    [...card.querySelectorAll("button")].find((b) => b.textContent === "New question")!.click();
    expect(card.querySelector(".exercise-prompt")!.textContent + cells()).not.toBe(before);
  });

  it("asks for a choice before checking one, then checks it", () => {
    const card = exerciseCard(lenetLargestExercise, {page: "cnn/architectures", title: "Architectures", store: memoryStore()});
    const form = card.querySelector("form")!;
    form.requestSubmit();
    expect(card.querySelector(".exercise-feedback")!.textContent).toBe("Choose an answer first, then check it.");
    const radios = [...card.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    expect(card.querySelector("legend")!.textContent).toBe("Your answer");
    radios.find((r) => r.value.startsWith("conv1"))!.checked = true;
    form.requestSubmit();
    expect(card.querySelector(".exercise-feedback")!.className).toBe("exercise-feedback wrong");
    radios.find((r) => r.value.startsWith("dense1"))!.checked = true;
    form.requestSubmit();
    expect(card.querySelector(".exercise-feedback")!.className).toBe("exercise-feedback right");
  });
});

describe("progress summary", () => {
  it("sums up, links each page, and resets", () => {
    const store = memoryStore();
    const card = exerciseCard(maxPoolExercise, {...page, store});
    answer(card, "1");
    answer(card, "7");
    const summary = exerciseProgress({store});
    expect(summary.querySelector(".exercise-progress-total")!.textContent).toMatch(/^Solved 1 of 1 exercise tried, on 1 page\./);
    const link = summary.querySelector("li a") as HTMLAnchorElement;
    expect(link.getAttribute("href")).toBe("./cnn/pooling.html");
    expect(summary.querySelector("li")!.textContent).toBe("Pooling: 1 of 1 solved");
    const reset = summary.querySelector("button")!;
    reset.click();
    expect(loadProgress(store)).toEqual({});
    expect(summary.querySelector(".exercise-progress-total")!.textContent).toMatch(/^No exercises answered yet\./);
    expect(summary.querySelector("h2")!.textContent).toBe("Your exercise progress");
    expect(summary.querySelectorAll("li")).toHaveLength(0);
    expect(reset.disabled).toBe(true);
    expect(summary.querySelector("[role=status]")!.textContent).toBe("Progress reset: every exercise counts as new.");
  });
});
