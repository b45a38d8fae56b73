// Which shipped models carry lighter weights than training wrote, per recipe: the folders whose
// model.json + weights.bin are converted when a loader packages them, every weight to float16
// but those named in uint8 (8-bit affine). The committed artifact in models/ stays float32, as
// training wrote it. An entry belongs here only when
// tests/data/lib/artifacts/light-weights-accuracy.test.ts measures that the conversion moves the
// model's test score by at most LIGHT_TOLERANCE (held-out bits per character by at most
// BITS_TOLERANCE in tests/helpers/light-scores.ts).
import {lightModelFiles} from "../../../lib/formats/model-files.js";
import {memberText, type ArchiveMembers} from "../datasets/dataset-archive.js";

export interface LightModel {
  folder: string;
  /** Weights stored as uint8 instead of float16. */
  uint8?: readonly string[];
}

export const LIGHT_MODELS: Readonly<Record<string, readonly LightModel[]>> = {
  // The embedding is 10,000 × 32 of the LSTM's 333,218 weights: 8 bits each brings the page under 1 MiB.
  sentiment: [{folder: "lstm", uint8: ["embedding/embeddings"]}],
  "deep-sentiment": [{folder: "depth-1"}, {folder: "depth-2"}, {folder: "depth-3"}],
  // Pages load one or two of these at first view (the gate pages, generation, the quiz).
  "char-models": [{folder: "moby-lstm"}, {folder: "sotu-lstm"}, {folder: "moby-gru"}],
  // The CNN of the drawing, saliency and localisation pages (and the practical pages' zoo).
  "mnist-models": [{folder: "cnn"}],
  // Encoder and decoder run as one network, so both go light; the page says so where its
  // decoding of a held-out word differs from the one the build quotes (float32).
  pronunciation: [{folder: "encoder"}, {folder: "decoder"}]
};

/** The most a light model's test score may move from the float32 one's: 0.05 points. */
export const LIGHT_TOLERANCE = 0.0005;

/** The members with the listed folders' weights made light; a folder without a model is an error. */
export function withLightWeights(members: ArchiveMembers, models: readonly LightModel[]): ArchiveMembers {
  const out = {...members};
  for (const {folder, uint8} of models) {
    const json = members[`${folder}/model.json`];
    const weights = members[`${folder}/weights.bin`];
    if (json === undefined || !(weights instanceof Uint8Array))
      throw new Error(`light packaging: ${folder}/model.json and ${folder}/weights.bin are not both members`);
    const light = lightModelFiles(memberText(json), weights, {uint8});
    out[`${folder}/model.json`] = light["model.json"];
    out[`${folder}/weights.bin`] = light["weights.bin"];
  }
  return out;
}

/**
 * Fields a page never reads, left out of JSON members when packaged: a character model's
 * epochs[].sample repeats samples[].text (the recipe builds one from the other), and at 200
 * epochs it is a third of the metrics file the generation page loads first; epochs[].bitsPerChar
 * repeats bitsPerChar[], and no page reads epochs[].trainBitsPerChar or epochs[].seconds (the
 * pages read epochs.length and the last epoch's learningRate).
 */
export interface DroppedField {
  /** Members it applies to. */
  members: RegExp;
  /** An array at the top level of the member, and the field dropped from each of its elements. */
  array: string;
  field: string;
}

const CHAR_METRICS = /^[a-z]+-(lstm|gru)\/metrics\.json$/;

export const DROPPED_FIELDS: Readonly<Record<string, readonly DroppedField[]>> = {
  "char-models": ["sample", "bitsPerChar", "trainBitsPerChar", "seconds"].map((field) => ({members: CHAR_METRICS, array: "epochs", field}))
};

/**
 * Top-level fields moved out of a JSON member into a member of their own beside it, which a page
 * fetches only when the reader asks: a character model's samples after each epoch (200 of them,
 * 45 KB, for the Moby Dick LSTM), which the generation page shows on a button press.
 */
export interface MovedField {
  /** Members it applies to. */
  members: RegExp;
  field: string;
  /** The new member's name, in the same folder. */
  to: string;
}

export const MOVED_FIELDS: Readonly<Record<string, readonly MovedField[]>> = {
  "char-models": [{members: CHAR_METRICS, field: "samples", to: "samples.json"}]
};

/** The members with each listed field moved to its own member; a member that lacks the field, or a name already taken, is an error. */
export function withFieldsMoved(members: ArchiveMembers, moved: readonly MovedField[]): ArchiveMembers {
  const out = {...members};
  for (const {members: pattern, field, to} of moved) {
    for (const name of Object.keys(members).filter((n) => pattern.test(n))) {
      const value = JSON.parse(memberText(out[name])) as Record<string, unknown>;
      if (!(field in value)) throw new Error(`packaging: ${name} has no field ${field} to move`);
      const target = name.replace(/[^/]*$/, to);
      if (target in out) throw new Error(`packaging: ${target} is already a member`);
      const {[field]: part, ...rest} = value;
      out[target] = JSON.stringify(part);
      out[name] = JSON.stringify(rest);
    }
  }
  return out;
}

/** The members with the listed fields removed; a member that lacks the array is an error. */
export function withoutFields(members: ArchiveMembers, dropped: readonly DroppedField[]): ArchiveMembers {
  const out = {...members};
  for (const {members: pattern, array, field} of dropped) {
    for (const name of Object.keys(members).filter((n) => pattern.test(n))) {
      const value = JSON.parse(memberText(out[name])) as Record<string, unknown>;
      const list = value[array];
      if (!Array.isArray(list)) throw new Error(`packaging: ${name} has no array ${array} to drop ${field} from`);
      value[array] = list.map((element: Record<string, unknown>) => {
        const {[field]: _dropped, ...rest} = element;
        return rest;
      });
      out[name] = JSON.stringify(value);
    }
  }
  return out;
}

/** What a recipe's loader ships: its members, with its light folders converted, its dropped fields left out and its moved fields in members of their own. */
export function shippedMembers(id: string, members: ArchiveMembers): ArchiveMembers {
  return withFieldsMoved(
    withoutFields(withLightWeights(members, LIGHT_MODELS[id] ?? []), DROPPED_FIELDS[id] ?? []),
    MOVED_FIELDS[id] ?? []
  );
}
