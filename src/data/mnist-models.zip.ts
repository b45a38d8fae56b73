// The practical's MNIST models: the committed artifact models/mnist-models/, checked and packaged.
// Trained by `npm run train mnist-models` (src/data/lib/recipes/mnist-models.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/mnist-models.js";

await runLoader("mnist-models.zip", () => packageArtifact(recipe));
