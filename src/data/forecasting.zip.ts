// Sequence-to-sequence RNN forecasters of two daily series: the committed artifact models/forecasting/, checked and packaged. Trained by
// `npm run train forecasting` (src/data/lib/recipes/forecasting.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/forecasting.js";

await runLoader("forecasting.zip", () => packageArtifact(recipe));
