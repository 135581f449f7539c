import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { calcomRateBudgetStore, Company, type Orm, Service, SyncAttempt } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import {
  checkDriftJob,
  createEventTypeJob,
  createJobs,
  type Jobs,
  type JobsOptions,
  type RetryPolicy,
  reconcileJob,
  scheduleDriftChecksJob,
  syncJob,
} from "@askpro/jobs";
import { eventually, startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { requestSync } from "@askpro/sync";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Logger } from "../../src/logger";
import { registerDriftJobs } from "../../src/drift/register-drift-jobs";
import type { DriftCheckMetrics, SyncJobMetrics } from "../../src/metrics/worker-metrics";
import { registerReconcileJob, type ReconcileJobConfig } from "../../src/reconcile/register-reconcile-job";
import { registerSyncJob } from "../../src/sync/register-sync-job";

export const STORES = ["postgres", "mongodb"] as const;
export type StoreKind = (typeof STORES)[number];

/** The sandbox's AskProAI user (member of team 39203), its team and the event type of "15 Minuten Schnellberatung". */
export const ASKPRO_USER = 1201;
export const ASKPRO_TEAM = 39203;
export const PRAXIS_TEAM = 39204;
export const SCHNELLBERATUNG = 3664712;
export const TEAM_PATCH = "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}";

/** The production policy's shape, with delays in milliseconds instead of minutes. */
/** Encrypts the companies' own Cal.com keys in these tests. */
export const TEST_APP_SECRET = "worker-test-app-secret-0123456789abcdef";

export const FAST_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 400, jitter: 0.2 };

export { eventually, sleep } from "@askpro/jobs/testing";

