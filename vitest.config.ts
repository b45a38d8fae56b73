import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 900_000,
    // The end-to-end suite builds the site once; unit tests run beside it.
    fileParallelism: true
  }
});
