// Running recipes for the train command and the tests: each run in a child process (run-recipe.ts),
// its members read back, and the quick run's fingerprint.
import {spawn} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {ArchiveMembers} from "../datasets/dataset-archive.js";
import {fingerprint, ROOT} from "./artifact.js";

export interface RecipeRun {
  members: ArchiveMembers;
  wallSeconds: number;
  cpuSeconds: number;
}

/** Train recipe `id` in a child process; its progress goes to `log` line by line. */
export async function runRecipe(id: string, mode: "quick" | "full", log: (line: string) => void = () => {}): Promise<RecipeRun> {
  const out = mkdtempSync(join(tmpdir(), `workbook-${id}-${mode}-`));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/data/lib/artifacts/run-recipe.ts"), id, mode, out], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "pipe"]
      });
      let pending = "";
      child.stderr.on("data", (chunk: Buffer) => {
        const lines = (pending + chunk).split("\n");
        pending = lines.pop() ?? "";
        lines.forEach(log);
      });
      child.on("error", reject);
      child.on("close", (status) => {
        if (pending) log(pending);
        resolve(status);
      });
    });
    if (code !== 0) throw new Error(`training ${id} (${mode}) failed with exit code ${code}`);
    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as {wallSeconds: number; cpuSeconds: number; members: string[]};
    const members: ArchiveMembers = Object.fromEntries(run.members.map((name) => [name, new Uint8Array(readFileSync(join(out, name)))]));
    return {members, wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds};
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}

/** The training fingerprint of recipe `id` as the code computes it now: a quick run's. */
export async function currentFingerprint(id: string, log?: (line: string) => void): Promise<string> {
  return fingerprint((await runRecipe(id, "quick", log)).members);
}
