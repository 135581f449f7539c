import { claimSyncRequest, Company, Service, writeSyncRecords } from "@askpro/db";
import type { SyncReason } from "@askpro/domain";
import { syncJob } from "@askpro/jobs";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

const STORES = ["postgres", "mongodb"] as const;

describe.each(STORES)("operations page procedures with jobs in %s", (store) => {
  let mongo: TestMongo | undefined;
  let testbed: Testbed;
  let askpro: Company;
  let praxis: Company;
  /** AskProAI's seeded failure ("Folgetermin", event type gone) and one of Praxis Nord made here. */
  let askproFailed: Service;
  let praxisFailed: Service;

  beforeAll(async () => {
    mongo = store === "mongodb" ? await startTestMongo() : undefined;
    testbed = await createTestbed({ jobsDbUrl: mongo?.url });
    const em = testbed.orm.em.fork();
    askpro = await em.findOneOrFail(Company, { slug: "askproai" });
    praxis = await em.findOneOrFail(Company, { slug: { $ne: "askproai" } });
    askproFailed = await em.findOneOrFail(Service, { company: askpro, syncStatus: "error" });
    praxisFailed = await em.findOneOrFail(Service, { company: praxis, syncStatus: "synced" }, { orderBy: { name: "asc" } });
    // A sync of Praxis Nord that failed, recorded as the worker records one (through sync-records).
    const attemptId = await claimSyncRequest(em, { serviceId: praxisFailed.id, companyId: null, requestedById: null, at: new Date() });
    if (!attemptId) throw new Error("could not claim Praxis Nord's service");
    const reason: SyncReason = { code: "calcom_key_rejected", status: 401 };
    await writeSyncRecords(em, { serviceId: praxisFailed.id, attemptId }, { startedAt: new Date(), finishedAt: new Date(), outcome: "failed", reason }, { transition: "fail", reason });
  });
  afterAll(async () => {
    await testbed.close();
    await mongo?.stop();
  });

  const liveJobs = async (serviceId: string) => (await (await testbed.jobs.queue()).list(syncJob(), { serviceId })).filter((job) => job.nextRunAt != null || job.lockedAt != null);

  it("shows the operator every company with its failures and reasons; an admin only their own company's row, counts and failures; a viewer nothing", async () => {
    const operator = await testbed.operator();
    const all = await operator.operations.overview();
    expect(all.allCompanies).toBe(true);
    expect(all.windowHours).toBe(24);
    expect(all.companies.map((row) => row.companyId).sort()).toEqual([askpro.id, praxis.id].sort());
    const askproRow = all.companies.find((row) => row.companyId === askpro.id);
    // Seeded: one pending ("Sync pending", nothing running), one failed, two synced.
    expect(askproRow).toMatchObject({ companyName: "AskProAI", syncPausedAt: null, queued: 1, running: 0, failed: 1 });
    expect(askproRow?.successRate).toBeCloseTo(askproRow ? askproRow.succeeded / (askproRow.succeeded + 1) : Number.NaN);
    expect(all.failures.map((failure) => [failure.serviceId, failure.reason?.code]).sort()).toEqual(
      [
        [askproFailed.id, "event_type_not_found"],
        [praxisFailed.id, "calcom_key_rejected"],
      ].sort(),
    );

    const admin = await testbed.signedIn("admin@askpro.test");
    const own = await admin.operations.overview();
    expect(own.allCompanies).toBe(false);
    expect(own.companies.map((row) => row.companyId)).toEqual([askpro.id]);
    expect(own.failures.map((failure) => failure.serviceId)).toEqual([askproFailed.id]);
    const other = await (await testbed.signedIn("admin@praxis-nord.test")).operations.overview();
    expect(other.companies.map((row) => row.companyId)).toEqual([praxis.id]);
    expect(other.failures.map((failure) => failure.companyId)).toEqual([praxis.id]);

    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await rejectionOf(viewer.operations.overview())).code).toBe("FORBIDDEN");
  });

  it("Retry goes through the sync decision: queued once, then already pending; another company's service is not found", async () => {
    const praxisAdmin = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(praxisAdmin.operations.retry({ serviceId: askproFailed.id }))).code).toBe("NOT_FOUND");
    expect(await liveJobs(askproFailed.id)).toHaveLength(0);

    const admin = await testbed.signedIn("admin@askpro.test");
    const clicks = await Promise.all([admin.operations.retry({ serviceId: askproFailed.id }), admin.operations.retry({ serviceId: askproFailed.id }), admin.service.sync({ id: askproFailed.id })]);
    expect(clicks.map((click) => click.outcome).sort()).toEqual(["already_pending", "already_pending", "queued"]);
    expect(await liveJobs(askproFailed.id)).toHaveLength(1);
    // No longer failed: it left the list (its failure still counts in the window).
    const after = await admin.operations.overview();
    expect(after.failures).toEqual([]);
    expect(after.companies[0]).toMatchObject({ failed: 1, queued: 2 });
  });

  it("Retry all failed requests each failed service once, however many press it at once; an admin cannot name another company", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    expect((await rejectionOf(admin.operations.retryAllFailed({ companyId: praxis.id }))).code).toBe("NOT_FOUND");
    expect(await liveJobs(praxisFailed.id)).toHaveLength(0);

    const operator = await testbed.operator();
    const praxisAdmin = await testbed.signedIn("admin@praxis-nord.test");
    const results = await Promise.all([operator.operations.retryAllFailed({}), operator.operations.retryAllFailed({ companyId: praxis.id }), praxisAdmin.operations.retryAllFailed({})]);
    expect(results.reduce((sum, result) => sum + result.queued, 0)).toBe(1);
    expect(await liveJobs(praxisFailed.id)).toHaveLength(1);
    expect(await operator.operations.retryAllFailed({})).toMatchObject({ queued: 0 });
  });

  it("Pause syncing: set by the company's admin or an operator naming it, shown on the page; refused to another company's admin and a viewer", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    expect(await admin.company.syncPause.get({})).toEqual({ paused: false, pausedAt: null });
    const paused = await admin.company.syncPause.set({ paused: true });
    expect(paused.paused).toBe(true);
    expect(Date.parse(paused.pausedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);

    const praxisAdmin = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(praxisAdmin.company.syncPause.set({ companyId: askpro.id, paused: false }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(praxisAdmin.company.syncPause.get({ companyId: askpro.id }))).code).toBe("NOT_FOUND");
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await rejectionOf(viewer.company.syncPause.set({ paused: false }))).code).toBe("FORBIDDEN");

    const operator = await testbed.operator();
    expect((await rejectionOf(operator.company.syncPause.set({ paused: false }))).code).toBe("BAD_REQUEST");
    const rows = (await operator.operations.overview()).companies;
    expect(rows.find((row) => row.companyId === askpro.id)?.syncPausedAt).toBe(paused.pausedAt);
    expect(rows.find((row) => row.companyId === praxis.id)?.syncPausedAt).toBeNull();

    expect(await operator.company.syncPause.set({ companyId: askpro.id, paused: false })).toEqual({ paused: false, pausedAt: null });
    expect(await admin.company.syncPause.get({})).toEqual({ paused: false, pausedAt: null });
  });
});
