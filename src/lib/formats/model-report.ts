// The shape of what the model loaders ship next to the weights (src/data/mnist-models.zip.ts,
// src/data/fashion-models.zip.ts): one metrics.json per model and a summary.json per dataset.
// Pages read these; the loaders write them.
import type {ClassificationMetrics, Misclassified} from "../training/metrics.js";
import type {EpochLog, TrainingConfig} from "../training/train.js";
import type {ModelId, ModelSpec} from "../models/zoo.js";

export const METRICS_FORMAT = "workbook-model-metrics";
export const SUMMARY_FORMAT = "workbook-models-summary";

/** <id>/metrics.json: everything measured about one trained model. */
export interface ModelMetrics {
  format: typeof METRICS_FORMAT;
  version: 1;
  /** Trained in quick mode (WORKBOOK_QUICK=1): a small subset and few epochs, for tests and page editing. Pages must say so. */
  quick: boolean;
  dataset: {id: string; name: string; classes: string[]};
  model: {
    id: ModelId;
    name: string;
    spec: ModelSpec;
    /** Trainable weights; for k-NN the numbers it stores (PCA mean and basis, the training coordinates). */
    parameters: number;
    parametersNote: string;
  };
  training: {
    /** Training images used. */
    count: number;
    /** Which training images, in words. */
    subset: string;
    /** Null for k-NN, which has no training loop. */
    config: TrainingConfig | null;
    /** Seconds spent training (for k-NN: fitting the PCA and projecting the training set). */
    seconds: number;
    backend: string;
  };
  /** Loss and accuracy per epoch (training, and the test set after each epoch); empty for k-NN. */
  epochs: EpochLog[];
  test: Omit<ClassificationMetrics, "misclassified"> & {
    /** Seconds to classify the whole test set. */
    seconds: number;
  };
  /** Test images the model got wrong: index into the test set, true and predicted label, confidence. */
  misclassified: Misclassified;
}

/** summary.json: one row per model, for comparison tables and curves without the big lists. */
export interface ModelsSummary {
  format: typeof SUMMARY_FORMAT;
  version: 1;
  quick: boolean;
  dataset: {id: string; name: string; classes: string[]};
  /** How the models were trained, in words (says "quick mode" when it was). */
  note: string;
  backend: string;
  models: {
    id: ModelId;
    name: string;
    parameters: number;
    trainingCount: number;
    trainingSeconds: number;
    testCount: number;
    testAccuracy: number;
    testLoss: number | null;
    testSeconds: number;
    epochs: EpochLog[];
  }[];
  /** Wall-clock seconds of the whole loader run. */
  seconds: number;
  /** Processor seconds of the run, all threads (less sensitive than wall time to other work on the machine). */
  cpuSeconds: number;
}

/** For JSON: numbers to 6 significant digits (the precision the pages print and builds must agree on). */
export function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) && Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}
