import { randomUUID } from "node:crypto";
import { Company, type Orm, Service, SyncAttempt, User } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { createJobs, enqueueSync, type Jobs, syncJob } from "@askpro/jobs";
import { sleep, startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEnqueueFailure, type RequestSyncLogger, requestSync, SyncServiceNotFoundError } from "./request-sync";

const STORES = ["postgres", "mongodb"] as const;

/** Records what requestSync logs (it takes any pino-like logger). */
function recordingLogger() {
  const lines: { level: "info" | "error"; fields: Record<string, unknown>; message: string }[] = [];
  const logger: RequestSyncLogger = {
    info: (fields, message) => lines.push({ level: "info", fields: fields as Record<string, unknown>, message }),
    error: (fields, message) => lines.push({ level: "error", fields: fields as Record<string, unknown>, message }),
  };
  return { logger, lines };
}

describe.each(STORES)("requestSync with jobs in %s", (store) => {
  let db: TestOrm;
  let orm: Orm;
  let mongo: TestMongo | undefined;
  let jobs: Jobs;
  let company: Company;
  let otherCompany: Company;
  let admin: User;
  let nextEventTypeId = 5_000_000;
  const jobErrors: Error[] = [];

  const open = () =>
    createJobs({
      databaseUrl: db.url,
      jobsDbUrl: mongo?.url,
      name: "api",
      processEvery: "30 seconds",
      onError: (error) => jobErrors.push(error),
    });

  beforeAll(async () => {
    [db, mongo] = await Promise.all([createTestOrm(), store === "mongodb" ? startTestMongo() : undefined]);
    orm = db.orm;
    jobs = await open();
    const em = orm.em.fork();
    company = em.create(Company, { name: "Acme", slug: "acme", calcomTeamId: 39203 });
    otherCompany = em.create(Company, { name: "Other", slug: "other" });
    admin = em.create(User, { email: "admin@acme.test", passwordHash: "x", role: "admin", company });
    await em.flush();
  });

  afterAll(async () => {
    await jobs.stop({ drainTimeoutMs: 1_000 });
    await Promise.all([db.close(), mongo?.stop()]);
    expect(jobErrors.map((error) => error.message)).toEqual([]);
  });

  async function newService(overrides: { linked?: boolean; syncStatus?: Service["syncStatus"]; company?: Company } = {}) {
    const em = orm.em.fork();
    const slug = `service-${randomUUID().slice(0, 8)}`;
    const service = em.create(Service, {
      company: overrides.company ?? company,
      name: slug,
      slug,
      durationMinutes: 30,
      calcomEventTypeId: overrides.linked === false ? null : nextEventTypeId++,
      syncStatus: overrides.syncStatus ?? "synced",
      syncError: overrides.syncStatus === "error" ? "Cal.com had a server error (500)" : null,
    });
    await em.flush();
    return service;
  }

  const reload = (id: string) => orm.em.fork().findOneOrFail(Service, { id });
  const attemptsOf = (serviceId: string) => orm.em.fork().find(SyncAttempt, { service: serviceId }, { populate: ["requestedBy"] });
  const jobsOf = (serviceId: string) => jobs.list(syncJob(), { serviceId });

  function request(serviceId: string, overrides: Partial<Parameters<typeof requestSync>[0]> = {}) {
    return requestSync({
      em: orm.em.fork(),
      jobs,
      serviceId,
      companyId: company.id,
      requestedById: admin.id,
      logger: recordingLogger().logger,
      ...overrides,
    });
  }

  it("marks the service pending, records who asked and queues exactly one job, leaving the version alone", async () => {
    const service = await newService({ syncStatus: "error" });
    const { logger, lines } = recordingLogger();

    const result = await request(service.id, { logger });

    if (result.outcome !== "queued") throw new Error(`expected queued, got ${result.outcome}`);
    const after = await reload(service.id);
    expect(after).toMatchObject({ syncStatus: "pending", syncError: null, version: service.version });
    expect(after.lastSyncAttemptAt).toBeInstanceOf(Date);
    const [attempt, ...others] = await attemptsOf(service.id);
    expect(others).toEqual([]);
    // The job id reaches the attempt row when the worker starts the job, not before.
    expect(attempt).toMatchObject({ id: result.attemptId, jobId: null, outcome: null, finishedAt: null });
    expect(attempt?.requestedBy?.email).toBe("admin@acme.test");
    const jobs = await jobsOf(service.id);
    expect(jobs.map((job) => [String(job._id), job.data])).toEqual([[result.jobId, { serviceId: service.id, attemptId: result.attemptId }]]);
    expect(lines).toEqual([
      {
        level: "info",
        message: "sync queued",
        fields: { service_id: service.id, attempt_id: result.attemptId, requested_by: admin.id, job_id: result.jobId, outcome: "queued" },
      },
    ]);
  });

  it("answers no_event_type for a service without one, changing and queueing nothing", async () => {
    const service = await newService({ linked: false, syncStatus: "never" });
    expect(await request(service.id)).toEqual({ outcome: "no_event_type" });
    expect(await reload(service.id)).toMatchObject({ syncStatus: "never", lastSyncAttemptAt: null, version: service.version });
    expect(await attemptsOf(service.id)).toEqual([]);
    expect(await jobsOf(service.id)).toEqual([]);
  });

  it("answers already_pending while a sync is pending, and of 50 simultaneous requests queues exactly one", async () => {
    const service = await newService();
    const results = await Promise.all(Array.from({ length: 50 }, () => request(service.id)));
    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((outcome) => outcome === "queued")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "already_pending")).toHaveLength(49);
    expect(await request(service.id)).toEqual({ outcome: "already_pending" });
    expect(await attemptsOf(service.id)).toHaveLength(1);
    expect(await jobsOf(service.id)).toHaveLength(1);
  });

  it("treats another company's service like a missing one; the system may request any", async () => {
    const foreign = await newService({ company: otherCompany });
    for (const serviceId of [foreign.id, randomUUID(), "not-a-uuid"]) {
      await expect(request(serviceId)).rejects.toThrow(SyncServiceNotFoundError);
    }
    expect(await reload(foreign.id)).toMatchObject({ syncStatus: "synced", lastSyncAttemptAt: null });

    const result = await request(foreign.id, { companyId: null, requestedById: null });
    expect(result.outcome).toBe("queued");
    const [attempt] = await attemptsOf(foreign.id);
    expect(attempt?.requestedBy).toBeNull();
  });

  it("leaves the service in error with the reason when the job store is closed, and a later request starts again", async () => {
    const closed = await open();
    await closed.stop({ drainTimeoutMs: 1_000 });
    const service = await newService();
    const { logger, lines } = recordingLogger();

    const result = await request(service.id, { jobs: closed, logger });

    if (result.outcome !== "enqueue_failed") throw new Error(`expected enqueue_failed, got ${result.outcome}`);
    expect(result.reason).toMatch(/^Could not queue the sync: \S/);
    expect(await reload(service.id)).toMatchObject({ syncStatus: "error", syncError: result.reason, version: service.version });
    const [attempt] = await attemptsOf(service.id);
    expect(attempt).toMatchObject({ outcome: "failed", errorMessage: result.reason, jobId: null });
    expect(attempt?.finishedAt).toBeInstanceOf(Date);
    expect(lines).toEqual([
      expect.objectContaining({ level: "error", fields: expect.objectContaining({ service_id: service.id, reason: result.reason }) }),
    ]);
    expect(await jobsOf(service.id)).toEqual([]);

    expect((await request(service.id)).outcome).toBe("queued");
  });

  it("says why the job store could not be reached without repeating credentials", async () => {
    const service = await newService();
    const unreachable = () => Promise.reject(new Error("Could not connect to mongodb://jobs:hunter2@10.0.0.9:27017/askpro: timed out"));

    const result = await request(service.id, { jobs: unreachable });

    const reason = "Could not queue the sync: Could not connect to mongodb://10.0.0.9:27017/askpro: timed out";
    expect(result).toEqual({ outcome: "enqueue_failed", reason });
    expect(await reload(service.id)).toMatchObject({ syncStatus: "error", syncError: reason });
  });

  it("waits for an earlier attempt's job that is about to go, then queues its own", async () => {
    const service = await newService();
    await enqueueSync(jobs, { serviceId: service.id, attemptId: randomUUID() });

    const requesting = request(service.id);
    await sleep(300);
    for (const job of await jobsOf(service.id)) await jobs.cancel(String(job._id));
    const result = await requesting;

    if (result.outcome !== "queued") throw new Error(`expected queued, got ${result.outcome}`);
    const live = await jobsOf(service.id);
    expect(live.map((job) => [String(job._id), job.data])).toEqual([[result.jobId, { serviceId: service.id, attemptId: result.attemptId }]]);
  });

  it("joins a job that stays live (re-run after its worker died), which syncs the now pending service", async () => {
    const service = await newService();
    const em = orm.em.fork();
    const earlierAttempt = em.create(SyncAttempt, { service: service.id, requestedBy: null });
    await em.flush();
    const liveJobId = await enqueueSync(jobs, { serviceId: service.id, attemptId: earlierAttempt.id });

    const result = await request(service.id);

    expect(result).toEqual({ outcome: "queued", attemptId: earlierAttempt.id, jobId: liveJobId });
    expect((await attemptsOf(service.id)).map((attempt) => attempt.id)).toEqual([earlierAttempt.id]);
    expect((await reload(service.id)).syncStatus).toBe("pending");
    expect(await jobsOf(service.id)).toHaveLength(1);
  });
});

describe("describeEnqueueFailure", () => {
  it("drops user and password from any URL and keeps the reason short", () => {
    expect(describeEnqueueFailure(new Error("postgres://app:s3cret@db:5432/askpro refused; mongodb+srv://u:p@c.example.net too"))).toBe(
      "postgres://db:5432/askpro refused; mongodb+srv://c.example.net too",
    );
    expect(describeEnqueueFailure("x".repeat(1_000))).toHaveLength(300);
    expect(describeEnqueueFailure(new Error(""))).toBe("unknown error");
  });
});
