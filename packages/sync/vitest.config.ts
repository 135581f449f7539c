import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One PostgreSQL per run (embedded, or the DATABASE_URL server); each test makes its own database on it.
    globalSetup: ["@askpro/db/testing/global-setup"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
