import { Service } from "@askpro/db";
import { pauseSyncing, requestCreate, requestSync, resumeSyncing } from "@askpro/sync";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createWorkerMetrics } from "../src/metrics/worker-metrics";
import { eventually, sleep, STORES, useSyncTestbed } from "./support/testbed";

const silent = pino({ level: "silent" });

describe.each(STORES)("Pause syncing with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  /** A company (its own) with three linked services of the demo team, and another company with one. */
  async function twoCompanies() {
    const first = await testbed.createService({ slug: "paused-1", calcomEventTypeId: 3664712 });
    const em = testbed.orm.em.fork();
    const company = first.company;
    const more = [3664713, 3664714].map((calcomEventTypeId, index) =>
      em.create(Service, {
        company: company.id,
        name: `Paused ${index + 2}`,
        slug: `paused-${index + 2}`,
        durationMinutes: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        minimumBookingNoticeMinutes: 60,
        priceCents: 0,
        currency: "EUR",
        isActive: true,
        requiresConfirmation: false,
        disableGuests: false,
        calcomEventTypeId,
      }),
    );
    await em.flush();
    const other = await testbed.createService({ slug: "not-paused", calcomEventTypeId: 3664716 });
    return { companyId: company.id, paused: [first.id, ...more.map((service) => service.id)], other: other.id };
  }

  it("holds every request of a paused company (no PATCH, still pending with one job each), another company's click syncs, and Resume drains them at once", async () => {
    const { companyId, paused, other } = await twoCompanies();
    const pausedAt = await pauseSyncing({ em: testbed.orm.em.fork(), companyId, userId: null, logger: silent });
    expect(pausedAt).toBeInstanceOf(Date);
    // Far beyond every wait below: a held job that syncs after Resume was brought forward by it.
    const metrics = createWorkerMetrics();
    await testbed.startWorker({ pausedRecheckMs: 120_000, metrics });

    for (const serviceId of paused) await testbed.requestSync(serviceId);
    await testbed.requestSync(other);
    expect((await testbed.settled(other)).syncStatus).toBe("synced");
    // Every held job has run its look and been put back by now; give them time to misbehave.
    await eventually(async () => {
      const jobs = await testbed.syncJobs();
      return jobs.length === paused.length && jobs.every((job) => job.lockedAt == null && job.nextRunAt != null && job.nextRunAt.getTime() > Date.now() + 60_000) ? jobs : undefined;
    });
    await sleep(500);

    expect(testbed.patches().map((request) => request.path)).toEqual([expect.stringContaining("/event-types/3664716")]);
    for (const serviceId of paused) {
      expect((await testbed.service(serviceId)).syncStatus).toBe("pending");
      const attempts = await testbed.attempts(serviceId);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]?.startedAt).toBeNull();
      expect(await testbed.syncJobs(serviceId)).toHaveLength(1);
    }
    // A second click while held is the usual "already pending": still one job per service.
    const again = await requestSync({ em: testbed.orm.em.fork(), jobs: testbed.api, serviceId: paused[0] as string, companyId, requestedById: null, logger: silent });
    expect(again).toEqual({ outcome: "already_pending" });
    expect(await testbed.syncJobs(paused[0])).toHaveLength(1);

    const resumedAt = Date.now();
    const resumed = await resumeSyncing({ em: testbed.orm.em.fork(), jobs: testbed.api, companyId, userId: null, logger: silent });
    expect(resumed).toEqual({ woken: paused.length });
    for (const serviceId of paused) {
      const service = await testbed.settled(serviceId, 10_000);
      expect(service.syncStatus).toBe("synced");
      const [attempt] = await testbed.attempts(serviceId);
      expect(attempt?.outcome).toBe("succeeded");
      // Holding spent no attempt of the retry policy.
      expect(attempt?.attemptNumber).toBe(1);
    }
    expect(Date.now() - resumedAt).toBeLessThan(10_000);
    expect(testbed.patches()).toHaveLength(paused.length + 1);
    await eventually(async () => ((await testbed.syncJobs()).length === 0 ? true : undefined));
    // The pause is not a pickup delay: only the other company's job was picked up from the queue.
    const exported = await metrics.registry.metrics();
    expect(exported).toMatch(/^askpro_sync_job_pickup_delay_seconds_count 1$/m);
    expect(exported).toMatch(/^askpro_sync_jobs_total\{outcome="succeeded"\} 4$/m);
  });

  it("a job queued before the pause is held too, and pausing twice keeps the first time", async () => {
    const { companyId, paused } = await twoCompanies();
    const serviceId = paused[0] as string;
    await testbed.requestSync(serviceId);
    const em = testbed.orm.em.fork();
    const first = await pauseSyncing({ em, companyId, userId: null, logger: silent });
    await sleep(20);
    expect(await pauseSyncing({ em, companyId, userId: null, logger: silent })).toEqual(first);
    await testbed.startWorker({ pausedRecheckMs: 200 });
    // Several looks (every 200 ms) while paused: none sends.
    await sleep(1_200);
    expect(testbed.patches()).toHaveLength(0);
    expect((await testbed.service(serviceId)).syncStatus).toBe("pending");
    await resumeSyncing({ em, jobs: testbed.api, companyId, userId: null, logger: silent });
    expect((await testbed.settled(serviceId)).syncStatus).toBe("synced");
    expect(testbed.patches()).toHaveLength(1);
  });

  it("holds a Create in Cal.com too (no POST) until Resume, which creates it", async () => {
    const service = await testbed.createService({ slug: `held-create-${Date.now().toString(36)}`, calcomEventTypeId: null });
    const em = testbed.orm.em.fork();
    await pauseSyncing({ em, companyId: service.company.id, userId: null, logger: silent });
    await testbed.startWorker({ pausedRecheckMs: 120_000 });
    const queued = await requestCreate({ em, jobs: testbed.api, serviceId: service.id, companyId: null, requestedById: null, logger: silent });
    expect(queued.outcome).toBe("queued");
    await sleep(1_000);
    expect(testbed.sandbox.requests.filter((request) => request.method === "POST")).toHaveLength(0);
    expect((await testbed.service(service.id)).syncStatus).toBe("pending");

    expect(await resumeSyncing({ em, jobs: testbed.api, companyId: service.company.id, userId: null, logger: silent })).toEqual({ woken: 1 });
    const created = await testbed.settled(service.id);
    expect(created.syncStatus).toBe("synced");
    expect(created.calcomEventTypeId).not.toBeNull();
    expect(testbed.sandbox.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });
});
