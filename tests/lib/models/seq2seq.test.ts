// The encoder–decoder machinery both sequence pages share (src/lib/models/seq2seq.ts):
// teacher-forcing arrays and the masked loss against hand computation; greedy decoding one at a
// time against the batched decoding; the step model against the training model (the same
// weights); models surviving the trip through model.json + weights.bin; the digit-name scores.
import {beforeAll, describe, expect, test} from "vitest";
import {pronounce, pronunciationModels, wordOneHot, LETTERS} from "../../../src/lib/models/pronunciation-model.js";
import {DIGIT_NAMES, NAME_LETTERS, nameIndices, scoreNames, spelled} from "../../../src/lib/models/digit-names-model.js";
import {greedyDecode, greedyDecodeBatch, sequenceCrossEntropy, teacherForcing, topCandidates} from "../../../src/lib/models/seq2seq.js";
import {layersModelFiles, loadLayersModelFromFiles} from "../../../src/lib/formats/model-files.js";
import {tf, useBackend} from "../../../src/data/lib/training/tf-node.js";
import {quietSave} from "../../../src/data/lib/training/seq2seq-training.js";
import type {Tensor} from "@tensorflow/tfjs";
import {seededRandom} from "../../../src/lib/core/random.js";

beforeAll(async () => void (await useBackend("wasm")));

describe("teacher forcing and the loss", () => {
  test("inputs START, s1…sn; targets s1…sn, END; mask on real steps only", () => {
    const {steps, input, target, mask} = teacherForcing([[3, 1], [2]], 4);
    expect(steps).toBe(3);
    const row = (i: number, t: number) => Array.from(input.subarray((i * 3 + t) * 4, (i * 3 + t + 1) * 4));
    expect([row(0, 0), row(0, 1), row(0, 2)]).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 1, 0, 0]
    ]);
    expect([row(1, 0), row(1, 1), row(1, 2)]).toEqual([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0]
    ]);
    expect(Array.from(target)).toEqual([3, 1, 0, 2, 0, 0]);
    expect(Array.from(mask)).toEqual([1, 1, 1, 1, 1, 0]);
  });

  test("sequenceCrossEntropy is the mean −log p(target) over unmasked steps", () => {
    const p = [
      [
        [0.1, 0.2, 0.7],
        [0.5, 0.25, 0.25]
      ],
      [
        [0.2, 0.6, 0.2],
        [0.3, 0.3, 0.4]
      ]
    ];
    const loss = tf.tidy(
      () =>
        sequenceCrossEntropy(
          tf,
          tf.tensor3d(p),
          tf.tensor2d(
            [
              [2, 0],
              [1, 2]
            ],
            [2, 2],
            "int32"
          ),
          tf.tensor2d([
            [1, 1],
            [1, 0]
          ])
        ).dataSync()[0]
    );
    expect(loss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.5) + Math.log(0.6)) / 3, 6);
  });

  test("topCandidates: most probable first, ties by index", () => {
    expect(topCandidates([0.1, 0.4, 0.1, 0.4], 3)).toEqual([
      {index: 1, probability: 0.4},
      {index: 3, probability: 0.4},
      {index: 0, probability: 0.1}
    ]);
  });
});

