import { Writable } from "node:stream";
import { Service, SyncAttempt } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { syncJob } from "@askpro/jobs";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

type Caller = Awaited<ReturnType<Testbed["signedIn"]>>;

const STORES = ["postgres", "mongodb"] as const;

async function serviceIds(testbed: Testbed): Promise<Record<string, string>> {
  const services = await testbed.orm.em.fork().find(Service, {});
  return Object.fromEntries(services.map((service) => [service.slug, service.id]));
}

describe.each(STORES)("service.sync with jobs in %s", (store) => {
  let mongo: TestMongo | undefined;
  let testbed: Testbed;
  let admin: Caller;
  let id: Record<string, string>;

  beforeAll(async () => {
    mongo = store === "mongodb" ? await startTestMongo() : undefined;
    testbed = await createTestbed({ jobsDbUrl: mongo?.url });
    admin = await testbed.signedIn("admin@askpro.test");
    id = await serviceIds(testbed);
  });
  afterAll(async () => {
    await testbed.close();
    await mongo?.stop();
  });

  const jobsOf = async (serviceId: string) => {
    const queue = await testbed.jobs.queue();
    return queue.list(syncJob(), { serviceId });
  };
  const attemptsOf = (serviceId: string) =>
    testbed.orm.em.fork().find(SyncAttempt, { service: serviceId }, { populate: ["requestedBy"] });

  it("queues one job, marks the service pending and records who asked", async () => {
    const serviceId = id["60-minuten-strategieberatung"] as string;
    const result = await admin.service.sync({ id: serviceId });

    if (result.outcome !== "queued") throw new Error(`expected queued, got ${result.outcome}`);
    expect(await admin.service.byId({ id: serviceId })).toMatchObject({ syncStatus: "pending", syncError: null });
    const attempts = await attemptsOf(serviceId);
    expect(attempts.map((attempt) => [attempt.id, attempt.requestedBy?.email, attempt.jobId])).toEqual([
      // The worker records the job id on the attempt when it starts the job.
      [result.attemptId, "admin@askpro.test", null],
    ]);
    const jobs = await jobsOf(serviceId);
    expect(jobs.map((job) => [String(job._id), job.data])).toEqual([[result.jobId, { serviceId, attemptId: result.attemptId }]]);
  });

  it("answers no_event_type for a service without one, queueing nothing and leaving its status", async () => {
    const serviceId = id["rueckruf-service"] as string;
    expect(await admin.service.sync({ id: serviceId })).toEqual({ outcome: "no_event_type" });
    expect((await admin.service.byId({ id: serviceId })).syncStatus).toBe("never");
    expect(await jobsOf(serviceId)).toEqual([]);
    expect(await attemptsOf(serviceId)).toEqual([]);
  });

  it("answers already_pending for a pending service, queueing nothing", async () => {
    const serviceId = id["vor-ort-termin"] as string;
    const attemptsBefore = (await attemptsOf(serviceId)).length;
    expect(await admin.service.sync({ id: serviceId })).toEqual({ outcome: "already_pending" });
    expect(await jobsOf(serviceId)).toEqual([]);
    expect(await attemptsOf(serviceId)).toHaveLength(attemptsBefore);
  });

  it("of 50 simultaneous syncs by two admins queues exactly one job with one attempt", async () => {
    const serviceId = id["30-minuten-erstberatung"] as string;
    const operator = await testbed.operator();
    const attemptsBefore = (await attemptsOf(serviceId)).length;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? admin : operator).service.sync({ id: serviceId })));

    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((outcome) => outcome === "queued")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "already_pending")).toHaveLength(49);
    expect(await jobsOf(serviceId)).toHaveLength(1);
    expect(await attemptsOf(serviceId)).toHaveLength(attemptsBefore + 1);
  });

  it("leaves the version alone, so an edit form opened before the sync still saves", async () => {
    const serviceId = id.folgetermin as string;
    const opened = await admin.service.byId({ id: serviceId });
    expect((await admin.service.sync({ id: serviceId })).outcome).toBe("queued");

    // zod drops the DTO's read-only fields, leaving what the edit form sends (with the version it was opened at).
    const saved = await admin.service.update({ ...serviceUpdateSchema.parse(opened), durationMinutes: 50 });
    expect(saved).toMatchObject({ durationMinutes: 50, version: opened.version + 1, syncStatus: "pending" });
  });

  it("is FORBIDDEN to a viewer and NOT_FOUND for another company's service, queueing nothing", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const quick = id["15-minuten-schnellberatung"] as string;
    expect((await rejectionOf(viewer.service.sync({ id: quick }))).code).toBe("FORBIDDEN");

    const foreign = id.krankengymnastik as string;
    const error = await rejectionOf(admin.service.sync({ id: foreign }));
    expect([error.code, error.message]).toEqual(["NOT_FOUND", "Service not found."]);
    for (const serviceId of [quick, foreign]) {
      expect(await jobsOf(serviceId)).toEqual([]);
      expect((await testbed.orm.em.fork().findOneOrFail(Service, { id: serviceId })).syncStatus).toBe("synced");
    }
  });
});

describe("service.sync while the job store is unreachable", () => {
  const password = "hunter2-job-store";
  let testbed: Testbed;
  let log = "";

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    testbed = await createTestbed({
      jobsDbUrl: `mongodb://jobs:${password}@127.0.0.1:1/askpro?serverSelectionTimeoutMS=300`,
      logger: pino({ level: "info" }, sink),
    });
  });
  afterAll(() => testbed.close());

  it("answers enqueue_failed and leaves the service in error with the reason, never stuck pending", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const serviceId = (await serviceIds(testbed))["15-minuten-schnellberatung"] as string;
    const before = await admin.service.byId({ id: serviceId });

    const result = await admin.service.sync({ id: serviceId });

    if (result.outcome !== "enqueue_failed") throw new Error(`expected enqueue_failed, got ${result.outcome}`);
    expect(result.reason).toMatch(/^Could not queue the sync: Could not connect to the job store, MongoDB \(mongodb:\/\/127\.0\.0\.1:1\/askpro\)/);
    expect(await admin.service.byId({ id: serviceId })).toMatchObject({ syncStatus: "error", syncError: result.reason, version: before.version });
    const [attempt] = await admin.service.history({ id: serviceId });
    expect(attempt).toMatchObject({ outcome: "failed", errorMessage: result.reason, requestedBy: { email: "admin@askpro.test" } });
    expect(log).toContain('"outcome":"enqueue_failed"');
    expect(`${result.reason}${log}`).not.toContain(password);

    // Tried again on the next use, and failing the same way rather than leaving the service pending.
    expect((await admin.service.sync({ id: serviceId })).outcome).toBe("enqueue_failed");
    expect((await admin.service.byId({ id: serviceId })).syncStatus).toBe("error");
  });
});
