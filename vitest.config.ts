import {defineConfig} from "vitest/config";

// Two projects: fast unit tests, and the browser suite, which builds the site once (in a
// scratch folder, see tests/e2e/global-setup.ts) for all its files.
export default defineConfig({
  test: {
    projects: [
      {test: {name: "unit", include: ["tests/**/*.test.ts"], exclude: ["tests/e2e/**"], testTimeout: 60_000, hookTimeout: 120_000}},
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false
        }
      }
    ]
  }
});
