import { describe, expect, it } from "vitest";
import { loadSettings } from "./settings";

const DATABASE_URL = "postgres://askpro@db.internal:5432/askpro";

describe("loadSettings", () => {
  it("outside production without a Cal.com key, assumes the sandbox npm run dev starts", () => {
    const settings = loadSettings({ DATABASE_URL, CALCOM_SANDBOX_PORT: "4311" });
    expect(settings.problems).toEqual([]);
    expect(settings.calcom).toEqual({ apiUrl: "http://127.0.0.1:4311", apiKey: "cal_test_askpro_demo", source: "dev-sandbox" });
  });

  it("never assumes the sandbox in production, nor when a Cal.com URL is set", () => {
    expect(loadSettings({ DATABASE_URL, NODE_ENV: "production", APP_SECRET: "x".repeat(32) })).toMatchObject({
      calcom: undefined,
      problems: ["CALCOM_API_KEY must be set in production"],
    });
    expect(loadSettings({ DATABASE_URL, CALCOM_API_URL: "https://api.cal.com" })).toMatchObject({
      calcom: undefined,
      problems: ["CALCOM_API_KEY must be set when CALCOM_API_URL is"],
    });
  });

  it("judges each variable on its own: a bad one leaves the others usable", () => {
    const settings = loadSettings({ DATABASE_URL, JOBS_DB_URL: "redis://cache:6379", CALCOM_API_KEY: "cal_live_abc", APP_SECRET: "  " });
    expect(settings.problems).toEqual(["JOBS_DB_URL must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL"]);
    expect(settings).toMatchObject({ databaseUrl: DATABASE_URL, jobsDbUrl: undefined, appSecret: undefined });
    expect(settings.calcom).toEqual({ apiUrl: "https://api.cal.com", apiKey: "cal_live_abc", source: "environment" });
  });

  it("requires APP_SECRET in production, as the api and the worker do", () => {
    const settings = loadSettings({ DATABASE_URL, NODE_ENV: "production", CALCOM_API_KEY: "cal_live_abc" });
    expect(settings.problems).toEqual(["APP_SECRET must be set to at least 32 characters in production"]);
  });
});
