import { createTestDatabase, type TestDatabase } from "@askpro/db/testing";
import { afterEach, beforeEach, expect } from "vitest";
import { createJobs, type Jobs, type JobsOptions } from "../../src/create-jobs";
import { startTestMongo, type TestMongo } from "../../src/testing/mongo";

export const STORES = ["postgres", "mongodb"] as const;
export type StoreKind = (typeof STORES)[number];

/**
 * Per test: a fresh application database (wake-ups, and the jobs for "postgres") and, for
 * "mongodb", a fresh MongoDB for the jobs. `open()` makes Jobs on them, as the api and
 * the worker each would; they are stopped after the test, which fails if any reported an error.
 */
export function useJobsStore(kind: StoreKind) {
  let database: TestDatabase | undefined;
  let mongo: TestMongo | undefined;
  let opened: Jobs[] = [];
  let errors: Error[] = [];

  beforeEach(async () => {
    [database, mongo] = await Promise.all([createTestDatabase(), kind === "mongodb" ? startTestMongo() : undefined]);
  });

  afterEach(async () => {
    await Promise.all(opened.map((jobs) => jobs.stop({ drainTimeoutMs: 2_000 })));
    opened = [];
    await Promise.all([database?.drop(), mongo?.stop()]);
    const reported = errors.map((error) => error.message);
    errors = [];
    expect(reported).toEqual([]);
  });

  return {
    /** The application database of the running test. */
    databaseUrl(): string {
      if (!database) throw new Error("databaseUrl() runs inside a test");
      return database.url;
    },
    async open(options: Partial<JobsOptions> = {}): Promise<Jobs> {
      if (!database) throw new Error("open() runs inside a test");
      const jobs = await createJobs({
        databaseUrl: database.url,
        jobsDbUrl: mongo?.url,
        // Far beyond every wait in these tests: a job that starts in time was woken by NOTIFY.
        processEvery: "30 seconds",
        onError: (error) => errors.push(error),
        ...options,
      });
      opened.push(jobs);
      return jobs;
    },
  };
}
