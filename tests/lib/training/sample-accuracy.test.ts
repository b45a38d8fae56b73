import {describe, expect, test} from "vitest";
import type {ModelsSummary} from "../../../src/lib/formats/model-report.js";
import {accuracyOn, summaryOn} from "../../../src/lib/training/sample-accuracy.js";

describe("accuracyOn", () => {
  test("the share of the subset missing from the list of mistakes", () => {
    expect(accuracyOn([1, 2, 3, 4], [2, 9])).toBe(0.75);
    expect(accuracyOn(Uint16Array.from([5]), [])).toBe(1);
    expect(accuracyOn([], [1])).toBeNaN();
  });
});

describe("summaryOn", () => {
  test("every model's accuracy and test count on the subset; a model without a list is an error", () => {
    const summary = {
      models: [
        {id: "a", name: "A", testAccuracy: 0.5, testCount: 10},
        {id: "b", name: "B", testAccuracy: 0.9, testCount: 10}
      ]
    } as unknown as ModelsSummary;
    const scored = summaryOn(summary, [0, 1], {a: [1], b: []});
    expect(scored.models.map((m) => [m.testAccuracy, m.testCount])).toEqual([
      [0.5, 2],
      [1, 2]
    ]);
    expect(() => summaryOn(summary, [0], {a: []})).toThrow("no list of mistakes for B");
  });
});
