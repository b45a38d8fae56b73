// The timing task: a standard and a peephole LSTM for every delay k: the committed artifact models/peephole/, checked and packaged. Trained by
// `npm run train peephole` (src/data/lib/recipes/peephole.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/peephole.js";

await runLoader("peephole.zip", () => packageArtifact(recipe));
