// Spelling to pronunciation: a GRU encoder–decoder on the CMU dictionary: the committed artifact models/pronunciation/, checked and packaged. Trained by
// `npm run train pronunciation` (src/data/lib/recipes/pronunciation.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/pronunciation.js";

await runLoader("pronunciation.zip", () => packageArtifact(recipe));
