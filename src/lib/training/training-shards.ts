// How practical/train uses the training subset's shards (train-shard-K.bin, each the same number
// of images of every class): shard 0 validates, the others train in order, and a run fetches only
// the shards its training-set size needs.

/** The most one action of a page (a Start) may fetch, gzipped as a static host sends it. */
export const ACTION_BUDGET_BYTES = 2 * 2 ** 20;

/** How many shards, from shard 0 on, fit within `budget` gzipped bytes together. */
export function shardsWithin(gzipBytes: readonly number[], budget = ACTION_BUDGET_BYTES): number {
  let total = 0;
  let k = 0;
  while (k < gzipBytes.length && total + gzipBytes[k] <= budget) total += gzipBytes[k++];
  return k;
}

/** Shard 0's images validate; every later shard's train, in shard order. Indices into the shards laid end to end. */
export function shardSplit(shardSize: number, shards: number): {train: number[]; validation: number[]} {
  const validation = Array.from({length: Math.min(1, shards) * shardSize}, (_, i) => i);
  const train = Array.from({length: Math.max(0, shards - 1) * shardSize}, (_, i) => shardSize + i);
  return {train, validation};
}

/** The shards a run on the first `trainCount` training images needs: 0 (validation), then 1, 2, … */
export function shardsNeeded(trainCount: number, shardSize: number, shards: number): number[] {
  const training = Math.min(shards - 1, Math.ceil(Math.max(0, trainCount) / shardSize));
  return Array.from({length: training + 1}, (_, k) => k);
}
