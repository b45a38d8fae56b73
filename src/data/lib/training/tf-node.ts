// tfjs for Node (loaders, tests, benchmarks). The plain packages work in Node; the browser
// must use the prebundled build instead (src/ui/tf-browser.ts).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

export {tf};

/** Switch to a backend ("wasm" is the fast one here; "cpu" is pure JavaScript) and wait for it. */
export async function useBackend(name: "wasm" | "cpu" = "wasm"): Promise<typeof tf> {
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend "${name}" failed to initialise`);
  }
  await tf.ready();
  return tf;
}
