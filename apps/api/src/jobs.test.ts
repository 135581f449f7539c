import { createOrm } from "@askpro/db";
import { createTestDatabase } from "@askpro/db/testing";
import { describe, expect, it } from "vitest";
import { connectJobsOnDemand } from "./jobs";

async function adminQuery(url: string, sql: string): Promise<void> {
  const orm = await createOrm(url, { pool: { max: 1 } });
  try {
    await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close();
  }
}

describe("connectJobsOnDemand", () => {
  it("connects on first use, and after a failed connect tries again on the next use", async () => {
    const neighbour = await createTestDatabase();
    // A database that does not exist yet stands for a job store that is down at start.
    const name = `askpro_jobs_later_${process.pid}`;
    const url = new URL(neighbour.url);
    url.pathname = `/${name}`;
    const jobs = connectJobsOnDemand({ databaseUrl: url.toString() });
    try {
      await expect(jobs.queue()).rejects.toThrow(/does not exist/);
      expect(await jobs.check(2_000)).toBe("unreachable");

      await adminQuery(neighbour.url, `CREATE DATABASE ${name}`);
      const queue = await jobs.queue();
      expect(await jobs.queue()).toBe(queue);
      expect(await jobs.check(2_000)).toBe("ok");
    } finally {
      await jobs.stop();
      await adminQuery(neighbour.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await neighbour.drop();
    }
    await expect(jobs.queue()).rejects.toThrow(/shutting down/);
  });

  it("reports a job store that does not answer in time as unreachable without waiting for it", async () => {
    const database = await createTestDatabase();
    // The driver waits 1.5 s for this server; the check answers after its own 300 ms.
    const jobs = connectJobsOnDemand({ databaseUrl: database.url, jobsDbUrl: "mongodb://127.0.0.1:1/askpro?serverSelectionTimeoutMS=1500" });
    try {
      const startedAt = Date.now();
      expect(await jobs.check(300)).toBe("unreachable");
      expect(Date.now() - startedAt).toBeLessThan(1_000);
    } finally {
      await jobs.stop();
      await database.drop();
    }
  });
});
