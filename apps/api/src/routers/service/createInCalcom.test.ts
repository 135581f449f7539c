import { Service, SyncAttempt } from "@askpro/db";
import { createEventTypeJob, syncJob } from "@askpro/jobs";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, issuePaths, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { serviceInput } from "./fixtures";

type Caller = Awaited<ReturnType<Testbed["signedIn"]>>;

const STORES = ["postgres", "mongodb"] as const;

describe.each(STORES)("service.createInCalcom with jobs in %s", (store) => {
  let mongo: TestMongo | undefined;
  let testbed: Testbed;
  let admin: Caller;
  let id: Record<string, string>;

  beforeAll(async () => {
    mongo = store === "mongodb" ? await startTestMongo() : undefined;
    testbed = await createTestbed({ jobsDbUrl: mongo?.url });
    admin = await testbed.signedIn("admin@askpro.test");
    const services = await testbed.orm.em.fork().find(Service, {});
    id = Object.fromEntries(services.map((service) => [service.slug, service.id]));
  });
  afterAll(async () => {
    await testbed.close();
    await mongo?.stop();
  });

  const jobsOf = async (serviceId: string) => {
    const queue = await testbed.jobs.queue();
    return { creates: await queue.list(createEventTypeJob(), { serviceId }), syncs: await queue.list(syncJob(), { serviceId }) };
  };
  const attemptsOf = (serviceId: string) => testbed.orm.em.fork().find(SyncAttempt, { service: serviceId }, { populate: ["requestedBy"] });

  it("queues one create job for a service without an event type, marks it pending and records a create row of who asked", async () => {
    const serviceId = id["rueckruf-service"] as string;
    const result = await admin.service.createInCalcom({ id: serviceId });

    if (result.outcome !== "queued") throw new Error(`expected queued, got ${result.outcome}`);
    expect(await admin.service.byId({ id: serviceId })).toMatchObject({ syncStatus: "pending", calcomEventTypeId: null, syncError: null });
    const attempts = await attemptsOf(serviceId);
    expect(attempts.map((attempt) => [attempt.id, attempt.kind, attempt.requestedBy?.email])).toEqual([[result.attemptId, "create", "admin@askpro.test"]]);
    const { creates, syncs } = await jobsOf(serviceId);
    expect(creates.map((job) => [String(job._id), job.data])).toEqual([[result.jobId, { serviceId, attemptId: result.attemptId }]]);
    expect(syncs).toEqual([]);
    const [entry] = await admin.service.history({ id: serviceId });
    expect(entry).toMatchObject({ id: result.attemptId, outcome: null, requestedBy: { email: "admin@askpro.test" } });

    // A second click while it is pending, and a sync (no event type yet), queue nothing.
    expect(await admin.service.createInCalcom({ id: serviceId })).toEqual({ outcome: "already_pending" });
    expect(await admin.service.sync({ id: serviceId })).toEqual({ outcome: "no_event_type" });
    expect((await jobsOf(serviceId)).creates).toHaveLength(1);
    expect(await attemptsOf(serviceId)).toHaveLength(1);
  });

  it("of 30 simultaneous clicks by two admins queues exactly one create job", async () => {
    const created = await admin.service.create(serviceInput({ slug: `gleichzeitig-${store}` }));
    const operator = await testbed.operator();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? admin : operator).service.createInCalcom({ id: created.id })));
    expect(results.filter((result) => result.outcome === "queued")).toHaveLength(1);
    expect(results.filter((result) => result.outcome === "already_pending")).toHaveLength(29);
    expect((await jobsOf(created.id)).creates).toHaveLength(1);
    expect(await attemptsOf(created.id)).toHaveLength(1);
  });

  it("answers already_linked for a linked service, queueing nothing and leaving it as it was", async () => {
    const serviceId = id["15-minuten-schnellberatung"] as string;
    const before = await admin.service.byId({ id: serviceId });
    expect(await admin.service.createInCalcom({ id: serviceId })).toEqual({ outcome: "already_linked" });
    expect(await admin.service.byId({ id: serviceId })).toEqual(before);
    expect((await jobsOf(serviceId)).creates).toEqual([]);
  });

  it("is FORBIDDEN to a viewer, NOT_FOUND for another company's service, BAD_REQUEST for a bad id; queueing nothing", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const created = await admin.service.create(serviceInput({ slug: `nur-lesen-${store}` }));
    expect((await rejectionOf(viewer.service.createInCalcom({ id: created.id }))).code).toBe("FORBIDDEN");
    const foreign = id.krankengymnastik as string;
    const error = await rejectionOf(admin.service.createInCalcom({ id: foreign }));
    expect([error.code, error.message]).toEqual(["NOT_FOUND", "Service not found."]);
    const bad = await rejectionOf(admin.service.createInCalcom({ id: "not-a-uuid" }));
    expect([bad.code, issuePaths(bad)]).toEqual(["BAD_REQUEST", ["id"]]);
    for (const serviceId of [created.id, foreign]) expect((await jobsOf(serviceId)).creates).toEqual([]);
    expect((await admin.service.byId({ id: created.id })).syncStatus).toBe("never");
  });
});

describe("the assignment of team bookings: company default, service override", () => {
  let testbed: Testbed;
  let admin: Caller;

  beforeAll(async () => {
    testbed = await createTestbed();
    admin = await testbed.signedIn("admin@askpro.test");
  });
  afterAll(() => testbed.close());

  it("defaults to round robin, is set by an admin, refused to a viewer and for an unknown value", async () => {
    expect(await admin.company.calcomAssignment.get()).toEqual({ assignment: "roundRobin" });
    expect(await admin.company.calcomAssignment.set({ assignment: "collective" })).toEqual({ assignment: "collective" });
    expect(await admin.company.calcomAssignment.get()).toEqual({ assignment: "collective" });
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await rejectionOf(viewer.company.calcomAssignment.set({ assignment: "roundRobin" }))).code).toBe("FORBIDDEN");
    const bad = await rejectionOf(admin.company.calcomAssignment.set({ assignment: "managed" as never }));
    expect([bad.code, issuePaths(bad)]).toEqual(["BAD_REQUEST", ["assignment"]]);
    expect(await admin.company.calcomAssignment.get()).toEqual({ assignment: "collective" });
  });

  it("a service keeps its own override, or the company's default (null), through create and update; omitted leaves it", async () => {
    const created = await admin.service.create(serviceInput({ slug: "eigene-zuteilung", calcomAssignment: "collective" }));
    expect(created.calcomAssignment).toBe("collective");
    const updated = await admin.service.update({ ...serviceInput({ slug: "eigene-zuteilung", calcomAssignment: null }), id: created.id, version: created.version });
    expect(updated.calcomAssignment).toBeNull();
    const { calcomAssignment: _omitted, ...withoutAssignment } = serviceInput({ slug: "eigene-zuteilung", name: "Umbenannt" });
    const again = await admin.service.update({ ...withoutAssignment, id: created.id, version: updated.version });
    expect(again).toMatchObject({ name: "Umbenannt", calcomAssignment: null });
    const bad = await rejectionOf(admin.service.create(serviceInput({ slug: "falsch", calcomAssignment: "everyone" as never })));
    expect([bad.code, issuePaths(bad)]).toEqual(["BAD_REQUEST", ["calcomAssignment"]]);
  });
});
