// WORKBOOK_QUICK, read the same way by every loader that trains: "1" is quick mode (seconds of
// training, outputs marked quick: true), "0" or unset is full training, anything else is a
// mistake worth stopping the build for.
export function quickMode(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.WORKBOOK_QUICK ?? "";
  if (!["", "0", "1"].includes(value))
    throw new Error(`WORKBOOK_QUICK must be 1 (quick mode) or 0/unset (full training), got ${JSON.stringify(value)}`);
  return value === "1";
}
