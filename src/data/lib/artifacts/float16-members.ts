// Which shipped models carry their weights as float16 (half the bytes of float32), per recipe:
// the folders whose model.json + weights.bin are converted when a loader packages them. The
// committed artifact in models/ stays float32, as training wrote it. An entry belongs here only
// when tests/data/lib/artifacts/float16-accuracy.test.ts measures that float16 moves the model's
// test score by at most FLOAT16_TOLERANCE.
import {float16ModelFiles} from "../../../lib/formats/model-files.js";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";

export const FLOAT16_MODELS: Readonly<Record<string, readonly string[]>> = {
  sentiment: ["lstm"],
  "deep-sentiment": ["depth-1", "depth-2", "depth-3"]
};

/** The most a float16 model's test accuracy may move from the float32 one's: 0.05 points. */
export const FLOAT16_TOLERANCE = 0.0005;

const asText = (content: Uint8Array | string) => (typeof content === "string" ? content : new TextDecoder().decode(content));

/** The members with the named folders' weights as float16; a folder without a model is an error. */
export function withFloat16Weights(members: ArchiveMembers, folders: readonly string[]): ArchiveMembers {
  const out = {...members};
  for (const folder of folders) {
    const json = members[`${folder}/model.json`];
    const weights = members[`${folder}/weights.bin`];
    if (json === undefined || !(weights instanceof Uint8Array))
      throw new Error(`float16 packaging: ${folder}/model.json and ${folder}/weights.bin are not both members`);
    const half = float16ModelFiles(asText(json), weights);
    out[`${folder}/model.json`] = half["model.json"];
    out[`${folder}/weights.bin`] = half["weights.bin"];
  }
  return out;
}

/** What a recipe's loader ships: its members, with the float16 folders converted. */
export function shippedMembers(id: string, members: ArchiveMembers): ArchiveMembers {
  return withFloat16Weights(members, FLOAT16_MODELS[id] ?? []);
}
