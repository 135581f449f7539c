import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { STORES, useJobsStore } from "../../test/support/stores";
import { eventually } from "../../test/support/wait";
import type { Jobs } from "../create-jobs";
import { RetryableJobError, type RetryPolicy } from "../retry";
import { defineSyncJob, enqueueSync, hasLiveJob, type SyncJobRun, syncJob } from "./sync-job";

const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0 };

async function storedJob(jobs: Jobs, serviceId: string) {
  return (await jobs.list(syncJob(), { serviceId }))[0];
}

describe.each(STORES)("defineSyncJob with jobs in %s", (store) => {
  const jobs = useJobsStore(store);

  async function startWorker(handler: (run: SyncJobRun) => Promise<void>) {
    const worker = await jobs.open({ name: "worker" });
    defineSyncJob(worker, (_payload, run) => handler(run), { retry: FAST_RETRY });
    await worker.start();
    return worker;
  }

  it("works through a backlog larger than its concurrency without waiting for the poll", async () => {
    const api = await jobs.open({ name: "api" });
    const serviceIds = Array.from({ length: 12 }, () => randomUUID());
    // Queued while no worker listens: only the jobs that finish can wake the worker for the rest.
    for (const serviceId of serviceIds) await enqueueSync(api, { serviceId, attemptId: randomUUID() });
    const ran: string[] = [];
    const worker = await jobs.open({ name: "worker" });
    defineSyncJob(worker, async ({ serviceId }) => void ran.push(serviceId), { concurrency: 2 });
    await worker.start();

    await eventually(() => ran.length === serviceIds.length, 5_000);
    expect(new Set(ran)).toEqual(new Set(serviceIds));
  });

  it("retries a retryable failure after the delay the error asked for, woken without a poll", async () => {
    const attempts: { attempt: number; at: number }[] = [];
    const worker = await startWorker(async ({ attempt }) => {
      attempts.push({ attempt, at: Date.now() });
      if (attempt === 1) throw new RetryableJobError("Cal.com answered 429", { retryAfterMs: 600 });
    });
    const serviceId = randomUUID();
    await enqueueSync(worker, { serviceId, attemptId: randomUUID() });

    await eventually(() => attempts.length === 1);
    const waiting = await eventually(async () => {
      const job = await storedJob(worker, serviceId);
      return job?.failCount === 1 ? job : undefined;
    });
    expect(waiting.failReason).toBe("Cal.com answered 429");
    expect(waiting.nextRunAt?.getTime()).toBeGreaterThanOrEqual((attempts[0]?.at ?? 0) + 600);
    expect(await hasLiveJob(worker, serviceId)).toBe(true);

    await eventually(async () => !(await hasLiveJob(worker, serviceId)), 3_000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    const waited = (attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(600);
    expect(waited).toBeLessThan(2_500);
  });

  it("fails for good on an error that is not retryable, keeping the reason", async () => {
    let calls = 0;
    const worker = await startWorker(async () => {
      calls++;
      throw new Error("Cal.com rejected the API key (401)");
    });
    const serviceId = randomUUID();
    await enqueueSync(worker, { serviceId, attemptId: randomUUID() });

    await eventually(async () => (await storedJob(worker, serviceId))?.failedAt);
    await eventually(async () => !(await hasLiveJob(worker, serviceId)));
    const job = await storedJob(worker, serviceId);
    expect(job?.failReason).toBe("Cal.com rejected the API key (401)");
    expect(job?.nextRunAt ?? null).toBeNull();
    expect(calls).toBe(1);
  });

  it("stops after the policy's last attempt, telling the handler it is the last", async () => {
    const runs: SyncJobRun[] = [];
    const worker = await startWorker(async (run) => {
      runs.push(run);
      throw new RetryableJobError("Cal.com answered 503");
    });
    const serviceId = randomUUID();
    await enqueueSync(worker, { serviceId, attemptId: randomUUID() });

    await eventually(async () => (await storedJob(worker, serviceId))?.failCount === 3, 5_000);
    await eventually(async () => !(await hasLiveJob(worker, serviceId)));
    expect(runs.map((run) => [run.attempt, run.isLastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it("fails a job whose data is not a sync payload without calling the handler", async () => {
    let calls = 0;
    const worker = await startWorker(async () => {
      calls++;
    });
    // Queued under the sync job's name by a definition that lets any payload through.
    const loose = { ...syncJob(), payload: z.object({ serviceId: z.number() }), uniqueBy: undefined };
    await worker.enqueue(loose, { serviceId: 42 });

    const failed = await eventually(async () => {
      const [found] = await worker.list(loose);
      return found?.failReason ? found : undefined;
    });
    expect(failed.failReason).toMatch(/Invalid calcom\.update-event-type job data.*serviceId/s);
    expect(failed.failCount).toBe(1);
    expect(calls).toBe(0);
  });
});
