// @vitest-environment jsdom
// Fetching on demand: the bytes arrive whole and in order, progress is the fraction of the
// files' stated sizes, one fetch serves every later call, a failure is shown and retried, and
// a load button waits for its press only once.
import {describe, expect, test} from "vitest";
import {loadButton, onDemand, readWithProgress, type SizedFile} from "../../src/ui/on-demand.js";

/** A response whose body arrives in the given chunks. */
function chunked(chunks: number[][], status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(Uint8Array.from(c));
      controller.close();
    }
  });
  return new Response(body, {status});
}

const file = (name: string, size: number): SizedFile => ({name, size, url: async () => `/files/${name}`});

describe("readWithProgress", () => {
  test("joins the chunks in order and reports the fraction of the expected size after each", async () => {
    const seen: number[] = [];
    const buffer = await readWithProgress(chunked([[1, 2], [3], [4, 5, 6, 7]]), 8, (f) => seen.push(f));
    expect([...new Uint8Array(buffer)]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen).toEqual([2 / 8, 3 / 8, 7 / 8, 1]);
  });

  test("never reports more than the whole when the file is larger than stated", async () => {
    const seen: number[] = [];
    await readWithProgress(
      chunked([
        [1, 2, 3],
        [4, 5]
      ]),
      2,
      (f) => seen.push(f)
    );
    expect(seen).toEqual([1, 1, 1]);
  });
});

describe("onDemand", () => {
  test("fetches nothing until asked, then once for every call, with a progress bar over both files", async () => {
    const urls: string[] = [];
    const bars: number[] = [];
    const data = onDemand([file("a.bin", 4), file("b.bin", 2)], "Images", async (url) => {
      urls.push(String(url));
      const bar = data.status.querySelector("progress");
      if (bar) bars.push(bar.value);
      return String(url).endsWith("a.bin")
        ? chunked([
            [1, 2],
            [3, 4]
          ])
        : chunked([[9, 8]]);
    });
    expect(urls).toEqual([]);
    expect(data.status.getAttribute("aria-live")).toBe("polite");
    const [first, second] = await Promise.all([data.load(), data.load()]);
    expect(first).toBe(second);
    expect(urls).toEqual(["/files/a.bin", "/files/b.bin"]);
    expect(first.map((b) => [...new Uint8Array(b)])).toEqual([
      [1, 2, 3, 4],
      [9, 8]
    ]);
    expect(bars[0]).toBe(0);
    expect(data.status.textContent).toBe("Images: 0.0 MB loaded.");
    await data.load();
    expect(urls).toHaveLength(2);
  });

  test("a failed fetch says why, and the next call fetches again", async () => {
    let calls = 0;
    const data = onDemand([file("a.bin", 2)], "Images", async () => (++calls === 1 ? chunked([], 404) : chunked([[5, 6]])));
    await expect(data.load()).rejects.toThrow("a.bin did not load (HTTP 404)");
    expect(data.status.textContent).toContain("Images failed: a.bin did not load (HTTP 404)");
    expect(data.status.className).toBe("caution");
    const [bytes] = await data.load();
    expect([...new Uint8Array(bytes)]).toEqual([5, 6]);
    expect(calls).toBe(2);
    expect(data.status.className).toBe("");
  });
});

describe("loadButton", () => {
  test("waits for the press once; after it, a re-run cell loads at once", async () => {
    const data = onDemand([file("a.bin", 1)], "Images", async () => chunked([[7]]));
    const {button, whenPressed} = loadButton("Show");
    let done = false;
    const first = whenPressed(data, new Promise(() => {})).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    button.click();
    expect((await first)?.length).toBe(1);
    expect(button.disabled).toBe(true);
    // Another dataset's cell: no second press needed.
    const other = onDemand([file("b.bin", 1)], "Other", async () => chunked([[8]]));
    const [bytes] = (await whenPressed(other, new Promise(() => {}))) ?? [];
    expect([...new Uint8Array(bytes)]).toEqual([8]);
  });

  test("an invalidated cell stops waiting with null; a failed load re-enables the button", async () => {
    const {button, whenPressed} = loadButton("Show");
    expect(await whenPressed(onDemand([], "None"), Promise.resolve())).toBeNull();
    let calls = 0;
    const flaky = onDemand([file("a.bin", 1)], "Images", async () => (++calls === 1 ? chunked([], 500) : chunked([[1]])));
    const result = whenPressed(flaky, new Promise(() => {}));
    button.click();
    await new Promise((r) => setTimeout(r, 10));
    expect(button.disabled).toBe(false);
    button.click();
    expect((await result)?.length).toBe(1);
    expect(calls).toBe(2);
  });

  test("values: null at once, the bytes after the press", async () => {
    const data = onDemand([file("a.bin", 1)], "Images", async () => chunked([[3]]));
    const {button, values} = loadButton("Show");
    const cell = values(data, new Promise(() => {}));
    expect((await cell.next()).value).toBeNull();
    const next = cell.next();
    button.click();
    const [bytes] = (await next).value ?? [];
    expect([...new Uint8Array(bytes)]).toEqual([3]);
    expect((await cell.next()).done).toBe(true);
  });
});
