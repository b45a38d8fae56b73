import {describe, expect, test} from "vitest";
import {ACTION_BUDGET_BYTES, shardSplit, shardsNeeded, shardsWithin} from "../../../src/lib/training/training-shards.js";

describe("shardSplit", () => {
  test("shard 0 validates, the later shards train in order", () => {
    expect(shardSplit(2, 3)).toEqual({validation: [0, 1], train: [2, 3, 4, 5]});
    expect(shardSplit(2, 1)).toEqual({validation: [0, 1], train: []});
  });
});

describe("shardsNeeded", () => {
  test("the validation shard, then as many training shards as the images asked for fill", () => {
    expect(shardsNeeded(3000, 1000, 6)).toEqual([0, 1, 2, 3]);
    expect(shardsNeeded(3001, 1000, 6)).toEqual([0, 1, 2, 3, 4]);
    expect(shardsNeeded(1, 1000, 6)).toEqual([0, 1]);
    expect(shardsNeeded(5000, 1000, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(shardsNeeded(9000, 1000, 6)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("shardsWithin", () => {
  test("counts shards from the first while their sizes together stay within the budget", () => {
    expect(shardsWithin([400, 400, 400], 1000)).toBe(2);
    expect(shardsWithin([400, 400, 200], 1000)).toBe(3);
    expect(shardsWithin([1200, 100], 1000)).toBe(0);
    expect(shardsWithin([], 1000)).toBe(0);
    // Fashion-MNIST-like shards of ~440 KB gzipped: four fit in 2 MiB, five do not.
    expect(shardsWithin([434_330, 433_874, 439_088, 439_416, 441_275, 438_919])).toBe(4);
    expect(ACTION_BUDGET_BYTES).toBe(2 * 1024 * 1024);
  });
});
