import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "./settings";

const DATABASE_URL = "postgres://askpro@db.internal:5432/askpro";
/** Where the development APP_SECRET of these tests is made, instead of the repository's .data/. */
const ASKPRO_DATA_DIR = mkdtempSync(join(tmpdir(), "askpro-verify-settings-"));
afterAll(() => rmSync(ASKPRO_DATA_DIR, { recursive: true, force: true }));

describe("loadSettings", () => {
  it("outside production without a Cal.com key, assumes the sandbox npm run dev starts", () => {
    const settings = loadSettings({ ASKPRO_DATA_DIR, DATABASE_URL, CALCOM_SANDBOX_PORT: "4311" });
    expect(settings.problems).toEqual([]);
    expect(settings.calcom).toEqual({ apiUrl: "http://127.0.0.1:4311", apiKey: "cal_test_askpro_demo", source: "dev-sandbox" });
  });

  it("never assumes the sandbox in production, nor when a Cal.com URL is set", () => {
    expect(loadSettings({ ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "production", APP_SECRET: "x".repeat(32) })).toMatchObject({
      calcom: undefined,
      problems: ["CALCOM_API_KEY must be set in production"],
    });
    expect(loadSettings({ ASKPRO_DATA_DIR, DATABASE_URL, CALCOM_API_URL: "https://api.cal.com" })).toMatchObject({
      calcom: undefined,
      problems: ["CALCOM_API_KEY must be set when CALCOM_API_URL is"],
    });
  });

  it("judges each variable on its own: a bad one leaves the others usable", () => {
    const settings = loadSettings({ ASKPRO_DATA_DIR, DATABASE_URL, JOBS_DB_URL: "redis://cache:6379", CALCOM_API_KEY: "cal_live_abc", APP_SECRET: "  " });
    expect(settings.problems).toEqual(["JOBS_DB_URL must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL"]);
    expect(settings).toMatchObject({ databaseUrl: DATABASE_URL, jobsDbUrl: undefined, appSecretSource: "data-dir" });
    expect(settings.appSecret).toBe(readFileSync(join(ASKPRO_DATA_DIR, "app-secret"), "utf8").trim());
    expect(settings.calcom).toEqual({ apiUrl: "https://api.cal.com", apiKey: "cal_live_abc", source: "environment" });
  });

  it("requires APP_SECRET in production, as the api and the worker do", () => {
    const settings = loadSettings({ ASKPRO_DATA_DIR, DATABASE_URL, NODE_ENV: "production", CALCOM_API_KEY: "cal_live_abc" });
    expect(settings.problems).toEqual(["APP_SECRET is required in production (at least 32 characters)"]);
    expect(settings.appSecret).toBeUndefined();
  });
});
