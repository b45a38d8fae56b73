// The test images a dataset's committed models got wrong (any of them), for the galleries of
// practical/models: `indices.bin` (uint16 test indices, ascending) and `images.bin` (784 bytes
// each, in that order). The page fetches these instead of the whole test set. A build that trains
// its models (WORKBOOK_TRAIN=1 or a quick build) ships every test image: its models' mistakes are
// not the committed ones.
import {readArtifact} from "../artifacts/artifact.js";
import {trainInLoader} from "../artifacts/package-artifact.js";
import type {Recipe} from "../artifacts/recipe.js";
import {mistakenIndices} from "../../../lib/formats/mistake-images.js";
import {type ArchiveMembers, gatherImages, zipMembers} from "./dataset-archive.js";
import type {Dataset} from "./datasets.js";

interface ModelMetrics {
  misclassified: {index: number[]};
}

/** The members, from the test split and each model's metrics.json. */
export function mistakeMembers(testImages: Uint8Array, metrics: readonly ModelMetrics[]): ArchiveMembers {
  const indices = mistakenIndices(metrics.map((m) => m.misclassified.index));
  const bytes = Uint16Array.from(indices);
  return {"indices.bin": new Uint8Array(bytes.buffer), "images.bin": gatherImages(testImages, indices)};
}

/** The archive of `recipe`'s committed models (every member named <model>/metrics.json). */
export async function mistakeArchive(dataset: Dataset, recipe: Recipe, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  if (trainInLoader(env))
    return zipMembers(
      mistakeMembers(dataset.test.images, [{misclassified: {index: Array.from({length: dataset.test.count}, (_, i) => i)}}])
    );
  const {members} = readArtifact(recipe);
  const metrics = Object.keys(members)
    .filter((name) => /^[^/]+\/metrics\.json$/.test(name))
    .sort()
    .map((name) => JSON.parse(new TextDecoder().decode(members[name])) as ModelMetrics);
  if (!metrics.length) throw new Error(`models/${recipe.id} has no <model>/metrics.json`);
  return zipMembers(mistakeMembers(dataset.test.images, metrics));
}
