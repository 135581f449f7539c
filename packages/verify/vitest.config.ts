import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One PostgreSQL per run (embedded, or the DATABASE_URL server); each test file makes its own databases on it.
    globalSetup: ["@askpro/db/testing/global-setup"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Lists every test, with the reason of any skipped one.
    reporters: ["verbose"],
  },
});
