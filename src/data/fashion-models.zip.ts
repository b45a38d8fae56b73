// The practical's Fashion-MNIST models: the committed artifact models/fashion-models/, checked and packaged.
// Trained by `npm run train fashion-models` (src/data/lib/recipes/fashion-models.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/fashion-models.js";

await runLoader("fashion-models.zip", () => packageArtifact(recipe));
