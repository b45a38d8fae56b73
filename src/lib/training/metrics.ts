// How well a classifier did on a test set, from its predicted class probabilities: accuracy,
// cross-entropy, per-class accuracy, the confusion matrix and the misclassified examples.
// Pure JavaScript, so loaders and pages compute it the same way.

/** The test examples a model got wrong, as parallel columns (compact in JSON). */
export interface Misclassified {
  /** Index into the test set. */
  index: number[];
  /** True label. */
  label: number[];
  /** Predicted label (the most probable class). */
  predicted: number[];
  /** The model's probability for its (wrong) prediction. */
  confidence: number[];
}

export interface ClassificationMetrics {
  count: number;
  correct: number;
  accuracy: number;
  /** Mean cross-entropy in nats (probabilities clipped at 1e-7 as Keras does), or null when the model's scores are not probabilities worth scoring (k-NN votes). */
  loss: number | null;
  perClass: {count: number[]; correct: number[]; accuracy: number[]};
  /** confusion[true][predicted]: how many test examples of class `true` got `predicted`. */
  confusion: number[][];
  misclassified: Misclassified;
}

const EPSILON = 1e-7;

/** The most probable class of one row (the first on ties). */
export function argmax(values: ArrayLike<number>, offset = 0, length = values.length - offset): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}

/**
 * Metrics from `probabilities`, row-major count × classes. `indices` maps row i to the index
 * of its example in the test set (default: i), so a subset still names the right images.
 * `predictions` overrides the most probable class (k-NN breaks tied votes by distance).
 */
export function classificationMetrics(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classes: number,
  {indices, predictions, scoreLoss = true}: {indices?: ArrayLike<number>; predictions?: ArrayLike<number>; scoreLoss?: boolean} = {}
): ClassificationMetrics {
  const count = labels.length;
  if (probabilities.length !== count * classes) {
    throw new Error(`${probabilities.length} probabilities do not make ${count} rows of ${classes} classes`);
  }
  if (predictions && predictions.length !== count) throw new Error(`${predictions.length} predictions for ${count} labels`);
  const confusion = Array.from({length: classes}, () => new Array<number>(classes).fill(0));
  const misclassified: Misclassified = {index: [], label: [], predicted: [], confidence: []};
  let lossSum = 0;
  for (let i = 0; i < count; i++) {
    const label = labels[i];
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new Error(`label ${i} is ${label}, expected 0–${classes - 1}`);
    const offset = i * classes;
    const predicted = predictions ? predictions[i] : argmax(probabilities, offset, classes);
    confusion[label][predicted]++;
    lossSum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[offset + label])));
    if (predicted !== label) {
      misclassified.index.push(indices ? indices[i] : i);
      misclassified.label.push(label);
      misclassified.predicted.push(predicted);
      misclassified.confidence.push(probabilities[offset + predicted]);
    }
  }
  const perCount = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const perCorrect = confusion.map((row, c) => row[c]);
  const correct = perCorrect.reduce((a, b) => a + b, 0);
  return {
    count,
    correct,
    accuracy: count ? correct / count : NaN,
    loss: scoreLoss && count ? lossSum / count : null,
    perClass: {count: perCount, correct: perCorrect, accuracy: perCount.map((n, c) => (n ? perCorrect[c] / n : NaN))},
    confusion,
    misclassified
  };
}

/** The misclassified columns as one object per example, most confident mistakes first (for galleries and tables). */
export function misclassifiedRows({
  index,
  label,
  predicted,
  confidence
}: Misclassified): {index: number; label: number; predicted: number; confidence: number}[] {
  return index
    .map((i, r) => ({index: i, label: label[r], predicted: predicted[r], confidence: confidence[r]}))
    .sort((a, b) => b.confidence - a.confidence || a.index - b.index);
}
