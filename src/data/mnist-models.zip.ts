// Trained MNIST models (softmax regression, MLP, k-NN, CNN): weights and metrics for the pages.
// The models and their training are in src/lib/models/zoo.ts; set WORKBOOK_QUICK=1 for
// a quick run (see src/data/lib/training/model-training.ts for every setting).
import {runLoader} from "./lib/loader.js";
import {trainModelsArchive} from "./lib/training/model-training.js";

await runLoader("mnist-models.zip", () => trainModelsArchive("mnist"));
