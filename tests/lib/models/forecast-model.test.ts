// The forecasting archive as the loader ships it (run here in quick mode): series and split as
// in the CSVs, models that load from their two members, and the step-by-step cell reproducing
// the tfjs model's outputs on the shipped weights, which is what the trajectories page draws.
import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import JSZip from "jszip";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {LayersModel} from "@tensorflow/tfjs";
import {forecastSteps, forecastWeights, sequenceForecasts} from "../../../src/lib/models/forecast-model.js";
import {forecastWeightsFromFiles} from "../../../src/lib/formats/forecast-model-files.js";
import {loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {scaled, transformed, type ForecastSeries} from "../../../src/lib/rnn/forecast-series.js";
import {testForecasts} from "../../../src/lib/rnn/forecast-evaluation.js";
import type {ForecasterMeta} from "../../../src/data/lib/training/forecast-training.js";
import {vegaDataDir} from "../../../src/data/lib/datasets/forecasting-data.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {maxAbsDiff, value} from "../../helpers/tensor-helpers.js";

const ROOT = resolve(import.meta.dirname, "../../..");
let zip: JSZip;
const models = new Map<string, LayersModel>();

beforeAll(async () => {
  await useBackend("wasm");
  const bytes = execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["src/data/forecasting.zip.ts"], {
    cwd: ROOT,
    env: {...process.env, WORKBOOK_QUICK: "1"},
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "ignore"]
  });
  zip = await JSZip.loadAsync(bytes);
}, 120_000);

afterAll(() => models.forEach((m) => m.dispose()));

async function member(name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no member ${name}`);
  return file.async("string");
}

async function shipped(id: string) {
  const series = JSON.parse(await member(`${id}/series.json`)) as ForecastSeries;
  const meta = JSON.parse(await member(`${id}/meta.json`)) as ForecasterMeta;
  const weights = await zip.file(`${id}/weights.bin`)!.async("uint8array");
  if (!models.has(id)) models.set(id, await loadLayersModelFromFiles(tf, JSON.parse(await member(`${id}/model.json`)), weights));
  return {series, meta, weights, model: models.get(id)!};
}

describe.each(["sp500", "seattle"])("the shipped %s forecaster", (id) => {
  test("its series is the CSV's, split by date, and its metrics say quick mode", async () => {
    const {series, meta} = await shipped(id);
    const csv = readFileSync(join(vegaDataDir(), id === "sp500" ? "sp500-2000.csv" : "seattle-weather.csv"), "utf8")
      .trim()
      .split("\n");
    expect(series.dates.length).toBe(csv.length - 1);
    expect(series.dates[series.testStart - 1] < series.dates[series.testStart]).toBe(true);
    expect(meta.split.testFrom).toBe(series.dates[series.testStart]);
    expect(meta.config.quick).toBe(true);
    expect(meta.lossHistory.every(Number.isFinite)).toBe(true);
    expect(meta.test.rows.map((r) => r.model)).toEqual(["RNN", "naive", "AR"]);
  });

  test("the step-by-step cell reproduces model.predict on the shipped weights (1e-5)", async () => {
    const {series, meta, model, weights: bytes} = await shipped(id);
    const z = scaled(transformed(series), meta.scaling);
    // Read from the files without tfjs, as the trajectories page does; the same as the model's.
    const weights = forecastWeightsFromFiles(JSON.parse(await member(`${id}/model.json`)), bytes);
    expect(weights).toEqual(forecastWeights(model));
    // A year of the test period and a short window from the start of training.
    for (const [start, length] of [
      [series.testStart, 250],
      [1, 7]
    ]) {
      const window = z.subarray(start, start + length);
      const expected = sequenceForecasts(tf, model, window);
      const steps = forecastSteps(window, weights);
      expect(steps.h).toHaveLength(length);
      expect(maxAbsDiff(steps.output, expected)).toBeLessThan(1e-5);
    }
    // Negative control: a perturbed recurrent weight is detected.
    const broken = forecastWeights(model);
    (broken.cell.recurrentKernel[0] as Float32Array)[0] += 0.05;
    const window = z.subarray(series.testStart, series.testStart + 60);
    expect(maxAbsDiff(forecastSteps(window, broken).output, sequenceForecasts(tf, model, window))).toBeGreaterThan(1e-4);
  });

  test("the loaded model scores the test period exactly as the loader did", async () => {
    const {series, meta, model} = await shipped(id);
    const result = value(testForecasts(tf, model, series, meta.scaling, meta.test.window));
    result.errors.forEach((row, k) => {
      expect(row.model).toBe(meta.test.rows[k].model);
      expect(row.mae).toBeCloseTo(meta.test.rows[k].mae, 6);
      expect(row.rmse).toBeCloseTo(meta.test.rows[k].rmse, 6);
    });
  });
});

test("a weights file that does not fit model.json is refused", async () => {
  const json = JSON.parse(await member("seattle/model.json"));
  const weights = await zip.file("seattle/weights.bin")!.async("uint8array");
  expect(() => forecastWeightsFromFiles(json, weights.subarray(4))).toThrow(/weights.bin has \d+ bytes, but model.json describes \d+/);
  expect(() => forecastWeightsFromFiles({}, weights)).toThrow(/not a tfjs layers model/);
  const renamed = JSON.parse(JSON.stringify(json).replace("rnn/bias", "rnn/b"));
  expect(() => forecastWeightsFromFiles(renamed, weights)).toThrow(/model.json has no weight "rnn\/bias"/);
});
