// Browser builds of packages whose default entry fails in the browser: same APIs, no typings.
// tfjs: the plain package breaks on randomness in the browser; the prebundled ESM build works.
declare module "@tensorflow/tfjs/dist/tf.fesm.min.js" {
  export * from "@tensorflow/tfjs";
}
declare module "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js" {
  export * from "@tensorflow/tfjs-backend-wasm";
}
// Arquero's ES source imports node:fs for file streams, and Framework does not apply its
// "browser" field; the UMD build has no such import. Same API, as the default export.
declare module "arquero/dist/arquero.js" {
  import * as aq from "arquero";
  export default aq;
}
