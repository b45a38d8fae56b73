// A CNN encoder and GRU decoder that spells an MNIST digit's name: the committed artifact models/digit-names/, checked and packaged. Trained by
// `npm run train digit-names` (src/data/lib/recipes/digit-names.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/digit-names.js";

await runLoader("digit-names.zip", () => packageArtifact(recipe));
