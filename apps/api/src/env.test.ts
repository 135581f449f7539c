import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

const DATABASE_URL = "postgres://askpro:secret@127.0.0.1:5432/askpro";
/** Where the development APP_SECRET of these tests is made, instead of the repository's .data/. */
const ASKPRO_DATA_DIR = mkdtempSync(join(tmpdir(), "askpro-api-env-"));
afterAll(() => rmSync(ASKPRO_DATA_DIR, { recursive: true, force: true }));

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadEnv", () => {
  it("fills in development defaults", () => {
    const env = loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL });
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, CALCOM_API_URL: "https://api.cal.com", DATABASE_URL });
    expect(env.APP_SECRET).toBe(readFileSync(join(ASKPRO_DATA_DIR, "app-secret"), "utf8").trim());
    expect(env.APP_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("requires a real APP_SECRET in production", () => {
    expect(problemsOf({ ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "production" })).toEqual([
      "APP_SECRET is required in production (at least 32 characters)",
    ]);
    expect(problemsOf({ ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "production", APP_SECRET: "short" })).toEqual([
      "APP_SECRET must be at least 32 characters long",
    ]);
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "production", APP_SECRET: "s".repeat(32) }).APP_SECRET).toBe("s".repeat(32));
  });

  it("reports every problem, one line each", () => {
    expect(problemsOf({ ASKPRO_DATA_DIR, DATABASE_URL: "not a url", PORT: "eighty", CALCOM_API_URL: "cal.com" })).toEqual([
      "DATABASE_URL must be a URL such as postgres://user:password@host:5432/askpro",
      "CALCOM_API_URL must be an http(s) URL such as https://api.cal.com",
      "PORT must be a number",
    ]);
  });

  it("keeps jobs in PostgreSQL unless JOBS_DB_URL is a MongoDB URL, never echoing the URL", () => {
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL }).JOBS_DB_URL).toBeUndefined();
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_DB_URL: " " }).JOBS_DB_URL).toBeUndefined();
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_DB_URL: "mongodb://jobs:pw@db:27017/askpro" }).JOBS_DB_URL).toBe("mongodb://jobs:pw@db:27017/askpro");
    expect(problemsOf({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_DB_URL: "redis://cache:s3cret@db:6379" })).toEqual([
      "JOBS_DB_URL must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL",
    ]);
  });

  it("makes the process exit 1 with one line per problem", () => {
    const main = join(import.meta.dirname, "main.ts");
    const result = spawnSync(process.execPath, ["--import", "tsx", main], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL, PORT: "99999" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "APP_SECRET is required in production (at least 32 characters)",
      "PORT must be between 0 and 65535",
    ]);
  });

  it("allows the Vite dev origins outside production unless APP_ORIGIN says otherwise, and none in production", () => {
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL }).APP_ORIGIN).toEqual(["http://127.0.0.1:5173", "http://localhost:5173"]);
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "production", APP_SECRET: "s".repeat(32) }).APP_ORIGIN).toEqual([]);
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, APP_ORIGIN: " https://admin.example.com/ , http://localhost:8080" }).APP_ORIGIN).toEqual([
      "https://admin.example.com",
      "http://localhost:8080",
    ]);
    for (const APP_ORIGIN of ["admin.example.com", "https://admin.example.com/app", "ftp://files.example.com", "*"]) {
      expect(problemsOf({ ASKPRO_DATA_DIR, DATABASE_URL, APP_ORIGIN })).toEqual(["APP_ORIGIN must be a comma-separated list of origins such as https://admin.example.com"]);
    }
  });

  it("reads TRUST_PROXY as Express takes it, and refuses anything else", () => {
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL }).TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ ASKPRO_DATA_DIR, DATABASE_URL, TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toBe("loopback,10.0.0.0/8");
    expect(problemsOf({ ASKPRO_DATA_DIR, DATABASE_URL, TRUST_PROXY: "everyone" })).toEqual([
      "TRUST_PROXY must be true, a number of proxy hops, or comma-separated proxy addresses/subnets (or loopback, linklocal, uniquelocal)",
    ]);
  });
});
