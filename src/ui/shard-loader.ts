// Files of which a page needs only some at a time (the training shards of practical/train): each
// fetched once, when a call first asks for it, with a progress bar over what that call fetches.
import {readWithProgress, type SizedFile} from "./on-demand.js";
import {progressBar} from "./progress.js";

export interface ShardLoader {
  /** Shows the download's progress, then what has been fetched or why it failed (aria-live). */
  status: HTMLElement;
  /** The bytes of the shards asked for, in that order; each is fetched on the first call that asks for it. */
  load: (shards: readonly number[]) => Promise<ArrayBuffer[]>;
}

export function shardLoader(files: readonly SizedFile[], label: string, fetcher: typeof fetch = (...args) => fetch(...args)): ShardLoader {
  const status = document.createElement("div");
  status.setAttribute("aria-live", "polite");
  const megabytes = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const loaded = new Map<number, Promise<ArrayBuffer>>();
  const fetched = new Set<number>();
  const load = async (shards: readonly number[]) => {
    for (const k of shards) if (!files[k]) throw new Error(`${label}: there is no shard ${k} (${files.length} shards)`);
    const fresh = shards.filter((k) => !loaded.has(k));
    const total = fresh.reduce((sum, k) => sum + (files[k].size || 0), 0);
    const fractions = new Map(fresh.map((k) => [k, 0]));
    const show = () => {
      const done = fresh.reduce((sum, k) => sum + fractions.get(k)! * (files[k].size || 0), 0);
      status.replaceChildren(
        progressBar(total > 0 ? done / total : 0, `${label} (${fresh.length} of ${files.length} parts, ${megabytes(total)})`)
      );
    };
    if (fresh.length) {
      status.className = "";
      show();
    }
    for (const k of fresh) {
      const bytes = (async () => {
        const file = files[k];
        try {
          const response = await fetcher(await file.url());
          if (!response.ok) throw new Error(`${file.name} did not load (HTTP ${response.status})`);
          const bytes = await readWithProgress(response, file.size, (fraction) => {
            fractions.set(k, fraction);
            show();
          });
          fetched.add(k);
          return bytes;
        } catch (error) {
          loaded.delete(k); // the next call tries again
          throw error;
        }
      })();
      bytes.catch(() => {}); // a failure is reported once, below
      loaded.set(k, bytes);
    }
    try {
      const buffers = await Promise.all(shards.map((k) => loaded.get(k)!));
      const bytes = [...fetched].reduce((sum, k) => sum + (files[k].size || 0), 0);
      status.textContent = `${label}: ${fetched.size} of ${files.length} parts loaded (${megabytes(bytes)}).`;
      return buffers;
    } catch (error) {
      status.textContent = `${label} failed: ${(error as Error).message}. Press Start to try again.`;
      status.className = "caution";
      throw error;
    }
  };
  return {status, load};
}
