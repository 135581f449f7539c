import { Writable } from "node:stream";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Company, encryptSecret, Service, SyncAttempt } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { createJobs, type Jobs } from "@askpro/jobs";
import { requestSync } from "@askpro/sync";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { registerSyncJob } from "./register-sync-job";

/** The sandbox's keys: AskProAI's user is no member of Praxis Nord's team 39204, Praxis Nord's is. */
const GLOBAL_KEY = "cal_test_askpro_demo";
const PRAXIS_KEY = "cal_test_praxis_nord";
const APP_SECRET = "worker-test-app-secret-0123456789abcdef";
const TEAM_PATCH = "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}";

describe("a sync of a company with its own Cal.com key", () => {
  let db: TestOrm;
  let sandbox: CalcomSandbox;
  let api: Jobs;
  let worker: Jobs | undefined;
  let logText = "";
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logText += chunk.toString();
        done();
      },
    }),
  );

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([createTestOrm({ seed: true }), startCalcomSandbox()]);
    api = await createJobs({ databaseUrl: db.url, name: "api", processEvery: "30 seconds" });
  });
  afterEach(async () => {
    if (worker) await worker.stop({ drainTimeoutMs: 2_000 });
    worker = undefined;
    logText = "";
    sandbox.reset();
  });
  afterAll(async () => {
    await api.stop({ drainTimeoutMs: 2_000 });
    await Promise.all([db.close(), sandbox.stop()]);
  });

  async function startWorker(appSecret: string): Promise<void> {
    worker = await createJobs({ databaseUrl: db.url, name: "worker", processEvery: "30 seconds" });
    registerSyncJob(
      worker,
      { orm: db.orm, logger },
      { calcom: { apiUrl: sandbox.url, apiKey: GLOBAL_KEY, appSecret }, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 } },
    );
    await worker.start();
  }

  async function syncKrankengymnastik(): Promise<Service> {
    const em = db.orm.em.fork();
    const service = await em.findOneOrFail(Service, { slug: "krankengymnastik" });
    await em.nativeUpdate(Service, { id: service.id }, { syncStatus: "synced" });
    expect(await requestSync({ em, jobs: api, serviceId: service.id, companyId: null, requestedById: null, logger })).toMatchObject({ outcome: "queued" });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const now = await db.orm.em.fork().findOneOrFail(Service, { id: service.id });
      if (now.syncStatus !== "pending") return now;
      if (Date.now() > deadline) throw new Error("the sync did not finish within 15 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("patches Praxis Nord's team event type with the company's key, which never reaches a log line", async () => {
    await db.orm.em.fork().nativeUpdate(Company, { slug: "praxis-nord" }, { calcomApiKeyEncrypted: encryptSecret(PRAXIS_KEY, APP_SECRET) });
    await startWorker(APP_SECRET);

    const service = await syncKrankengymnastik();

    expect([service.syncStatus, service.syncError]).toEqual(["synced", null]);
    const patch = sandbox.requests.find((request) => request.endpoint === TEAM_PATCH);
    expect(patch).toMatchObject({ path: "/v2/teams/39204/event-types/3664802", status: 200 });
    expect(logText).toContain("synced with Cal.com");
    expect(logText).not.toContain(PRAXIS_KEY);
    expect(logText).not.toContain(APP_SECRET);
  });

  it("fails the sync with a readable reason, naming no secret, when APP_SECRET is not the one the key was stored with", async () => {
    await db.orm.em.fork().nativeUpdate(Company, { slug: "praxis-nord" }, { calcomApiKeyEncrypted: encryptSecret(PRAXIS_KEY, APP_SECRET) });
    const otherSecret = "another-worker-app-secret-0123456789abc";
    await startWorker(otherSecret);

    const service = await syncKrankengymnastik();

    expect(service.syncStatus).toBe("error");
    expect(service.syncReason).toEqual({ code: "key_unreadable" });
    expect(service.syncError).toContain("must be set again");
    // A permanent failure: no retries although the policy allows three attempts.
    expect(service.syncError).not.toContain("gave up");
    const latest = await db.orm.em.fork().findOneOrFail(SyncAttempt, { service: service.id }, { orderBy: { requestedAt: "desc" } });
    expect(latest).toMatchObject({ attemptNumber: 1, outcome: "failed" });
    // Not quietly sent with the global key instead.
    expect(sandbox.requests.filter((request) => request.endpoint === TEAM_PATCH)).toEqual([]);
    for (const secret of [PRAXIS_KEY, APP_SECRET, otherSecret]) {
      expect(service.syncError).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
  });
});
