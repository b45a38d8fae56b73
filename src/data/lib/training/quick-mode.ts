// WORKBOOK_QUICK, read the same way by every loader that trains: "1" is quick mode (seconds of
// training, outputs marked quick: true), "0" or unset is full training, anything else is a
// mistake worth stopping the build for.
export function quickMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return envSwitch(env, "WORKBOOK_QUICK", "quick mode", "full training");
}

/** An on/off environment variable: "1" is on, "0" or unset off, anything else an error saying both. */
export function envSwitch(env: NodeJS.ProcessEnv, name: string, on: string, off: string): boolean {
  const value = env[name] ?? "";
  if (!["", "0", "1"].includes(value)) throw new Error(`${name} must be 1 (${on}) or 0/unset (${off}), got ${JSON.stringify(value)}`);
  return value === "1";
}
