// Exercises for the practical pages that work on shipped data: the datasets page (class counts
// from the label files), the assignment (the shipped models' test accuracies) and localisation
// (windowCount of the fully convolutional network, with its real window and stride).

import {windowCount} from "../models/fully-convolutional.js";
import {given} from "./given.js";
import {pick, pickOne, type Exercise} from "./question.js";

const n = (x: number) => x.toLocaleString("en");

/** A dataset's label files: one byte per image, the class index. */
export interface LabelFiles {
  name: string;
  classes: readonly string[];
  train: ArrayLike<number>;
  test: ArrayLike<number>;
}

/** Images per class in one split. */
export function labelCounts(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/** Datasets: the share of one class in the training images. */
export function classShareExercise(data: LabelFiles): Exercise {
  const counts = labelCounts(data.train, data.classes.length);
  const total = data.train.length;
  return {
    id: "class-share",
    title: "the share of one class",
    make(seed) {
      const c = given(seed, Math.min(1, data.classes.length - 1), (r) => pick(r, 0, data.classes.length - 1));
      const value = Math.round((1000 * counts[c]) / total) / 10;
      const even = 100 / data.classes.length;
      return {
        prompt: `${data.name} has ${n(total)} training images in ${data.classes.length} classes. What percentage of them are of class ${data.classes[c]}? (One decimal.)`,
        answer: {kind: "number", value, tolerance: 0.1, shown: `${value.toFixed(1)}%`},
        explain: `The label file holds ${n(counts[c])} images of class ${data.classes[c]}: ${n(counts[c])} / ${n(total)} = ${value.toFixed(1)}%, against ${even.toFixed(1)}% if the classes were exactly balanced. A model that always answered ${data.classes[c]} would score that much.`
      };
    }
  };
}

/** Datasets: the commonest or rarest class of a split. */
export function commonestClassExercise(data: LabelFiles): Exercise {
  return {
    id: "commonest-class",
    title: "the commonest class",
    make(seed) {
      const {split, most} = given(seed, {split: "train" as "train" | "test", most: true}, (r) => ({
        split: pickOne(r, ["train", "test"] as const),
        most: r() < 0.5
      }));
      const counts = labelCounts(data[split], data.classes.length);
      const order = counts.map((count, c) => ({c, count})).sort((a, b) => (most ? b.count - a.count : a.count - b.count) || a.c - b.c);
      const [first, second] = order;
      const which = most ? "the most" : "the fewest";
      return {
        prompt: `Which class of ${data.name} has ${which} ${split === "train" ? "training" : "test"} images?`,
        answer: {kind: "choice", choices: data.classes, value: data.classes[first.c]},
        explain: `Counted from the label file: class ${data.classes[first.c]} has ${n(first.count)} of the ${n(data[split].length)}, the next ${most ? "commonest" : "rarest"} (${data.classes[second.c]}) ${n(second.count)}, while an even split would give ${n(data[split].length / data.classes.length)} each.${first.count === second.count ? " (A tie: the first of them is named.)" : ""}`
      };
    }
  };
}

/** A model's test result as summary.json lists it. */
export interface TestedModel {
  name: string;
  testAccuracy: number;
  testCount: number;
}

const modelFor = (models: readonly TestedModel[], seed: number, fallback: string) =>
  given(seed, models.find((m) => m.name === fallback) ?? models[models.length - 1], (r) => pickOne(r, models));

/** Assignment: how many test images a model gets wrong. */
export function mistakesExercise(models: readonly TestedModel[], {first = "Convolutional network"} = {}): Exercise {
  return {
    id: "test-mistakes",
    title: "mistakes on the test set",
    make(seed) {
      const m = modelFor(models, seed, first);
      const wrong = Math.round((1 - m.testAccuracy) * m.testCount);
      return {
        prompt: `The ${m.name.toLowerCase()} scores ${(100 * m.testAccuracy).toFixed(2)}% on the ${n(m.testCount)} MNIST test images. How many of them does it get wrong?`,
        answer: {kind: "number", value: wrong, shown: n(wrong)},
        explain: `(1 − ${m.testAccuracy}) · ${n(m.testCount)} = ${n(wrong)} images. Counting mistakes makes small differences in accuracy concrete: 0.1 percentage points is ${n(Math.round(0.001 * m.testCount))} images here.`
      };
    }
  };
}

/** Assignment: the binomial standard error of a test accuracy. */
export function standardErrorExercise(models: readonly TestedModel[], {first = "Convolutional network"} = {}): Exercise {
  return {
    id: "standard-error",
    title: "how precise a test accuracy is",
    make(seed) {
      const m = modelFor(models, seed, first);
      const se = Math.sqrt((m.testAccuracy * (1 - m.testAccuracy)) / m.testCount);
      const value = Math.round(10000 * se) / 100;
      return {
        prompt: `The ${m.name.toLowerCase()} scores p = ${(100 * m.testAccuracy).toFixed(2)}% on n = ${n(m.testCount)} test images. What is the standard error √(p(1 − p)/n) of that accuracy, in percentage points? (Two decimals.)`,
        answer: {kind: "number", value, tolerance: 0.01, shown: value.toFixed(2)},
        explain: `√(${m.testAccuracy} · ${(1 - m.testAccuracy).toFixed(4)} / ${n(m.testCount)}) = ${se.toFixed(5)}, i.e. ${value.toFixed(2)} points. A gap between two models of less than about two standard errors could be the luck of this particular test set.`
      };
    }
  };
}

/** The fully convolutional network's geometry: the classifier's input size and the pooling strides. */
export interface WindowGeometry {
  window: number;
  stride: number;
}

/** Localisation: windows across a strip one window high. */
export function stripWindowsExercise({window, stride}: WindowGeometry): Exercise {
  return {
    id: "strip-windows",
    title: "windows across a strip",
    make(seed) {
      const width = given(seed, 4 * window, (r) => pick(r, window, 12 * window));
      const count = windowCount(width, window, stride);
      return {
        prompt: `The fully convolutional network reads a strip ${window} pixels high and ${width} wide. Each output cell sees a ${window}×${window} window, and neighbouring windows are ${stride} pixels apart. How many windows does one pass classify?`,
        answer: {kind: "number", value: count},
        explain: `The first window starts at column 0 and the last must still fit: ⌊(${width} − ${window}) / ${stride}⌋ + 1 = ${count}${(width - window) % stride ? ` (the last ${(width - window) % stride === 1 ? "column starts" : `${(width - window) % stride} columns start`} no window)` : ""}. Cropping and classifying those ${count} windows one by one gives the same map, at far more arithmetic.`
      };
    }
  };
}

/** Localisation: output cells for a whole image, windows in both directions. */
export function imageWindowsExercise({window, stride}: WindowGeometry): Exercise {
  return {
    id: "image-windows",
    title: "a map over a whole image",
    make(seed) {
      const {height, width} = given(seed, {height: 2 * window, width: 3 * window}, (r) => ({
        height: pick(r, window, 6 * window),
        width: pick(r, window, 8 * window)
      }));
      const rows = windowCount(height, window, stride);
      const columns = windowCount(width, window, stride);
      const cells = rows * columns;
      return {
        prompt: `The same network, which accepts any size of at least ${window}×${window}, reads an image ${height} pixels high and ${width} wide. How many cells (each with its own ${window}×${window} window and ten probabilities) does its output map have?`,
        answer: {kind: "number", value: cells, shown: n(cells)},
        explain: `Rows: ⌊(${height} − ${window}) / ${stride}⌋ + 1 = ${rows}; columns: ⌊(${width} − ${window}) / ${stride}⌋ + 1 = ${columns}; ${rows} · ${columns} = ${n(cells)} cells. The windows slide ${stride} pixels at a time in both directions, because each pooling step in the network is ${stride} input pixels.`
      };
    }
  };
}
