import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const DATABASE_URL = "postgres://app@127.0.0.1:5432/askpro";

describe("loadEnv", () => {
  it("fills in the defaults", () => {
    const result = loadEnv({ DATABASE_URL });
    expect(result).toEqual({
      ok: true,
      env: { DATABASE_URL, NODE_ENV: "development", CALCOM_API_URL: "https://api.cal.com", LOG_LEVEL: "info" },
    });
  });

  it("treats blank values as unset", () => {
    const result = loadEnv({ DATABASE_URL, JOBS_DB_URL: "", CALCOM_API_KEY: " ", LOG_LEVEL: "" });
    expect(result).toEqual({
      ok: true,
      env: { DATABASE_URL, NODE_ENV: "development", CALCOM_API_URL: "https://api.cal.com", LOG_LEVEL: "info" },
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
    expect(problems).toContain("APP_SECRET must be set to at least 32 characters in production");
  });
});
