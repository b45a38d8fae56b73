// The progress store against a fake storage: counting, solving once for good, summaries, reset,
// and a damaged or refusing storage.
import {describe, expect, it} from "vitest";
import {
  PROGRESS_KEY,
  loadProgress,
  memoryStore,
  recordAnswer,
  resetProgress,
  summarizeProgress,
  type KeyValueStore
} from "../../../src/lib/exercises/progress.js";

const answer = (store: KeyValueStore, page: string, exercise: string, right: boolean) =>
  recordAnswer(store, {page, title: `Title of ${page}`, exercise, right});

describe("exercise progress", () => {
  it("starts empty", () => {
    expect(loadProgress(memoryStore())).toEqual({});
    expect(summarizeProgress({})).toEqual({solved: 0, tried: 0, pages: []});
  });

  it("counts tries and keeps an exercise solved after a later wrong answer", () => {
    const store = memoryStore();
    answer(store, "cnn/pooling", "max-pool", false);
    answer(store, "cnn/pooling", "max-pool", true);
    answer(store, "cnn/pooling", "max-pool", false);
    expect(loadProgress(store)["cnn/pooling"]).toEqual({title: "Title of cnn/pooling", exercises: {"max-pool": {tries: 3, solved: true}}});
  });

  it("summarises by page, in path order", () => {
    const store = memoryStore();
    answer(store, "rnn/gru", "gru-parameters", true);
    answer(store, "cnn/pooling", "max-pool", true);
    answer(store, "cnn/pooling", "pool-size", false);
    expect(summarizeProgress(loadProgress(store))).toEqual({
      solved: 2,
      tried: 3,
      pages: [
        {page: "cnn/pooling", title: "Title of cnn/pooling", solved: 1, tried: 2},
        {page: "rnn/gru", title: "Title of rnn/gru", solved: 1, tried: 1}
      ]
    });
  });

  it("forgets everything on reset", () => {
    const store = memoryStore();
    answer(store, "cnn/pooling", "max-pool", true);
    resetProgress(store);
    expect(store.map.has(PROGRESS_KEY)).toBe(false);
    expect(loadProgress(store)).toEqual({});
  });

  it("reads damaged or foreign records as no progress, keeping what is sound", () => {
    const store = memoryStore();
    store.setItem(PROGRESS_KEY, "{not json");
    expect(loadProgress(store)).toEqual({});
    store.setItem(PROGRESS_KEY, "[1, 2]");
    expect(loadProgress(store)).toEqual({});
    store.setItem(
      PROGRESS_KEY,
      JSON.stringify({a: {title: "A", exercises: {x: {tries: 2, solved: true}, y: {tries: -1, solved: true}, z: "?"}}, b: {title: 3}})
    );
    expect(loadProgress(store)).toEqual({a: {title: "A", exercises: {x: {tries: 2, solved: true}}}});
  });

  it("still answers when the storage refuses to write or read", () => {
    const refusing: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {
        throw new DOMException("no", "SecurityError");
      }
    };
    expect(answer(refusing, "cnn/pooling", "max-pool", true)["cnn/pooling"].exercises["max-pool"]).toEqual({tries: 1, solved: true});
    expect(() => resetProgress(refusing)).not.toThrow();
  });
});
