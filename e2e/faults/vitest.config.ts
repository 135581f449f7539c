import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    // One PostgreSQL per run (embedded, or the DATABASE_URL server) for the scenarios that do not stop it;
    // and the SPA built once, for the scenarios that drive the browser.
    globalSetup: ["@askpro/db/testing/global-setup", "./support/web-build.global.ts"],
    // The scenarios spawn the api, workers and databases: on 2 cores, one file at a time.
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 120_000,
    reporters: ["default", "./support/summary-reporter.ts"],
  },
});