/** A pino logger like the worker's, writing JSON lines into memory. */
export function captureLogs(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return {
    logger: pino({ level: "debug" }, sink),
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface WorkerOptions {
  apiKey?: string | undefined;
  timeoutMs?: number;
  retry?: RetryPolicy;
  reconcile?: ReconcileJobConfig;
  logger?: Logger;
  lockLifetimeMs?: number;
  /** How long a paused company's sync waits before it looks again. */
  pausedRecheckMs?: number;
  /** Agenda's poll, which is what brings a recurring job round again (wake-ups only carry new and retried jobs). */
  processEvery?: number;
  metrics?: SyncJobMetrics & Partial<DriftCheckMetrics>;
  /** Also run the drift check and schedule it every intervalMs. */
  drift?: { intervalMs: number };
}

export interface ServiceOverrides {
  name?: string;
  slug?: string;
  calcomEventTypeId?: number | null;
  calcomTeamId?: number | null;
}

/**
 * Per describe block: a migrated PostgreSQL database, the job store (that database, or a MongoDB
 * of its own), the Cal.com sandbox and an "api" Agenda that enqueues as the api does. Per test:
 * workers made with startWorker(), stopped afterwards, and everything emptied again.
 */
export function useSyncTestbed(store: StoreKind) {
  let db: TestOrm | undefined;
  let mongo: TestMongo | undefined;
  let sandbox: CalcomSandbox | undefined;
  let api: Jobs | undefined;
  let workers: Jobs[] = [];
  let errors: Error[] = [];

  const openJobs = (options: Partial<JobsOptions>) => {
    if (!db) throw new Error("the testbed is not started");
    return createJobs({
      databaseUrl: db.url,
      jobsDbUrl: mongo?.url,
      // Far beyond every wait here: a job that starts in time was woken by NOTIFY.
      processEvery: "30 seconds",
      onError: (error) => errors.push(error),
      ...options,
    });
  };

  beforeAll(async () => {
    [db, mongo, sandbox] = await Promise.all([createTestOrm(), store === "mongodb" ? startTestMongo() : undefined, startCalcomSandbox()]);
    api = await openJobs({ name: "api" });
  });

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop({ drainTimeoutMs: 2_000 })));
    workers = [];
    if (api) await testbed.cancelJobs();
    await db?.orm.em.fork().nativeDelete(Company, {});
    sandbox?.reset();
    const reported = errors.map((error) => error.message);
    errors = [];
    expect(reported).toEqual([]);
  });

  afterAll(async () => {
    if (api) await api.stop({ drainTimeoutMs: 2_000 });
    await Promise.all([db?.close(), mongo?.stop(), sandbox?.stop()]);
  });

  const testbed = {
    /** The application database: services, and the jobs too when the store is PostgreSQL. */
    get databaseUrl(): string {
      if (!db) throw new Error("the testbed is not started");
      return db.url;
    },
    /** The MongoDB holding the jobs, for the "mongodb" store. */
    get jobsDbUrl(): string | undefined {
      return mongo?.url;
    },
    get orm(): Orm {
      if (!db) throw new Error("the testbed is not started");
      return db.orm;
    },
    get sandbox(): CalcomSandbox {
      if (!sandbox) throw new Error("the testbed is not started");
      return sandbox;
    },
    get api(): Jobs {
      if (!api) throw new Error("the testbed is not started");
      return api;
    },

    /**
     * A fresh API key of the AskProAI user: the Cal.com client paces per key, so a 429 in one test
     * does not hold back the next.
     */
    freshKey(): string {
      const key = `cal_test_worker_${randomUUID().replaceAll("-", "")}`;
      testbed.sandbox.addApiKey(key, ASKPRO_USER);
      return key;
    },

    /** A worker as main.ts sets it up, with delays scaled down. */
    async startWorker(options: WorkerOptions = {}): Promise<Jobs> {
      const worker = await openJobs({ name: "worker", ...(options.processEvery ? { processEvery: options.processEvery } : {}) });
      workers.push(worker);
      const deps = { orm: testbed.orm, logger: options.logger ?? pino({ level: "silent" }), metrics: options.metrics };
      const apiKey = "apiKey" in options ? options.apiKey : testbed.freshKey();
      registerSyncJob(worker, deps, {
        // The key's budget in PostgreSQL, as apps/worker composes it (src/jobs/index.ts).
        calcom: { apiUrl: testbed.sandbox.url, apiKey, appSecret: TEST_APP_SECRET, timeoutMs: options.timeoutMs, rateBudget: calcomRateBudgetStore(testbed.orm) },
        retry: options.retry ?? FAST_RETRY,
        lockLifetimeMs: options.lockLifetimeMs,
        pausedRecheckMs: options.pausedRecheckMs,
      });
      if (options.reconcile) await registerReconcileJob(worker, deps, options.reconcile);
      if (options.drift) {
        const metrics = options.metrics?.driftCheckFinished ? (options.metrics as SyncJobMetrics & DriftCheckMetrics) : undefined;
        const calcom = { apiUrl: testbed.sandbox.url, apiKey, appSecret: TEST_APP_SECRET, rateBudget: calcomRateBudgetStore(testbed.orm) };
        await registerDriftJobs(worker, { ...deps, metrics }, { calcom, intervalMs: options.drift.intervalMs });
      }
      await worker.start();
      return worker;
    },

    /** A company with a Cal.com team (the demo team unless told otherwise) and one service linked to an event type. */
    async createService(overrides: ServiceOverrides = {}): Promise<Service> {
      const em = testbed.orm.em.fork();
      const company = em.create(Company, {
        name: "AskProAI",
        slug: `askproai-${randomUUID().slice(0, 8)}`,
        calcomTeamId: "calcomTeamId" in overrides ? overrides.calcomTeamId : ASKPRO_TEAM,
      });
      const service = em.create(Service, {
        company,
        name: overrides.name ?? "Schnellberatung am Telefon",
        slug: overrides.slug ?? "schnellberatung-am-telefon",
        description: "Zehn Minuten für eine konkrete Frage.",
        durationMinutes: 20,
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 10,
        minimumBookingNoticeMinutes: 90,
        priceCents: 4900,
        currency: "EUR",
        isActive: true,
        requiresConfirmation: true,
        disableGuests: true,
        calcomEventTypeId: "calcomEventTypeId" in overrides ? overrides.calcomEventTypeId : SCHNELLBERATUNG,
      });
      await em.flush();
      return service;
    },

    /** What the api's `service.sync` does: `pending`, a sync-attempt row, one job. */
    async requestSync(serviceId: string): Promise<{ attemptId: string; jobId: string }> {
      const result = await requestSync({
        em: testbed.orm.em.fork(),
        jobs: testbed.api,
        serviceId,
        companyId: null,
        requestedById: null,
        logger: pino({ level: "silent" }),
      });
      if (result.outcome !== "queued") throw new Error(`sync not queued: ${result.outcome}`);
      return result;
    },

    async service(id: string): Promise<Service> {
      return testbed.orm.em.fork().findOneOrFail(Service, { id });
    },

    async attempts(serviceId: string): Promise<SyncAttempt[]> {
      return testbed.orm.em.fork().find(SyncAttempt, { service: serviceId }, { orderBy: { requestedAt: "asc" } });
    },

    /** Waits until the service's sync has ended (no longer `pending`) and returns it. */
    async settled(serviceId: string, timeoutMs = 10_000): Promise<Service> {
      return eventually(async () => {
        const service = await testbed.service(serviceId);
        return service.syncStatus === "pending" ? undefined : service;
      }, timeoutMs);
    },

    /** The stored sync jobs of the service (all services when none is named). */
    async syncJobs(serviceId?: string) {
      return testbed.api.list(syncJob(), serviceId === undefined ? undefined : { serviceId });
    },

    /** Cancels the stored sync and create jobs of the service (all, and the reconciler's schedule, when none is named); resolves to how many. */
    async cancelJobs(serviceId?: string): Promise<number> {
      const stored = [
        ...(await testbed.syncJobs(serviceId)),
        ...(await testbed.api.list(createEventTypeJob(), serviceId === undefined ? undefined : { serviceId })),
        ...(serviceId === undefined ? await testbed.api.list(reconcileJob) : []),
        ...(serviceId === undefined ? [...(await testbed.api.list(checkDriftJob)), ...(await testbed.api.list(scheduleDriftChecksJob))] : []),
      ];
      for (const job of stored) await testbed.api.cancel(String(job._id));
      return stored.length;
    },

    patches(): CalcomSandbox["requests"] {
      return testbed.sandbox.requests.filter((request) => request.method === "PATCH");
    },
  };
  return testbed;
}
