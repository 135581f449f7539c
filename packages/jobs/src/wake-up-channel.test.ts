import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@askpro/db/testing";
import { type JobNotification, toJobId } from "agenda";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { gate } from "../test/wait";
import { createJobs } from "./create-jobs";
import { defineSyncJob } from "./define-sync-job";
import { enqueueSync } from "./enqueue-sync";
import { SYNC_JOB } from "./names";
import { stopJobs } from "./stop-jobs";
import { WAKE_UP_CHANNEL, WakeUpChannel } from "./wake-up-channel";

const wakeUp = (jobName: string, dueInMs: number): JobNotification => ({
  jobId: toJobId(randomUUID()),
  jobName,
  nextRunAt: new Date(Date.now() + dueInMs),
  priority: 0,
  timestamp: new Date(),
});

describe("WakeUpChannel", () => {
  it("handles one wake-up per job name at a time, folding those that arrive meanwhile into one with the earliest due time", async () => {
    // Never connected: wakeUpHere reaches this process's handlers without PostgreSQL.
    const pool = new pg.Pool();
    const channel = new WakeUpChannel({ pool, channelName: WAKE_UP_CHANNEL });
    const handled: JobNotification[] = [];
    const firstHandled = gate();
    channel.subscribe(async (notification) => {
      handled.push(notification);
      if (handled.length === 1) await firstHandled.promise;
    });
    const first = wakeUp(SYNC_JOB, 0);
    const later = wakeUp(SYNC_JOB, 5_000);
    const sooner = wakeUp(SYNC_JOB, 1_000);
    const otherJob = wakeUp("calcom.reconcile-pending", 0);

    const handling = [channel.wakeUpHere(first), channel.wakeUpHere(later), channel.wakeUpHere(sooner), channel.wakeUpHere(otherJob)];
    expect(handled).toEqual([first, otherJob]);
    firstHandled.open();
    await Promise.all(handling);

    expect(handled).toEqual([first, otherJob, sooner]);
    await channel.wakeUpHere(later);
    expect(handled).toEqual([first, otherJob, sooner, later]);
    await pool.end();
  });
});

describe("createJobs' wake-up channel", () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  it("listens only in processes that run jobs: an enqueue-only one publishes without receiving every NOTIFY", async () => {
    database = await createTestDatabase();
    const api = await createJobs({ databaseUrl: database.url, name: "api" });
    const worker = await createJobs({ databaseUrl: database.url, name: "worker" });
    const ran = gate();
    defineSyncJob(worker, async () => ran.open());
    await worker.start();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ listeners: string }>(
        "SELECT count(*) AS listeners FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
      );
      expect(Number(rows[0]?.listeners)).toBe(1);
      await enqueueSync(api, { serviceId: randomUUID(), attemptId: randomUUID() });
      await ran.promise;
    } finally {
      await admin.end();
      await Promise.all([stopJobs(worker, { drainTimeoutMs: 2_000 }), stopJobs(api, { drainTimeoutMs: 1_000 })]);
    }
  });
});
