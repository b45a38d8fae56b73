// What the two synthetic-task experiments (long-lag.zip, peephole.zip) share: the shape of their
// settings and what quick mode does to them.
import type {TrainingConfig} from "../../../lib/training/train.js";

export interface TaskConfig {
  quick: boolean;
  units: number;
  /** Sequences per setting (lag or k), training and test. */
  trainCount: number;
  testCount: number;
  /** Seed of the sequences (offset by the lag or k, and again for the test set). */
  dataSeed: number;
  /** Seed of the initial weights, the same for every cell. */
  weightSeed: number;
  training: TrainingConfig;
}

/** Quick mode: 128 sequences per setting for one epoch (two batches); seconds in all. */
export function quickTaskConfig<T extends TaskConfig>(config: T): T {
  return {...config, quick: true, trainCount: 128, testCount: 128, training: {...config.training, epochs: 1}};
}
