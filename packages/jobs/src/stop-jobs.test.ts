import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { STORES, useJobsStore } from "../test/support/stores";
import { eventually, gate, sleep } from "../test/support/wait";
import { defineSyncJob, enqueueSync, hasLiveJob } from "./definitions/sync-job";

describe.each(STORES)("Jobs.stop with jobs in %s", (store) => {
  const jobs = useJobsStore(store);

  async function workerWithBlockedJob() {
    const worker = await jobs.open({ name: "worker" });
    const started = gate();
    const release = gate();
    let finished = false;
    defineSyncJob(worker, async () => {
      started.open();
      await release.promise;
      finished = true;
    });
    await worker.start();
    const api = await jobs.open({ name: "api" });
    const serviceId = randomUUID();
    await enqueueSync(api, { serviceId, attemptId: randomUUID() });
    await started.promise;
    return { worker, api, serviceId, release, isFinished: () => finished };
  }

  it("waits for the running job to finish before closing", async () => {
    const { worker, api, serviceId, release, isFinished } = await workerWithBlockedJob();
    let stopped = false;
    const stopping = worker.stop({ drainTimeoutMs: 5_000 }).finally(() => {
      stopped = true;
    });
    await sleep(300);
    expect(stopped).toBe(false);

    release.open();
    expect(await stopping).toEqual({ timedOut: false, running: 0 });
    expect(isFinished()).toBe(true);
    expect(await hasLiveJob(api, serviceId)).toBe(false);
  });

  it("gives up at the deadline, leaving the job locked for another worker to take once the lock expires", async () => {
    const { worker, api, serviceId, release } = await workerWithBlockedJob();
    const startedAt = Date.now();
    const result = await worker.stop({ drainTimeoutMs: 300 });
    const took = Date.now() - startedAt;
    release.open();

    expect(result).toEqual({ timedOut: true, running: 1 });
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(2_000);
    expect(await hasLiveJob(api, serviceId)).toBe(true);
  });

  it("closes a process that only enqueued, after which it refuses work", async () => {
    const api = await jobs.open({ name: "api" });
    const serviceId = randomUUID();
    await enqueueSync(api, { serviceId, attemptId: randomUUID() });

    expect(await api.stop({ drainTimeoutMs: 1_000 })).toEqual({ timedOut: false, running: 0 });
    await expect(enqueueSync(api, { serviceId: randomUUID(), attemptId: randomUUID() })).rejects.toThrow();
    await eventually(async () => {
      const other = await jobs.open({ name: "other" });
      return hasLiveJob(other, serviceId);
    });
  });
});
