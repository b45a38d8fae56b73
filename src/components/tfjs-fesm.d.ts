// The prebundled ESM build of tfjs has no typings of its own; it is the same API.
declare module "@tensorflow/tfjs/dist/tf.fesm.js" {
  export * from "@tensorflow/tfjs";
}
declare module "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js" {
  export * from "@tensorflow/tfjs-backend-wasm";
}
