import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { STORES, useJobsStore } from "../../test/support/stores";
import { eventually, gate, sleep } from "../../test/support/wait";
import { defineSyncJob, enqueueSync, hasLiveJob, type SyncJobPayload, syncJob } from "./sync-job";

describe.each(STORES)("enqueueSync with jobs in %s", (store) => {
  const jobs = useJobsStore(store);

  it("is picked up by a worker in another Agenda within 2 s, though it polls every 30 s", async () => {
    const worker = await jobs.open({ name: "worker" });
    const received: { payload: SyncJobPayload; at: number }[] = [];
    defineSyncJob(worker, async (payload) => {
      received.push({ payload, at: Date.now() });
    });
    await worker.start();
    await sleep(500); // past the scan that start() runs, so only a wake-up can start the job
    const api = await jobs.open({ name: "api" });
    const payload = { serviceId: randomUUID(), attemptId: randomUUID() };

    const enqueuedAt = Date.now();
    const jobId = await enqueueSync(api, payload);

    await eventually(() => received.length > 0, 2_000);
    expect(received[0]?.payload).toEqual(payload);
    expect(received[0]?.at ?? Number.POSITIVE_INFINITY).toBeLessThan(enqueuedAt + 2_000);
    expect(jobId).toMatch(/^[0-9a-f-]{24,36}$/);
  });

  it("makes exactly one job from 50 concurrent calls for one service in two processes", async () => {
    const [apiA, apiB] = await Promise.all([jobs.open({ name: "api-a" }), jobs.open({ name: "api-b" })]);
    const serviceId = randomUUID();
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => enqueueSync(i % 2 ? apiA : apiB, { serviceId, attemptId: randomUUID() })),
    );
    const otherService = await enqueueSync(apiA, { serviceId: randomUUID(), attemptId: randomUUID() });

    expect(new Set(ids).size).toBe(1);
    const stored = await apiA.list(syncJob(), { serviceId });
    expect(stored.map((job) => String(job._id))).toEqual([ids[0]]);
    expect(otherService).not.toBe(ids[0]);
  });

  it("reports a live job while it is queued and running, and none once it is done", async () => {
    const api = await jobs.open({ name: "api" });
    const serviceId = randomUUID();
    expect(await hasLiveJob(api, serviceId)).toBe(false);

    const firstId = await enqueueSync(api, { serviceId, attemptId: randomUUID() });
    expect(await hasLiveJob(api, serviceId)).toBe(true);

    const worker = await jobs.open({ name: "worker" });
    const started = gate();
    const release = gate();
    defineSyncJob(worker, async () => {
      started.open();
      await release.promise;
    });
    await worker.start();
    await started.promise;
    expect(await hasLiveJob(api, serviceId)).toBe(true);
    expect(await enqueueSync(api, { serviceId, attemptId: randomUUID() })).toBe(firstId);

    release.open();
    await eventually(async () => !(await hasLiveJob(api, serviceId)));
    const nextId = await enqueueSync(api, { serviceId, attemptId: randomUUID() });
    expect(nextId).not.toBe(firstId);
  });

  it("rejects a payload without a service id and stores nothing", async () => {
    const api = await jobs.open();
    await expect(enqueueSync(api, { serviceId: "", attemptId: "a" })).rejects.toThrow(/serviceId/);
    expect(await api.list(syncJob())).toEqual([]);
  });
});
