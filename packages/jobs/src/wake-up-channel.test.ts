import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useJobsStore } from "../test/support/stores";
import { gate, sleep } from "../test/support/wait";
import { defineSyncJob, enqueueSync } from "./definitions/sync-job";
import { WAKE_UP_CHANNEL } from "./agenda-workarounds";

describe("the wake-up channel", () => {
  const jobs = useJobsStore("postgres");

  async function listenersAndNotifications(databaseUrl: string) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const states: string[] = [];
    admin.on("notification", (message) => {
      if (message.channel === `${WAKE_UP_CHANNEL}:state`) states.push(message.payload ?? "");
    });
    await admin.query(`LISTEN "${WAKE_UP_CHANNEL}:state"`);
    return {
      states,
      async listeners() {
        const { rows } = await admin.query<{ listeners: string }>(
          "SELECT count(*) AS listeners FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN \"askpro_jobs%' AND pid <> pg_backend_pid()",
        );
        return Number(rows[0]?.listeners);
      },
      end: () => admin.end(),
    };
  }

  it("holds one LISTEN connection per process, also once the worker started, and publishes no job states", async () => {
    const api = await jobs.open({ name: "api" });
    const worker = await jobs.open({ name: "worker" });
    const ran = gate();
    defineSyncJob(worker, async () => ran.open());
    await worker.start();
    const admin = await listenersAndNotifications(jobs.databaseUrl());
    try {
      expect(await admin.listeners()).toBe(2);
      await enqueueSync(api, { serviceId: randomUUID(), attemptId: randomUUID() });
      await ran.promise;
      await sleep(200);
      // Agenda would publish the job's start, success and completion: three NOTIFYs per sync.
      expect(admin.states).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