describe("decoding with untrained models (random weights: the rules, not the quality)", () => {
  const WORDS = ["CAT", "DOG", "PHOTOGRAPH", "AB", "QUEUE", "XYLOPHONE"];

  test("one word at a time equals the batched decoding; each step feeds back the previous choice", () => {
    const models = pronunciationModels(tf, {units: 12, seed: 3});
    const before = tf.memory().numTensors;
    for (const word of WORDS) {
      const one = pronounce(tf, models, word, {maxSteps: 10});
      const source = tf.tensor3d(wordOneHot(word), [1, word.length, LETTERS.length]);
      const batch = greedyDecodeBatch(tf, models.encoder, models.step, source, {maxSteps: 10});
      source.dispose();
      expect(one.symbols).toEqual(batch[0]);
      one.steps.forEach((step, t) => {
        expect(step.input).toBe(t === 0 ? 0 : one.steps[t - 1].chosen);
        expect(step.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(step.chosen).toBe(topCandidates(step.probabilities, 1)[0].index);
      });
      expect(one.ended).toBe(one.steps.at(-1)!.chosen === 0);
      expect(one.message).toHaveLength(12);
    }
    // Nothing left behind.
    expect(tf.memory().numTensors).toBe(before);
  });

  test("the step model, run step by step, gives the training model's teacher-forced probabilities", () => {
    const models = pronunciationModels(tf, {units: 10, seed: 8});
    // New weights set through the training model only: the encoder and step models must see them.
    const random = seededRandom(2);
    models.training.setWeights(
      models.training.getWeights().map((w) =>
        tf.tensor(
          Float32Array.from({length: w.size}, () => random() - 0.5),
          w.shape
        )
      )
    );
    const word = "TOMATO";
    const targets = [19, 12, 2, 19, 12]; // any phoneme ids: teacher forcing feeds them regardless
    const forcing = teacherForcing([targets], models.step.inputs[0].shape[2] as number);
    const width = models.step.inputs[0].shape[2] as number;
    const all = tf.tidy(
      () =>
        (
          models.training.predict([
            tf.tensor3d(wordOneHot(word), [1, word.length, 26]),
            tf.tensor3d(forcing.input, [1, forcing.steps, width])
          ]) as Tensor
        ).arraySync() as number[][][]
    );
    let state = tf.tidy(
      () => (models.encoder.predict(tf.tensor3d(wordOneHot(word), [1, word.length, 26])) as Tensor).dataSync() as Float32Array
    );
    for (let t = 0; t < forcing.steps; t++) {
      const [p, h] = tf.tidy(() => {
        const token = tf.tensor3d(forcing.input.subarray(t * width, (t + 1) * width), [1, 1, width]);
        const out = models.step.predict([token, tf.tensor2d(state, [1, state.length])]) as Tensor[];
        return [out[0].dataSync() as Float32Array, out[1].dataSync() as Float32Array];
      });
      p.forEach((v, k) => expect(Math.abs(v - all[0][t][k])).toBeLessThan(1e-5));
      state = h;
    }
  });

  test("the models survive model.json + weights.bin (the decoder's initial state included)", async () => {
    const models = pronunciationModels(tf, {units: 12, seed: 5});
    const encoderFiles = await quietSave(() => layersModelFiles(tf, models.encoder));
    const stepFiles = await quietSave(() => layersModelFiles(tf, models.step));
    const loaded = {
      encoder: await loadLayersModelFromFiles(tf, encoderFiles["model.json"], encoderFiles["weights.bin"]),
      step: await loadLayersModelFromFiles(tf, stepFiles["model.json"], stepFiles["weights.bin"])
    };
    for (const word of WORDS) {
      const a = pronounce(tf, models, word, {maxSteps: 10});
      const b = pronounce(tf, loaded, word, {maxSteps: 10});
      expect(b.symbols).toEqual(a.symbols);
      expect(Array.from(b.message)).toEqual(Array.from(a.message));
      // A decoder that ignored its initial state would not tell the words apart this way.
      expect(Array.from(b.steps[0].probabilities)).toEqual(Array.from(a.steps[0].probabilities));
    }
    const zeros = tf.tidy(() =>
      (loaded.step.predict([tf.oneHot(tf.tensor2d([[0]], [1, 1], "int32"), 40).toFloat(), tf.zeros([1, 12])]) as Tensor[])[0].dataSync()
    );
    const fromMessage = pronounce(tf, loaded, "CAT", {maxSteps: 1}).steps[0].probabilities;
    expect(Array.from(zeros)).not.toEqual(Array.from(fromMessage));
  });

  test("greedyDecode stops at maxSteps when END never wins", () => {
    const models = pronunciationModels(tf, {units: 6, seed: 1});
    const d = greedyDecode(tf, models.encoder, models.step, () => tf.tensor3d(wordOneHot("AB"), [1, 2, 26]), {maxSteps: 1});
    expect(d.steps).toHaveLength(1);
    expect(d.ended).toBe(d.steps[0].chosen === 0);
  });
});

describe("digit names", () => {
  test("15 letters; names spelled back from their indices", () => {
    expect(NAME_LETTERS.join("")).toBe("efghinorstuvwxz");
    for (const name of DIGIT_NAMES) expect(spelled(nameIndices(name))).toBe(name);
  });

  test("exact-name and character accuracy on hand-made decodings", () => {
    // labels 7, 6, 2, 4: "seven" right; "sevn" for six; "two" right; "fourr" for four.
    const scores = scoreNames(["seven", "sevn", "two", "fourr"], [7, 6, 2, 4]);
    // Characters with END: seven 6/6; six vs sevn: s right, i/e, x/v, END/n → 1/4; two 4/4; four vs fourr: f,o,u,r right, END/r → 4/5.
    expect(scores).toEqual({images: 4, exact: 2, characters: 6 + 4 + 4 + 5, charactersRight: 6 + 1 + 4 + 4, notAName: 2});
  });
});
