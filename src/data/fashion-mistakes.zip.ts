// The Fashion-MNIST test images that any of the practical's four committed models got wrong: what the
// galleries of practical/models can show, so the page fetches them instead of the whole test set.
import {mistakeArchive} from "./lib/datasets/mistake-archive.js";
import {readFashionMnist} from "./lib/datasets/datasets.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/fashion-models.js";

await runLoader("fashion-mistakes.zip", () => mistakeArchive(readFashionMnist(), recipe));
