// Per-class test accuracy of several models in one Plot chart: a row per class, a dot per
// model (the colours of the learning curves), and a line from the worst model to the best, so
// the classes the models disagree on stand out by the length of their line.
import * as Plot from "@observablehq/plot";
import {classLabel} from "../../lib/formats/dataset-files.js";

export interface ClassAccuracyModel {
  name: string;
  perClass: {count: number[]; correct: number[]};
}

export interface ClassAccuracyPoint {
  model: string;
  label: number;
  correct: number;
  count: number;
  accuracy: number;
}

/** One point per model and class (classes with no test images left out). */
export function classAccuracyPoints(models: readonly ClassAccuracyModel[]): ClassAccuracyPoint[] {
  return models.flatMap((m) =>
    m.perClass.count.flatMap((count, label) =>
      count > 0 ? [{model: m.name, label, correct: m.perClass.correct[label], count, accuracy: m.perClass.correct[label] / count}] : []
    )
  );
}

export function classAccuracyChart(
  models: readonly ClassAccuracyModel[],
  {width = 640, classes, ariaLabel}: {width?: number; classes: string[]; ariaLabel?: string}
) {
  const points = classAccuracyPoints(models);
  const name = (label: number) => classLabel(classes, label);
  // The range of each class, from its worst model to its best.
  const spans = classes
    .map((_, label) => {
      const values = points.filter((d) => d.label === label).map((d) => d.accuracy);
      return {label, low: Math.min(...values), high: Math.max(...values)};
    })
    .filter((d) => Number.isFinite(d.low));
  const lowest = Math.min(1, ...points.map((d) => d.accuracy));
  const named = classes.some((c, i) => c !== String(i));
  return Plot.plot({
    width,
    height: 40 + 28 * classes.length,
    marginLeft: named ? 96 : 40,
    marginRight: 16,
    ariaLabel,
    x: {label: "test accuracy of the class →", domain: [Math.max(0, Math.floor(lowest * 20) / 20), 1], grid: true, tickFormat: "%"},
    y: {type: "band", domain: classes.map((_, i) => i), tickFormat: name, label: null},
    color: {legend: true, domain: models.map((m) => m.name)},
    marks: [
      Plot.ruleY(spans, {y: "label", x1: "low", x2: "high", stroke: "currentColor", strokeOpacity: 0.35, strokeWidth: 3}),
      Plot.dot(points, {x: "accuracy", y: "label", fill: "model", r: 4.5}),
      Plot.tip(
        points,
        Plot.pointer({
          x: "accuracy",
          y: "label",
          title: (d: ClassAccuracyPoint) =>
            `${d.model}, ${name(d.label)}\n${d.correct} of ${d.count} right (${(100 * d.accuracy).toFixed(1)}%)`
        })
      )
    ]
  });
}
