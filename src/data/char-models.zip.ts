// Character-level LSTM (Moby Dick, State of the Union) and GRU (Moby Dick) language models, with the quiz's passages: the committed artifact models/char-models/, checked and packaged. Trained by
// `npm run train char-models` (src/data/lib/recipes/char-models.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/char-models.js";

await runLoader("char-models.zip", () => packageArtifact(recipe));
