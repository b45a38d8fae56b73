// A cold build as a new contributor or a deploy meets it: a scratch clone of the committed tree
// (git clone of HEAD, so uncommitted files do not count), `npm ci`, `npm run build`; prints each
// step's wall seconds. Nothing trains: the build packages the committed models.
//
//   npx tsx bench/cold-build.ts
import {spawn} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {ROOT} from "../tests/e2e/site.js";

function timed(command: string, args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
      env: {...process.env, WORKBOOK_QUICK: "", WORKBOOK_TRAIN: ""}
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4000)));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`${command} ${args.join(" ")} failed (${code}): ${stderr}`))
    );
  });
}

export async function benchColdBuild(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "workbook-cold-"));
  try {
    const load = loadavg()[0].toFixed(1);
    const clone = await timed("git", ["clone", "--quiet", "--no-hardlinks", ROOT, join(work, "site")], work);
    const site = join(work, "site");
    const install = await timed("npm", ["ci", "--no-audit", "--no-fund"], site);
    const build = await timed("npm", ["run", "build"], site);
    console.log(`cold build (scratch clone of HEAD, load average ${load} at the start):`);
    console.log(
      `  git clone ${clone.toFixed(1)} s, npm ci ${install.toFixed(1)} s, npm run build ${build.toFixed(1)} s; clone to built site ${(clone + install + build).toFixed(1)} s`
    );
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchColdBuild();
