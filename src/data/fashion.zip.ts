// Fashion-MNIST (package fashion-mnist) with its seeded, stratified split, as small binary members.
import {datasetMembers, zipMembers} from "./lib/datasets/dataset-archive.js";
import {readFashionMnist} from "./lib/datasets/datasets.js";
import {runLoader} from "./lib/loader.js";

await runLoader("fashion.zip", () => zipMembers(datasetMembers(readFashionMnist()).members));
