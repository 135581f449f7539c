import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:4310";

// The distribution's Chromium when installed (CI installs it); otherwise Playwright's own download.
const launchOptions = {
  ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "./tests",
  // One worker: the specs share one stack and one database.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      // First, while the stack is fresh: states the seed sets up and the worker changes later (a service
      // seeded pending is re-queued by the reconciler two minutes after seeding).
      name: "seeded-state",
      testMatch: ["seeded-state.spec.ts"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions },
    },
    {
      name: "desktop",
      testIgnore: ["seeded-state.spec.ts"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions },
    },
    {
      // The phone layout (cards instead of the table, stacked panels) for the main journeys.
      name: "phone",
      testMatch: ["sign-in.spec.ts", "services.spec.ts", "viewer.spec.ts"],
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, launchOptions },
    },
  ],
  // Against the stack this starts (fresh embedded database, demo seed, Cal.com sandbox, api serving the
  // built SPA, worker) unless E2E_BASE_URL points at one that is already running.
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "npm run stack:e2e --prefix ..",
        url: "http://127.0.0.1:4310/readyz",
        reuseExistingServer: !process.env.CI,
        timeout: 180_000,
        // SIGTERM lets the stack stop its api, worker, sandbox and embedded database and delete its data
        // directory; the default SIGKILL would leave those processes running.
        gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
        // The api logs every request; only problems are worth showing next to the test results.
        stdout: "ignore",
        stderr: "pipe",
      },
});
