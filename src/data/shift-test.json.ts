// The shift test of the practical's MNIST models (src/data/lib/shift-test.ts): accuracy on the
// test images moved 0–6 pixels, plain and re-centred, scored from the committed models.
import {runLoader} from "./lib/loader.js";
import {shiftTestReport} from "./lib/shift-test.js";

await runLoader("shift-test.json", async () => JSON.stringify(await shiftTestReport()));
