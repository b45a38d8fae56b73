// The forecasting page's data and models: the two real daily series (vega-datasets), split by
// date, and for each a small sequence-to-sequence RNN trained here on the wasm backend, with
// its held-out errors beside the naive and autoregressive baselines. WORKBOOK_QUICK=1 trains
// for a few seconds only (tests); meta.json says so and the page shows it.
//   members: <id>/series.json, <id>/meta.json, <id>/model.json, <id>/weights.bin
import {layersModelFiles} from "../lib/formats/model-files.js";
import {disposeModel} from "../lib/training/dispose-model.js";
import {zipMembers, type ArchiveMembers} from "./lib/datasets/dataset-archive.js";
import {FULL_CONFIG, quickConfig, trainForecaster} from "./lib/training/forecast-training.js";
import {readForecastSeries} from "./lib/datasets/forecasting-data.js";
import {runLoader} from "./lib/loader.js";
import {quickMode} from "./lib/training/quick-mode.js";
import {useBackend} from "./lib/training/tf-node.js";

await runLoader("forecasting.zip", async () => {
  const quick = quickMode();
  const tf = await useBackend("wasm");
  const members: ArchiveMembers = {};
  for (const series of readForecastSeries()) {
    const config = quick ? quickConfig(FULL_CONFIG[series.id]) : {...FULL_CONFIG[series.id], quick: false};
    const {model, meta} = await trainForecaster(tf, series, config);
    const files = await layersModelFiles(tf, model);
    disposeModel(model);
    process.stderr.write(`forecasting.zip: ${series.id} trained in ${meta.trainingSeconds.toFixed(1)} s${quick ? " (quick)" : ""}; test ${meta.test.rows.map((r) => `${r.model} MAE ${r.mae.toFixed(3)}`).join(", ")}\n`);
    members[`${series.id}/series.json`] = JSON.stringify(series);
    members[`${series.id}/meta.json`] = JSON.stringify(meta);
    members[`${series.id}/model.json`] = files["model.json"];
    members[`${series.id}/weights.bin`] = files["weights.bin"];
  }
  return zipMembers(members);
});
