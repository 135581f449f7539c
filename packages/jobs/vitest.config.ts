import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One PostgreSQL per run (embedded, or the DATABASE_URL server); each test makes its own database on it.
    globalSetup: [fileURLToPath(new URL("../db/src/testing/global-setup.ts", import.meta.url))],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
