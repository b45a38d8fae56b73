// One training run of one recipe, in a process of its own (tfjs names layers by a per-process
// counter, so a run must not follow another in the same process for its bytes to repeat):
//   tsx src/data/lib/artifacts/run-recipe.ts <id> <quick|full> <out-dir>
// writes every member under <out-dir>/ and <out-dir>/run.json {wallSeconds, cpuSeconds}.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {recipeById} from "../recipes/index.js";

const [id, mode, out] = process.argv.slice(2);
if (!id || (mode !== "quick" && mode !== "full") || !out) {
  process.stderr.write("usage: run-recipe.ts <id> <quick|full> <out-dir>\n");
  process.exit(2);
}
process.env.WORKBOOK_QUICK = mode === "quick" ? "1" : "0";
try {
  const recipe = recipeById(id);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const members = await recipe.train();
  const used = process.cpuUsage(cpu);
  for (const [name, content] of Object.entries(members)) {
    mkdirSync(dirname(join(out, name)), {recursive: true});
    writeFileSync(join(out, name), content);
  }
  const run = {
    wallSeconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    members: Object.keys(members).sort()
  };
  writeFileSync(join(out, "run.json"), JSON.stringify(run));
} catch (error) {
  process.stderr.write(`${id} (${mode}) failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
}
