// Every model recipe, in the order `npm run train` trains them (the practical's models first).
import type {Recipe} from "../artifacts/recipe.js";
import {recipe as charModels} from "./char-models.js";
import {recipe as deepSentiment} from "./deep-sentiment.js";
import {recipe as digitNames} from "./digit-names.js";
import {recipe as fashionModels} from "./fashion-models.js";
import {recipe as forecasting} from "./forecasting.js";
import {recipe as longLag} from "./long-lag.js";
import {recipe as mnistModels} from "./mnist-models.js";
import {recipe as peephole} from "./peephole.js";
import {recipe as pronunciation} from "./pronunciation.js";
import {recipe as residual} from "./residual.js";
import {recipe as sentiment} from "./sentiment.js";

export const RECIPES: readonly Recipe[] = [
  mnistModels,
  fashionModels,
  residual,
  digitNames,
  forecasting,
  longLag,
  peephole,
  pronunciation,
  charModels,
  sentiment,
  deepSentiment
];

export function recipeById(id: string): Recipe {
  const recipe = RECIPES.find((r) => r.id === id);
  if (!recipe) throw new Error(`no model recipe ${JSON.stringify(id)}; the recipes are ${RECIPES.map((r) => r.id).join(", ")}`);
  return recipe;
}
