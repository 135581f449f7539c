import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const DATABASE_URL = "postgres://app@127.0.0.1:5432/askpro";
/** Where the development APP_SECRET of these tests is made, instead of the repository's .data/. */
const ASKPRO_DATA_DIR = mkdtempSync(join(tmpdir(), "askpro-worker-env-"));
afterAll(() => rmSync(ASKPRO_DATA_DIR, { recursive: true, force: true }));
const developmentSecret = () => readFileSync(join(ASKPRO_DATA_DIR, "app-secret"), "utf8").trim();

describe("loadEnv", () => {
  it("fills in the defaults", () => {
    const result = loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL });
    expect(result).toEqual({
      ok: true,
      env: { ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "development", CALCOM_API_URL: "https://api.cal.com", LOG_LEVEL: "info", APP_SECRET: developmentSecret() },
    });
  });

  it("treats blank values as unset", () => {
    const result = loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_DB_URL: "", CALCOM_API_KEY: " ", LOG_LEVEL: "" });
    expect(result).toEqual({
      ok: true,
      env: { ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "development", CALCOM_API_URL: "https://api.cal.com", LOG_LEVEL: "info", APP_SECRET: developmentSecret() },
    });
  });

  it("accepts a MongoDB job store and a production secret", () => {
    const result = loadEnv({
      DATABASE_URL,
      NODE_ENV: "production",
      APP_SECRET: "s".repeat(32),
      JOBS_DB_URL: "mongodb+srv://jobs:pw@cluster0.example.net/askpro",
      CALCOM_API_KEY: "cal_live_0123",
    });
    expect(result.ok).toBe(true);
  });

  it("reads the job timings as whole milliseconds, with a floor", () => {
    const result = loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_LOCK_LIFETIME_MS: "1000", RECONCILE_INTERVAL_MS: "250", RECONCILE_PENDING_AFTER_MS: "60000" });
    expect(result).toMatchObject({ ok: true, env: { JOBS_LOCK_LIFETIME_MS: 1_000, RECONCILE_INTERVAL_MS: 250, RECONCILE_PENDING_AFTER_MS: 60_000 } });
    const invalid = loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_LOCK_LIFETIME_MS: "1s", RECONCILE_INTERVAL_MS: "5", RECONCILE_PENDING_AFTER_MS: "-1" });
    expect(invalid).toEqual({
      ok: false,
      problems: [
        "JOBS_LOCK_LIFETIME_MS must be a whole number of milliseconds",
        "RECONCILE_INTERVAL_MS must be at least 100 ms",
        "RECONCILE_PENDING_AFTER_MS must be a whole number of milliseconds",
      ],
    });
  });

  it("reads the drift check's share of a key's rate budget as a number above 0 and at most 1", () => {
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, DRIFT_BUDGET_SHARE: "0.25" })).toMatchObject({ ok: true, env: { DRIFT_BUDGET_SHARE: 0.25 } });
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, DRIFT_BUDGET_SHARE: "1" })).toMatchObject({ ok: true, env: { DRIFT_BUDGET_SHARE: 1 } });
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, DRIFT_BUDGET_SHARE: "0" })).toEqual({ ok: false, problems: ["DRIFT_BUDGET_SHARE must be more than 0"] });
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, DRIFT_BUDGET_SHARE: "20%" })).toEqual({ ok: false, problems: ["DRIFT_BUDGET_SHARE must be a number from 0 to 1, e.g. 0.2"] });
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, DRIFT_BUDGET_SHARE: "1.5" }).ok).toBe(false);
  });

  it("reads the metrics endpoint's port (0: off) and address", () => {
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, METRICS_PORT: "0", METRICS_HOST: "0.0.0.0" })).toMatchObject({ ok: true, env: { METRICS_PORT: 0, METRICS_HOST: "0.0.0.0" } });
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, METRICS_PORT: "nine" })).toEqual({
      ok: false,
      problems: ["METRICS_PORT must be a port number (0 turns the metrics endpoint off)"],
    });
  });

  it("reports one line per problem, naming the variable but never its value", () => {
    const result = loadEnv({
      DATABASE_URL: "mysql://root:hunter2@db/askpro",
      NODE_ENV: "production",
      APP_SECRET: "short",
      JOBS_DB_URL: "redis://jobs:hunter2@cache:6379",
      CALCOM_API_URL: "ftp://cal.example",
      CALCOM_API_KEY: "hunter2",
      LOG_LEVEL: "loud",
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((problem) => problem.split(" ")[0]).sort()).toEqual([
      "APP_SECRET",
      "CALCOM_API_KEY",
      "CALCOM_API_URL",
      "DATABASE_URL",
      "JOBS_DB_URL",
      "LOG_LEVEL",
    ]);
    expect(problems.join("\n")).not.toMatch(/hunter2|short|loud/);
    expect(problems).toContain("APP_SECRET must be at least 32 characters long");
  });
});
