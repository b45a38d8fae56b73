// Data a page needs only after the reader acts (a gallery's images, a training set): fetched on
// the first call, with a progress bar, so the page's first view never waits for it.
import {actionButton, nextClick} from "./action-button.js";
import {progressBar} from "./progress.js";

/** What a Framework FileAttachment offers: its URL and its size in bytes as served uncompressed. */
export interface SizedFile {
  name: string;
  size: number;
  url(): Promise<string>;
}

/**
 * Reads a response's body whole, telling `onProgress` the fraction read. The fraction is of
 * `expected` (the file's uncompressed size): a host that gzips sends no usable Content-Length.
 */
export async function readWithProgress(response: Response, expected: number, onProgress: (fraction: number) => void): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (expected > 0) onProgress(Math.min(1, received / expected));
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  onProgress(1);
  return bytes.buffer;
}

export interface OnDemand {
  /** Shows the download's progress, then what it fetched or why it failed (aria-live). */
  status: HTMLElement;
  /** The bytes of every file, in order; the first call fetches them, later calls share its promise. */
  load: () => Promise<ArrayBuffer[]>;
}

/** Files fetched together on the first `load()`, one progress bar over all their bytes. */
export function onDemand(files: SizedFile[], label: string, fetcher: typeof fetch = (...args) => fetch(...args)): OnDemand {
  const status = document.createElement("div");
  status.setAttribute("aria-live", "polite");
  const total = files.reduce((sum, f) => sum + (f.size || 0), 0);
  const megabytes = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  let loading: Promise<ArrayBuffer[]> | null = null;
  const load = () => {
    loading ??= (async () => {
      const fractions = files.map(() => 0);
      const show = () => {
        const done = files.reduce((sum, f, i) => sum + fractions[i] * (f.size || 0), 0);
        status.replaceChildren(progressBar(total > 0 ? done / total : 0, `${label} (${megabytes(total)})`));
      };
      status.className = "";
      show();
      try {
        const buffers = await Promise.all(
          files.map(async (file, i) => {
            const response = await fetcher(await file.url());
            if (!response.ok) throw new Error(`${file.name} did not load (HTTP ${response.status})`);
            return readWithProgress(response, file.size, (fraction) => {
              fractions[i] = fraction;
              show();
            });
          })
        );
        status.textContent = `${label}: ${megabytes(buffers.reduce((sum, b) => sum + b.byteLength, 0))} loaded.`;
        return buffers;
      } catch (error) {
        loading = null; // the next call tries again
        status.textContent = `${label} failed: ${(error as Error).message}. Press the button to try again.`;
        status.className = "caution";
        throw error;
      }
    })();
    return loading;
  };
  return {status, load};
}

export interface LoadButton {
  button: HTMLButtonElement;
  /** The files' bytes once the button has been pressed (at once if it was pressed before, as when
   * a cell re-runs for another dataset), or null if `until` (the cell's invalidation) came first. */
  whenPressed: (data: OnDemand, until: Promise<unknown>) => Promise<ArrayBuffer[] | null>;
  /** For a cell's value: null at once (a pending cell would show Framework's loading spinner
   * where the data's views go), then the bytes once the button has been pressed. */
  values: (data: OnDemand, until: Promise<unknown>) => AsyncGenerator<ArrayBuffer[] | null>;
}

/** A button that fetches an OnDemand's files; a failed fetch re-enables it for another try. */
export function loadButton(label: string): LoadButton {
  const button = actionButton(label);
  let pressed = false;
  button.addEventListener("click", () => (pressed = true));
  const whenPressed = async (data: OnDemand, until: Promise<unknown>) => {
    for (;;) {
      if (!pressed && !(await nextClick(button, until))) return null;
      button.disabled = true;
      try {
        return await data.load();
      } catch {
        pressed = false;
        button.disabled = false;
      }
    }
  };
  async function* values(data: OnDemand, until: Promise<unknown>) {
    yield null;
    const bytes = await whenPressed(data, until);
    if (bytes) yield bytes;
  }
  return {button, whenPressed, values};
}
