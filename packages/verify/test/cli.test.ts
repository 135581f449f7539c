import { beforeEach, expect, it } from "vitest";
import type { VerifyReport } from "../src/run-verify";
import { runCli } from "./support/run-cli";
import { clearHeartbeats, DEMO_KEY, useTestSystem, writeHeartbeat } from "./support/system";

const system = useTestSystem();

beforeEach(async () => {
  await clearHeartbeats(system.current);
});

it("--json: exit code 0 and the whole report when nothing failed", async () => {
  await writeHeartbeat(system.current, 1);
  const run = await runCli(["--json"], system.current.env);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as VerifyReport;
  expect(report.ok).toBe(true);
  expect(report.checks.map((check) => check.id)).toEqual([
    "configuration",
    "database",
    "migrations",
    "sync-columns",
    "job-store",
    "worker",
    "calcom",
    "test-service",
    "sync-summary",
  ]);
  // The demo data has services pending, failed and never synced.
  expect(report.counts).toEqual({ pass: 8, warn: 1, fail: 0, skip: 0 });
  expect(run.stdout).not.toContain(DEMO_KEY);
});

it("a checklist with the fix under each failure, and exit code 1, when the worker is stopped", async () => {
  const run = await runCli([], system.current.env);
  expect(run.code).toBe(1);
  const lines = run.stdout.split("\n");
  const failure = lines.findIndex((line) => line.startsWith("[FAIL] Worker heartbeat newer than 60 s"));
  expect(lines[failure]).toMatch(/ {2}no worker has written a heartbeat; requested syncs wait until a worker runs$/);
  expect(lines[failure + 1]?.trim()).toBe("fix: start the worker: npm start / npm run dev (with the same DATABASE_URL)");
  expect(lines.filter((line) => line.startsWith("[PASS]"))).toHaveLength(7);
  expect(lines.at(-2)).toMatch(/^1 failed, 1 warning, 7 passed, 0 skipped \(\d+\.\d s\)$/);
});

it("bad arguments: exit code 2 and the usage", async () => {
  const run = await runCli(["--timeout", "soon"], system.current.env);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("verify: --timeout must be a number of seconds above 0");
  expect(run.stderr).toContain("Usage: npm run verify -- [options]");
  expect(run.stdout).toBe("");
});
