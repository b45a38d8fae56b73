import {describe, expect, test} from "vitest";
import {shardSplit, shardsNeeded} from "../../../src/lib/training/training-shards.js";

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
