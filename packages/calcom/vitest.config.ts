import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Real HTTP and real (scaled-down) rate-limit windows: generous on a busy 2-core machine.
    testTimeout: 20_000,
  },
});
