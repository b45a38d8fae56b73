// The forecasting page's data and models: the two real daily series (vega-datasets), split by
// date, and for each a small sequence-to-sequence RNN trained here on the wasm backend, with
// its held-out errors beside the naive and autoregressive baselines. WORKBOOK_QUICK=1 trains
// for a few seconds only (tests); meta.json says so and the page shows it.
//   members: <id>/series.json, <id>/meta.json, <id>/model.json, <id>/weights.bin
import type {Recipe} from "../artifacts/recipe.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {FULL_CONFIG, quickConfig, trainForecaster} from "../training/forecast-training.js";
import {readForecastSeries} from "../datasets/forecasting-data.js";
import {quickMode} from "../training/quick-mode.js";
import {useBackend} from "../training/tf-node.js";

async function train(): Promise<ArchiveMembers> {
  const quick = quickMode();
  const tf = await useBackend("wasm");
  const members: ArchiveMembers = {};
  for (const series of readForecastSeries()) {
    const config = quick ? quickConfig(FULL_CONFIG[series.id]) : {...FULL_CONFIG[series.id], quick: false};
    const {model, meta} = await trainForecaster(tf, series, config);
    const files = await layersModelFiles(tf, model);
    disposeModel(model);
    process.stderr.write(
      `forecasting.zip: ${series.id} trained in ${meta.trainingSeconds.toFixed(1)} s${quick ? " (quick)" : ""}; test ${meta.test.rows.map((r) => `${r.model} MAE ${r.mae.toFixed(3)}`).join(", ")}\n`
    );
    members[`${series.id}/series.json`] = JSON.stringify(series);
    members[`${series.id}/meta.json`] = JSON.stringify(meta);
    members[`${series.id}/model.json`] = files["model.json"];
    members[`${series.id}/weights.bin`] = files["weights.bin"];
  }
  return members;
}

export const recipe: Recipe = {
  id: "forecasting",
  description: "Sequence-to-sequence RNN forecasters of two daily series",
  datasets: ["vega-datasets"],
  config: FULL_CONFIG,
  train
};
