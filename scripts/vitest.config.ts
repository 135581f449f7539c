import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["*.test.ts", "lib/**/*.test.ts"],
    // One whole stack per file: starting it takes most of a minute on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
