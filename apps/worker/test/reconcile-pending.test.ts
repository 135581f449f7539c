import { SyncAttempt } from "@askpro/db";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { LOST_JOB_REASON, reconcilePendingSyncs } from "@askpro/sync";
import { captureLogs, STORES, useSyncTestbed } from "./support/testbed";

describe.each(STORES)("calcom.reconcile-pending with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  /** As if the sync had been asked for, and last attempted, `ms` ago. */
  async function age(serviceId: string, ms: number) {
    const em = testbed.orm.em.fork();
    const at = new Date(Date.now() - ms);
    await em.execute("UPDATE services SET last_sync_attempt_at = ? WHERE id = ?", [at, serviceId], "run");
    await em.execute("UPDATE sync_attempts SET requested_at = ? WHERE service_id = ?", [at, serviceId], "run");
  }

  const syncJobs = (serviceId: string) => testbed.syncJobs(serviceId);

  it("brings a service left pending with its job deleted to synced", async () => {
    const logs = captureLogs();
    const service = await testbed.createService();
    const { attemptId: lostAttemptId } = await testbed.requestSync(service.id);
    expect(await testbed.cancelJobs(service.id)).toBe(1);

    // Not stale yet at the reconciler's first run, which comes at start-up: a later run finds it.
    await testbed.startWorker({ logger: logs.logger, reconcile: { intervalMs: 200, pendingAfterMs: 500 }, processEvery: 100 });

    const synced = await testbed.settled(service.id);
    expect(synced).toMatchObject({ syncStatus: "synced", syncError: null });
    expect(testbed.patches()).toHaveLength(1);
    const attempts = await testbed.attempts(service.id);
    expect(attempts).toEqual([
      expect.objectContaining({ id: lostAttemptId, outcome: "failed", errorMessage: LOST_JOB_REASON }),
      expect.objectContaining({ requestedBy: null, outcome: "succeeded", attemptNumber: 1 }),
    ]);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: "re-enqueued a pending sync that had no job", service_id: service.id, attempt_id: attempts[1]?.id }),
    );
  });

  it("re-enqueues only stale pending services without a live job, and never twice", async () => {
    const withJob = await testbed.createService({ calcomEventTypeId: 3664713, slug: "mit-job" });
    const recent = await testbed.createService({ calcomEventTypeId: 3664714, slug: "gerade-erst" });
    const lost = await testbed.createService({ calcomEventTypeId: 3664715, slug: "verloren" });
    const neverAsked = await testbed.createService({ calcomEventTypeId: 3664716, slug: "nie-angefragt" });
    for (const service of [withJob, recent, lost]) await testbed.requestSync(service.id);
    await testbed.cancelJobs(recent.id);
    await testbed.cancelJobs(lost.id);
    await age(withJob.id, 10 * 60_000);
    await age(lost.id, 10 * 60_000);
    // No worker runs here: a queued job stays queued, which is what a live job looks like.
    const deps = { orm: testbed.orm, jobs: testbed.api, logger: pino({ level: "silent" }) };

    const first = await reconcilePendingSyncs(deps, { pendingAfterMs: 2 * 60_000 });
    expect(first.map((entry) => entry.serviceId)).toEqual([lost.id]);
    const [lostJob] = await syncJobs(lost.id);
    expect(lostJob?.data).toEqual({ serviceId: lost.id, attemptId: first[0]?.attemptId });
    expect(await testbed.orm.em.fork().findOneOrFail(SyncAttempt, { id: first[0]?.attemptId ?? "" })).toMatchObject({
      requestedBy: null,
      jobId: first[0]?.jobId,
    });

    expect(await reconcilePendingSyncs(deps, { pendingAfterMs: 2 * 60_000 })).toEqual([]);
    expect(await syncJobs(lost.id)).toHaveLength(1);
    expect(await syncJobs(withJob.id)).toHaveLength(1);
    expect(await syncJobs(recent.id)).toHaveLength(0);
    expect(await syncJobs(neverAsked.id)).toHaveLength(0);
    expect(testbed.sandbox.requests).toEqual([]);
  });
});
