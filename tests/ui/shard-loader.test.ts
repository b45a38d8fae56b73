// @vitest-environment jsdom
// Shards fetched when first asked for: each once, in the order asked, progress over what a call
// fetches, and a failed shard fetched again on the next call.
import {describe, expect, test} from "vitest";
import type {SizedFile} from "../../src/ui/on-demand.js";
import {shardLoader} from "../../src/ui/shard-loader.js";

const file = (name: string, size: number): SizedFile => ({name, size, url: async () => `/files/${name}`});
const files = [file("s0", 2), file("s1", 2), file("s2", 2)];

function fakeFetch(fail = new Set<string>()) {
  const asked: string[] = [];
  const fetcher = (async (url: string) => {
    asked.push(url);
    const name = url.split("/").pop()!;
    if (fail.has(name)) return new Response(null, {status: 404});
    const k = Number(name.slice(1));
    return new Response(Uint8Array.from([k, k]));
  }) as typeof fetch;
  return {asked, fetcher};
}

describe("shardLoader", () => {
  test("fetches only the shards asked for, each once, and returns them in the order asked", async () => {
    const {asked, fetcher} = fakeFetch();
    const loader = shardLoader(files, "Training images", fetcher);
    const first = await loader.load([0, 1]);
    expect(first.map((b) => new Uint8Array(b)[0])).toEqual([0, 1]);
    expect(asked).toEqual(["/files/s0", "/files/s1"]);
    expect(loader.status.textContent).toBe("Training images: 2 of 3 parts loaded (0.0 MB).");
    const second = await loader.load([2, 0]);
    expect(second.map((b) => new Uint8Array(b)[0])).toEqual([2, 0]);
    expect(asked).toEqual(["/files/s0", "/files/s1", "/files/s2"]);
  });

  test("a failure is shown, and the next call fetches the failed shard again", async () => {
    const fail = new Set(["s1"]);
    const {asked, fetcher} = fakeFetch(fail);
    const loader = shardLoader(files, "Training images", fetcher);
    await expect(loader.load([0, 1])).rejects.toThrow("s1 did not load (HTTP 404)");
    expect(loader.status.className).toBe("caution");
    expect(loader.status.textContent).toContain("Training images failed: s1 did not load (HTTP 404)");
    fail.clear();
    await loader.load([0, 1]);
    expect(asked).toEqual(["/files/s0", "/files/s1", "/files/s1"]);
    expect(loader.status.className).toBe("");
  });

  test("refuses a shard that does not exist", async () => {
    await expect(shardLoader(files, "Training images", fakeFetch().fetcher).load([3])).rejects.toThrow("there is no shard 3");
  });
});
