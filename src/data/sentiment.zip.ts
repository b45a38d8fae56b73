// IMDB sentiment: an embedding + LSTM network and the bag-of-words baseline: the committed artifact models/sentiment/, checked and packaged. Trained by
// `npm run train sentiment` (src/data/lib/recipes/sentiment.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/sentiment.js";

await runLoader("sentiment.zip", () => packageArtifact(recipe));
