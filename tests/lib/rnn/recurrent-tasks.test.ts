// The long-lag and timing task generators on hand-made fixtures (a scripted "random" sequence, so
// every expected number is written out), the pulse scoring on hand-made outputs, and the two
// loaders in quick mode: members, shapes, parameter counts from the formulas, and the shipped
// peephole models reloading and predicting what the metrics say.
import JSZip from "jszip";
import {beforeAll, describe, expect, it} from "vitest";
import {definePeepholeLstm} from "../../../src/lib/models/peephole-lstm.js";
import {loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {longLagSet, scorePulses, timingSequence, timingSet} from "../../../src/lib/rnn/recurrent-tasks.js";
import {seededRandom} from "../../../src/lib/core/random.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {runLoader} from "../../helpers/run-loader.js";

/** A "random" generator that plays back the given numbers. */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error("script ran out");
    return values[i++];
  };
}

describe("longLagSet", () => {
  it("marks step 0's symbol and draws every later symbol from the same alphabet (fixture)", () => {
    // Two sequences, lag 2, 3 classes: channels [s0 s1 s2 | marker]; one draw per step.
    const set = longLagSet(scripted([0.7, 0.1, 0.4, 0.2, 0.9, 0.5]), {lag: 2, count: 2, classes: 3});
    expect(set.steps).toBe(3);
    expect(set.channels).toBe(4);
    expect(Array.from(set.labels)).toEqual([2, 0]);
    expect(Array.from(set.lastSymbols)).toEqual([1, 1]);
    // prettier-ignore
    expect(Array.from(set.x)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it("is one-hot over the symbols at every step, marked at step 0 only, seeded, and balanced enough", () => {
    const a = longLagSet(seededRandom(5), {lag: 20, count: 400});
    const b = longLagSet(seededRandom(5), {lag: 20, count: 400});
    expect(a.x).toEqual(b.x);
    let later = 0;
    for (let n = 0; n < a.count; n++) {
      for (let t = 0; t < a.steps; t++) {
        const row = a.x.subarray((n * a.steps + t) * a.channels, (n * a.steps + t + 1) * a.channels);
        const symbols = row.subarray(0, a.classes);
        expect(symbols.reduce((s, v) => s + v, 0)).toBe(1);
        expect(row[a.classes]).toBe(t === 0 ? 1 : 0);
        if (t === 0) expect(symbols.indexOf(1)).toBe(a.labels[n]);
        else if (symbols.indexOf(1) === a.labels[n]) later++;
      }
    }
    // The label's own symbol turns up again later about 1/classes of the time: no channel is free of distractors.
    expect(later / (a.count * a.lag)).toBeCloseTo(0.25, 1);
    const counts = [0, 1, 2, 3].map((c) => a.labels.filter((l) => l === c).length);
    for (const c of counts) expect(c).toBeGreaterThan(70);
  });

  it("rejects bad sizes with a message", () => {
    expect(() => longLagSet(seededRandom(1), {lag: 0, count: 1})).toThrow(/lag/);
    expect(() => longLagSet(seededRandom(1), {lag: 3, count: 1.5})).toThrow(/count/);
    expect(() => longLagSet(seededRandom(1), {lag: 3, count: 1, classes: 1})).toThrow(/classes/);
  });
});

describe("timingSet and scorePulses", () => {
  it("puts the pulse exactly k steps after the cue (fixture)", () => {
    // cueWindow 4, k 2, tail 1: 7 steps; cues from floor(draw · 4).
    const set = timingSet(scripted([0.3, 0.99]), {k: 2, count: 2, cueWindow: 4, tail: 1});
    expect(set.steps).toBe(7);
    expect(Array.from(set.cues)).toEqual([1, 3]);
    expect(Array.from(set.x)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(set.y)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    const one = timingSequence(2, 3, 7);
    expect(Array.from(one.x)).toEqual(Array.from(set.x.subarray(7)));
    expect(Array.from(one.y)).toEqual(Array.from(set.y.subarray(7)));
    expect(() => timingSet(seededRandom(1), {k: 0, count: 1})).toThrow(/k must/);
  });

  it("scores exact, late and doubled pulses", () => {
    const set = {k: 2, count: 3, steps: 6, cues: Uint16Array.from([0, 1, 0])};
    // prettier-ignore
    const outputs = [
      0.1,
      0.2,
      0.9,
      0.1,
      0.0,
      0.0, // exact: target 2
      0.0,
      0.0,
      0.3,
      0.4,
      0.8,
      0.1, // late by one: target 3, peak at 4
      0.0,
      0.1,
      0.7,
      0.6,
      0.0,
      0.0 // on time, but a second step above 0.5
    ];
    const score = scorePulses(outputs, set);
    expect(score.exact).toBeCloseTo(1 / 3, 10);
    expect(score.peakOnTime).toBeCloseTo(2 / 3, 10);
    expect(score.meanTimingError).toBeCloseTo(1 / 3, 10);
    expect(() => scorePulses([0, 1], set)).toThrow(/outputs/);
  });
});

async function quickArchive(file: string) {
  const {code, stdout, stderr} = await runLoader(file, {WORKBOOK_QUICK: "1"});
  if (code !== 0) throw new Error(`${file} failed: ${stderr}`);
  return JSZip.loadAsync(stdout);
}

/** Trainable numbers of one recurrent layer with `gates` blocks plus a dense read-out. */
const parameters = (gates: number, input: number, units: number, outputs: number, extra = 0) =>
  gates * (input * units + units * units + units) + extra + units * outputs + outputs;

describe("loaders in quick mode", () => {
  beforeAll(async () => void (await useBackend("wasm")));

  it("long-lag.zip: every lag and cell under both recipes, the control, gradients; marked quick, parameters as the formulas say", async () => {
    const zip = await quickArchive("long-lag.zip.ts");
    expect(Object.keys(zip.files)).toEqual(["metrics.json"]);
    const m = JSON.parse(await zip.file("metrics.json")!.async("string"));
    expect(m.format).toBe("workbook-long-lag");
    expect(m.version).toBe(3);
    expect(m.quick).toBe(true);
    expect(m.task.lags).toEqual([5, 10, 20, 50, 100, 200]);
    expect(m.task.chance).toBe(0.25);
    expect(m.task.baselines.map((b: {lag: number}) => b.lag)).toEqual(m.task.lags);
    for (const b of m.task.baselines) for (const v of [b.majority, b.lastSymbol]) expect(v).toBeGreaterThan(0.1);
    expect(m.recipes.map((r: {id: string}) => r.id)).toEqual(["defaults", "standard"]);
    const units = m.training.units;
    const input = m.task.classes + 1;
    for (const recipe of m.recipes) {
      expect(recipe.runs).toHaveLength(18);
      expect(Object.fromEntries(recipe.cells.map((c: {cell: string; parameters: number}) => [c.cell, c.parameters]))).toEqual({
        simpleRNN: parameters(1, input, units, 4),
        lstm: parameters(4, input, units, 4),
        gru: parameters(3, input, units, 4)
      });
      for (const run of recipe.runs) {
        expect(run.testAccuracy).toBeGreaterThanOrEqual(0);
        expect(run.testAccuracy).toBeLessThanOrEqual(1);
        expect(run.epochs).toHaveLength(m.training.epochs);
        expect(run.trainingSeconds).toBeGreaterThan(0);
      }
      for (const c of recipe.cells) expect(Object.keys(c.secondsPerEpoch).map(Number)).toEqual(m.task.lags);
      expect(recipe.gradients.map((g: {cell: string}) => g.cell)).toEqual(["simpleRNN", "lstm", "gru"]);
      for (const g of recipe.gradients) {
        expect(g.initial).toHaveLength(m.gradientLag + 1);
        expect(g.trained).toHaveLength(m.gradientLag + 1);
      }
    }
    expect(m.recipes[1]).toMatchObject({gates: "sigmoid", forgetBias: true, chrono: 200});
    expect(m.recipes[1].training.clipNorm).toBeGreaterThan(0);
    // The control: the standard recipe with bias 1 in place of chrono, as many steps as one lag.
    expect(m.control.steps).toBe(m.training.epochs * m.training.batchesPerEpoch);
    expect(m.control.runs.map((r: {cell: string; lag: number}) => [r.cell, r.lag])).toEqual([
      ["lstm", 100],
      ["gru", 100]
    ]);
  }, 180_000);

  it("peephole.zip: both models for every k; the shipped peephole models reload and score as the metrics say", async () => {
    const zip = await quickArchive("peephole.zip.ts");
    const m = JSON.parse(await zip.file("metrics.json")!.async("string"));
    expect(m.format).toBe("workbook-peephole");
    expect(m.quick).toBe(true);
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir)
      .sort();
    expect(names).toEqual(
      [
        "metrics.json",
        ...m.task.ks.flatMap((k: number) => ["lstm", "peephole"].flatMap((c) => [`${c}-k${k}/model.json`, `${c}-k${k}/weights.bin`]))
      ].sort()
    );
    const units = m.training.units;
    expect(Object.fromEntries(m.cells.map((c: {cell: string; parameters: number}) => [c.cell, c.parameters]))).toEqual({
      lstm: parameters(4, 1, units, 1),
      peephole: parameters(4, 1, units, 1, 3 * units)
    });
    definePeepholeLstm(tf);
    const k = m.task.ks[0];
    const model = await loadLayersModelFromFiles(
      tf,
      await zip.file(`peephole-k${k}/model.json`)!.async("string"),
      await zip.file(`peephole-k${k}/weights.bin`)!.async("uint8array")
    );
    const steps = m.task.cueWindow + k + m.task.tail;
    const {x} = timingSequence(k, 2, steps);
    const out = tf.tidy(() => (model.predict(tf.tensor3d(x, [1, steps, 1])) as tf.Tensor).dataSync());
    expect(out.length).toBe(steps);
    for (const v of out) expect(v >= 0 && v <= 1).toBe(true);
    model.dispose();
  }, 120_000);
});
