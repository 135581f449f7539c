import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvError, loadEnv as loadApiEnv } from "@askpro/api/env";
import { loadEnv as loadWorkerEnv } from "@askpro/worker/env";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "../src/settings";

/** A valid environment of all three, in a data dir of its own (the development APP_SECRET is made there). */
const ASKPRO_DATA_DIR = mkdtempSync(join(tmpdir(), "askpro-same-rules-"));
afterAll(() => rmSync(ASKPRO_DATA_DIR, { recursive: true, force: true }));
const VALID = { ASKPRO_DATA_DIR, DATABASE_URL: "postgres://askpro:pw@db.internal:5432/askpro", CALCOM_API_KEY: "cal_live_0123456789" };

function apiProblems(source: NodeJS.ProcessEnv): string[] {
  try {
    loadApiEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

function workerProblems(source: NodeJS.ProcessEnv): string[] {
  const result = loadWorkerEnv(source);
  return result.ok ? [] : result.problems;
}

const verifyProblems = (source: NodeJS.ProcessEnv) => loadSettings(source).problems;

describe("the api, the worker and verify apply one rule per variable", () => {
  it.each([
    ["a DATABASE_URL that is not PostgreSQL", { DATABASE_URL: "mysql://root:hunter2@db/askpro" }],
    ["a DATABASE_URL that is not a URL", { DATABASE_URL: "db.internal:5432" }],
    ["no DATABASE_URL and no embedded database", { DATABASE_URL: undefined }],
    ["a JOBS_DB_URL that is not MongoDB", { JOBS_DB_URL: "redis://jobs:hunter2@cache:6379" }],
    ["a CALCOM_API_URL that is not http(s)", { CALCOM_API_URL: "ftp://hunter2@cal.example" }],
    ["a CALCOM_API_KEY that is not one", { CALCOM_API_KEY: "hunter2" }],
    ["a short APP_SECRET outside production", { APP_SECRET: "hunter2" }],
    ["a short APP_SECRET in production", { NODE_ENV: "production", APP_SECRET: "hunter2" }],
    ["no APP_SECRET in production", { NODE_ENV: "production" }],
    ["an unknown NODE_ENV", { NODE_ENV: "hunter2" }],
  ])("%s: the same single line from each, naming the variable and not the value", (_, change) => {
    const source = { ...VALID, ...change };
    const api = apiProblems(source);
    expect(api).toHaveLength(1);
    expect(workerProblems(source)).toEqual(api);
    expect(verifyProblems(source)).toEqual(api);
    expect(api[0]).toMatch(/^[A-Z_]+ /);
    expect(api[0]).not.toContain("hunter2");
  });

  it("LOG_LEVEL, read by the api and the worker, the same in both", () => {
    const source = { ...VALID, LOG_LEVEL: "loud" };
    expect(apiProblems(source)).toEqual(["LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent"]);
    expect(workerProblems(source)).toEqual(apiProblems(source));
  });

  it("without APP_SECRET outside production, all three use the one secret of the data dir", () => {
    const api = loadApiEnv(VALID).APP_SECRET;
    const worker = loadWorkerEnv(VALID);
    expect(worker.ok && worker.env.APP_SECRET).toBe(api);
    expect(loadSettings(VALID).appSecret).toBe(api);
    const production = { ...VALID, NODE_ENV: "production", APP_SECRET: "p".repeat(32) };
    expect(loadApiEnv(production).APP_SECRET).toBe("p".repeat(32));
    expect(workerProblems(production)).toEqual([]);
    expect(verifyProblems(production)).toEqual([]);
  });
});
