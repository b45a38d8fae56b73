// The tfjs namespace as a type. Code shared by loaders (Node) and pages (browser) takes `tf`
// from its caller instead of importing it, because each side must import a different build
// (see tf-browser.ts and src/data/lib/training/tf-node.ts).
export type TF = typeof import("@tensorflow/tfjs");
