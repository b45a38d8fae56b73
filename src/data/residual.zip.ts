// A 20-layer plain network and the same with identity shortcuts, on MNIST: the committed artifact models/residual/, checked and packaged. Trained by
// `npm run train residual` (src/data/lib/recipes/residual.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/residual.js";

await runLoader("residual.zip", () => packageArtifact(recipe));
