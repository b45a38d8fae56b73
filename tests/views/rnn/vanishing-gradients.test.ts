// The long-lag page's data views on the committed metrics: one recipe's results in the charts'
// shape, its gradient curves as chart rows, and a clear error for a recipe that is not there.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {recipeNormPoints, recipeView} from "../../../src/views/rnn/vanishing-gradients.js";

const metrics = JSON.parse(readFileSync(join(import.meta.dirname, "../../../models/long-lag/metrics.json"), "utf8"));

describe("long-lag recipe views", () => {
  it("recipeView swaps in one recipe's cells and runs", () => {
    for (const id of ["defaults", "standard"]) {
      const view = recipeView(metrics, id);
      const recipe = metrics.recipes.find((r: {id: string}) => r.id === id);
      expect(view.runs).toBe(recipe.runs);
      expect(view.cells).toBe(recipe.cells);
      expect(view.name).toBe(recipe.name);
      expect(view.runs).toHaveLength(metrics.task.lags.length * 3);
    }
    expect(() => recipeView(metrics, "nope")).toThrow('no recipe "nope" (they have defaults, standard)');
  });

  it("recipeNormPoints gives an initial and a trained curve per cell, leaving out what a log scale cannot draw", () => {
    const points = recipeNormPoints(metrics, "standard");
    const series = [...new Set(points.map((p) => p.series))];
    expect(series).toEqual(["SimpleRNN, initial", "SimpleRNN, trained", "LSTM, initial", "LSTM, trained", "GRU, initial", "GRU, trained"]);
    const drawable = metrics.recipes[1].gradients
      .flatMap((g: {initial: number[]; trained: number[]}) => [...g.initial, ...g.trained])
      .filter((v: number) => v > 0);
    expect(points).toHaveLength(drawable.length);
    expect(points.every((p) => p.norm > 0 && p.t >= 1 && p.t <= metrics.gradientLag + 1)).toBe(true);
  });
});
