// The long-lag task: SimpleRNN, LSTM and GRU trained for every lag: the committed artifact models/long-lag/, checked and packaged. Trained by
// `npm run train long-lag` (src/data/lib/recipes/long-lag.ts); WORKBOOK_TRAIN=1 trains here instead.
import {packageArtifact} from "./lib/artifacts/package-artifact.js";
import {runLoader} from "./lib/loader.js";
import {recipe} from "./lib/recipes/long-lag.js";

await runLoader("long-lag.zip", () => packageArtifact(recipe));
