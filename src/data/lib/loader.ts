// Running a data loader: write the finished bytes to stdout in one go, or fail with a message
// and a non-zero exit code, so Framework caches nothing half-written.

export async function runLoader(name: string, produce: () => Promise<Uint8Array | string>): Promise<void> {
  try {
    const output = await produce();
    await new Promise<void>((resolve, reject) => process.stdout.write(output, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    process.stderr.write(`${name} failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
