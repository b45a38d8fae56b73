// What a model loader does at build time: package the committed artifact of its recipe, checked
// (see artifact.ts), training nothing. WORKBOOK_TRAIN=1, or a quick run (WORKBOOK_QUICK=1),
// trains in the loader instead, for people changing a recipe. Either way the models listed in
// light-weights.ts ship with float16 (or uint8) weights.
import {zipMembers} from "../datasets/dataset-archive.js";
import {readArtifact} from "./artifact.js";
import {shippedMembers} from "./light-weights.js";
import type {Recipe} from "./recipe.js";
import {envSwitch, quickMode} from "../training/quick-mode.js";

/** WORKBOOK_TRAIN: "1" trains in the loader, "0" or unset packages the committed artifact. */
export function trainInLoader(env: NodeJS.ProcessEnv = process.env): boolean {
  return envSwitch(env, "WORKBOOK_TRAIN", "train in the loader", "package the committed models") || quickMode(env);
}

export async function packageArtifact(recipe: Recipe, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const members = trainInLoader(env) ? await recipe.train() : readArtifact(recipe).members;
  return zipMembers(shippedMembers(recipe.id, members));
}
