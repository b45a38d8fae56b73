// Every committed model is what the code trains now: its recipe is the code's, and a quick-mode
// run of the recipe (deterministic: seeded weights, seeded shuffles, a fixed summation order)
// reproduces the fingerprint its manifest recorded. A recipe or training change without
// retraining fails here, naming the model and the command to run.
import {describe, expect, test} from "vitest";
import {readManifest, recipeDifference} from "../../../../src/data/lib/artifacts/artifact.js";
import {currentFingerprint} from "../../../../src/data/lib/artifacts/train-runs.js";
import {RECIPES} from "../../../../src/data/lib/recipes/index.js";

describe("committed models are current", () => {
  for (const recipe of RECIPES) {
    test(`${recipe.id}: same recipe, and a quick run reproduces its fingerprint`, {timeout: 900_000}, async () => {
      const manifest = readManifest(recipe.id);
      const stale = recipeDifference(manifest, recipe);
      if (stale) throw new Error(`models/${recipe.id} is stale: ${stale}; retrain it with \`npm run train ${recipe.id}\``);
      const print = await currentFingerprint(recipe.id);
      if (print !== manifest.fingerprint) {
        throw new Error(
          `models/${recipe.id} is stale: the training code now computes something else (a quick run gives fingerprint ${print.slice(0, 12)}…, the manifest records ${manifest.fingerprint.slice(0, 12)}…); retrain it with \`npm run train ${recipe.id}\``
        );
      }
      expect(print).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});
