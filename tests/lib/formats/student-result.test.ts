// The reader's row on the assignment page: what is accepted, the message for each kind of bad
// input, and the round trip through a storage that can also refuse or hold garbage.
import {describe, expect, test} from "vitest";
import {
  clearStudentResult,
  loadStudentResult,
  readStudentResult,
  saveStudentResult,
  STORAGE_KEY
} from "../../../src/lib/formats/student-result.js";

const GOOD = {name: "  My CNN ", accuracy: "98.9%", parameters: "50,000", seconds: "120.5"};

/** A Map-backed Storage, as much of it as the module uses. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map
  };
}

describe("reading the typed row", () => {
  test("trims the name, takes a % sign and thousands separators", () => {
    expect(readStudentResult(GOOD)).toEqual({ok: true, value: {name: "My CNN", accuracy: 98.9, parameters: 50000, seconds: 120.5}});
  });

  test("markup in the name is kept as typed, to be shown as text", () => {
    const read = readStudentResult({...GOOD, name: "<img src=x onerror=alert(1)>"});
    expect(read.ok && read.value.name).toBe("<img src=x onerror=alert(1)>");
  });

  test.each([
    [{name: " "}, "Give your model a name."],
    [{name: "x".repeat(61)}, "The name has 61 characters; keep it to 60."],
    [{accuracy: ""}, "Test accuracy is empty."],
    [{accuracy: "abc"}, 'Test accuracy: "abc" is not a number.'],
    [{accuracy: "101"}, "Test accuracy is a percentage, at most 100 (got 101)."],
    [{accuracy: "0.989"}, "Test accuracy is a percentage: type 99.1 for 0.991 (got 0.989)."],
    [{accuracy: "−5"}, "Test accuracy cannot be negative (got -5)."],
    [{parameters: ""}, "Parameters is empty."],
    [{parameters: "12.5"}, "Parameters must be a whole number (got 12.5)."],
    [{parameters: "0"}, "Parameters must be at least 1 (got 0)."],
    [{parameters: "1e11"}, "Parameters can be at most 10,000,000,000 here (got 100,000,000,000)."],
    [{seconds: "two minutes"}, 'Training time: "two minutes" is not a number.'],
    [{seconds: "0"}, "Training time must be above 0 seconds (got 0)."],
    [{seconds: "2e6"}, "Training time can be at most 1,000,000 seconds here (got 2,000,000)."]
  ])("%j is refused: %s", (change, message) => {
    expect(readStudentResult({...GOOD, ...change})).toEqual({ok: false, message});
  });
});

describe("keeping the row", () => {
  test("saved, loaded back the same, cleared", () => {
    const storage = memoryStorage();
    const row = {name: "My CNN", accuracy: 98.9, parameters: 50000, seconds: 120.5};
    expect(loadStudentResult(storage)).toEqual({ok: true, value: null});
    expect(saveStudentResult(storage, row)).toBe(true);
    expect(JSON.parse(storage.map.get(STORAGE_KEY) ?? "")).toEqual(row);
    expect(loadStudentResult(storage)).toEqual({ok: true, value: row});
    clearStudentResult(storage);
    expect(storage.map.has(STORAGE_KEY)).toBe(false);
  });

  test("garbage or an out-of-range value in storage gets a message", () => {
    expect(loadStudentResult(memoryStorage({[STORAGE_KEY]: "{not json"}))).toEqual({
      ok: false,
      message: "The row saved in this browser is not readable; reset it and type it again."
    });
    const bad = JSON.stringify({name: "x", accuracy: 250, parameters: 5, seconds: 1});
    expect(loadStudentResult(memoryStorage({[STORAGE_KEY]: bad}))).toEqual({
      ok: false,
      message:
        "The row saved in this browser is not valid (Test accuracy is a percentage, at most 100 (got 250).); reset it and type it again."
    });
  });

  test("a browser that refuses storage: nothing loaded, save says false, clear does not throw", () => {
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      }
    };
    expect(loadStudentResult(refusing)).toEqual({ok: true, value: null});
    expect(saveStudentResult(refusing, {name: "a", accuracy: 50, parameters: 1, seconds: 1})).toBe(false);
    expect(() => clearStudentResult(refusing)).not.toThrow();
    expect(saveStudentResult(null, {name: "a", accuracy: 50, parameters: 1, seconds: 1})).toBe(false);
  });
});
