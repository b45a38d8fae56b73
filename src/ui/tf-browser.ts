// tfjs for the pages (minified builds: a third of the bytes). The plain "@tensorflow/tfjs" package breaks in the browser as soon as
// anything random runs ("alea is not a function"); the prebundled ESM build works. The wasm
// backend comes from its own prebundled build, with the .wasm files resolved so that
// Framework copies them into dist/.
import * as tf from "@tensorflow/tfjs/dist/tf.fesm.min.js";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js";

setWasmPaths({
  "tfjs-backend-wasm.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"),
  "tfjs-backend-wasm-simd.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"),
  "tfjs-backend-wasm-threaded-simd.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm")
});

export {tf};

export type BackendName = "webgl" | "wasm" | "cpu";

/**
 * Use the first backend that initialises: webgl (a real GPU) by default, then wasm, then
 * pure-JavaScript cpu. Returns the name of the backend in use.
 */
export async function chooseBackend(preference: BackendName[] = ["webgl", "wasm", "cpu"]): Promise<BackendName> {
  // ?backend=cpu (or wasm, webgl) in the address puts that backend first: the benchmark measures
  // every page on the same backend this way, and a reader can compare them.
  const asked = typeof location === "undefined" ? null : new URLSearchParams(location.search).get("backend");
  const known = preference.includes(asked as BackendName) || asked === "cpu" ? (asked as BackendName) : null;
  const order: BackendName[] = known ? [known, ...preference.filter((n) => n !== known)] : preference;
  for (const name of order) {
    if (tf.getBackend() === name) return name;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // Not available here (no WebGL context, no WebAssembly): try the next one.
    }
  }
  throw new Error(`none of the tfjs backends ${preference.join(", ")} could start in this browser`);
}
