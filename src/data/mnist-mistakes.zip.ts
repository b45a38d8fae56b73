// The MNIST test images that any of the practical's four committed models got wrong: what the
// galleries of practical/models can show, so the page fetches them instead of the whole test set.
import {mistakeArchive} from "./lib/datasets/mistake-archive.js";
import {readMnist} from "./lib/datasets/datasets.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/mnist-models.js";

await runLoader("mnist-mistakes.zip", () => mistakeArchive(readMnist(), recipe));
