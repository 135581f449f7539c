import { describe, expect, it } from "vitest";
import { STORES, useJobsStore } from "../test/stores";
import { createJobs } from "./create-jobs";

describe("createJobs failing to connect", () => {
  const jobs = useJobsStore("postgres");

  it("says which connection failed, never repeating a password", async () => {
    const failure = createJobs({ databaseUrl: "postgres://app:hunter2@127.0.0.1:1/askpro" });
    await expect(failure).rejects.toThrow(/^Could not connect to PostgreSQL for job wake-ups \(LISTEN\/NOTIFY\): .*ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it("names an unreachable MongoDB job store without its credentials", async () => {
    const failure = jobs.open({ jobsDbUrl: "mongodb://jobs:hunter2@127.0.0.1:1/askpro?serverSelectionTimeoutMS=300" });
    await expect(failure).rejects.toThrow(/^Could not connect to the job store, MongoDB \(mongodb:\/\/127\.0\.0\.1:1\/askpro\): /);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it("rejects a JOBS_DB_URL that is not MongoDB", async () => {
    await expect(jobs.open({ jobsDbUrl: "redis://cache:6379" })).rejects.toThrow(/JOBS_DB_URL must be a mongodb:\/\//);
  });
});

describe.each(STORES)("createJobs with jobs in %s", (store) => {
  const jobs = useJobsStore(store);

  it("lets several processes start together on a fresh database", async () => {
    const started = await Promise.all(["api", "worker-1", "worker-2"].map((name) => jobs.open({ name })));
    expect(started).toHaveLength(3);
  });
});
