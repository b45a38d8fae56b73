// Run one data loader (src/data/<file>) as Framework would, in its own process, and collect what
// it writes. WORKBOOK_QUICK and WORKBOOK_EPOCHS start cleared, so the caller's environment
// never changes what a test runs; pass them in `env` to set them.
import {spawn} from "node:child_process";
import {join, resolve} from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export function runLoader(file: string, env: Record<string, string>): Promise<{code: number | null; stdout: Buffer; stderr: string}> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/data", file)], {
      cwd: ROOT,
      env: {...process.env, WORKBOOK_QUICK: "", WORKBOOK_EPOCHS: "", ...env}
    });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({code, stdout: Buffer.concat(out), stderr}));
  });
}
