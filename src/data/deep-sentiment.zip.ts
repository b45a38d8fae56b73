// IMDB sentiment with 1, 2 and 3 stacked LSTM layers: the committed artifact models/deep-sentiment/, checked and packaged. Trained by
// `npm run train deep-sentiment` (src/data/lib/recipes/deep-sentiment.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/deep-sentiment.js";

await runLoader("deep-sentiment.zip", () => packageArtifact(recipe));
