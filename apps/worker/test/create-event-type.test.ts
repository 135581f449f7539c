import { CALCOM_API_VERSION, createCalcomClient } from "@askpro/calcom";
import { Company, Service, SyncAttempt } from "@askpro/db";
import { mapServiceToEventTypeUpdate } from "@askpro/domain";
import { hasLiveCreateJob } from "@askpro/jobs";
import { requestCreate } from "@askpro/sync";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, ASKPRO_USER, eventually, type ServiceOverrides, STORES, useSyncTestbed } from "./support/testbed";

const TEAM_CREATE = "POST /v2/teams/{teamId}/event-types";
const silent = pino({ level: "silent" });

describe.each(STORES)("calcom.create-event-type (Create in Cal.com) with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  /** A service without an event type, of a company with the demo team unless told otherwise. */
  const unlinkedService = (overrides: ServiceOverrides = {}) =>
    testbed.createService({ name: "Rückruf-Service", slug: "rueckruf-service", calcomEventTypeId: null, ...overrides });

  async function create(serviceId: string) {
    const result = await requestCreate({ em: testbed.orm.em.fork(), jobs: testbed.api, serviceId, companyId: null, requestedById: null, logger: silent });
    if (result.outcome !== "queued") throw new Error(`create not queued: ${result.outcome}`);
    return result;
  }

  /** Waits until the create has ended and its job is gone, so that no further request can follow. */
  async function finished(serviceId: string) {
    const service = await testbed.settled(serviceId);
    await eventually(async () => !(await hasLiveCreateJob(testbed.api, serviceId)));
    return service;
  }

  /** The POSTs Cal.com received (since request number `from`). */
  const posts = (from = 0) => testbed.sandbox.requests.slice(from).filter((request) => request.method === "POST");

  it("creates the team event type with the company's assignment and every member as host, links it and ends synced", async () => {
    const service = await unlinkedService();
    const { attemptId, jobId } = await create(service.id);
    expect((await testbed.service(service.id)).syncStatus).toBe("pending");
    await testbed.startWorker();

    const done = await finished(service.id);
    const [created] = testbed.sandbox.eventTypes({ slug: "rueckruf-service" });
    expect(created).toMatchObject({ teamId: ASKPRO_TEAM, title: "Rückruf-Service", lengthInMinutes: 20, schedulingType: "roundRobin" });
    expect(done).toMatchObject({ syncStatus: "synced", syncError: null, calcomEventTypeId: created?.id, version: service.version + 1 });
    expect(done.lastSyncedAt).toBeInstanceOf(Date);

    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({
      path: `/v2/teams/${ASKPRO_TEAM}/event-types`,
      status: 201,
      body: { ...mapServiceToEventTypeUpdate(service), schedulingType: "roundRobin", assignAllTeamMembers: true },
    });
    expect(posts()[0]?.body).not.toHaveProperty("hosts");
    expect(posts()[0]?.headers["cal-api-version"]).toBe(CALCOM_API_VERSION);

    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ id: attemptId, kind: "create", outcome: "succeeded", jobId, httpStatus: 201, errorMessage: null });
    expect(attempt?.attemptLog).toEqual([expect.objectContaining({ method: "POST", path: `/v2/teams/${ASKPRO_TEAM}/event-types`, httpStatus: 201 })]);
  });

  it("takes the service's own assignment over the company's default", async () => {
    const service = await unlinkedService();
    const em = testbed.orm.em.fork();
    await em.nativeUpdate(Company, { id: service.company.id }, { calcomAssignment: "roundRobin" });
    await em.nativeUpdate(Service, { id: service.id }, { calcomAssignment: "collective" });
    await create(service.id);
    await testbed.startWorker();

    expect(await finished(service.id)).toMatchObject({ syncStatus: "synced" });
    expect(posts()[0]?.body).toMatchObject({ schedulingType: "collective", assignAllTeamMembers: true });
  });

  it("creates on the key's user path when the company has no team, without scheduling fields", async () => {
    const service = await unlinkedService({ calcomTeamId: null, slug: "rueckruf-user" });
    await create(service.id);
    await testbed.startWorker();

    const done = await finished(service.id);
    const [created] = testbed.sandbox.eventTypes({ slug: "rueckruf-user", ownerId: ASKPRO_USER });
    expect(done).toMatchObject({ syncStatus: "synced", calcomEventTypeId: created?.id });
    expect(posts()).toEqual([expect.objectContaining({ path: "/v2/event-types", status: 201 })]);
    expect(posts()[0]?.body).not.toHaveProperty("schedulingType");
  });

  it("a lost answer: the retry finds the event type by slug and links it, creating no second one", async () => {
    const service = await unlinkedService();
    testbed.sandbox.setFault(TEAM_CREATE, { kind: "lost_response" }, 1);
    const { attemptId } = await create(service.id);
    await testbed.startWorker();

    const done = await finished(service.id);
    const withSlug = testbed.sandbox.eventTypes({ slug: "rueckruf-service" });
    expect(withSlug).toHaveLength(1);
    expect(done).toMatchObject({ syncStatus: "synced", syncError: null, calcomEventTypeId: withSlug[0]?.id });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ answerLost: true, status: 201 });

    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ id: attemptId, outcome: "succeeded", attemptNumber: 2 });
    expect(attempt?.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, method: "POST", httpStatus: null, errorCode: "network" }),
      expect.objectContaining({ attempt: 2, method: "GET", path: `/v2/teams/${ASKPRO_TEAM}/event-types?eventSlug=rueckruf-service`, httpStatus: 200 }),
    ]);
  });

  /**
   * What a worker killed after Cal.com created the event type leaves: a history row of the create whose
   * POST has no answer, and the event type in Cal.com (made here with the client, as the lost POST did).
   */
  async function afterKilledWorker(serviceOverrides: ServiceOverrides, eventTypeChange: Record<string, unknown> = {}) {
    const service = await unlinkedService(serviceOverrides);
    const client = createCalcomClient({ apiKey: testbed.freshKey(), baseUrl: testbed.sandbox.url });
    const made = await client.createEventType(
      { ...mapServiceToEventTypeUpdate(service), schedulingType: "roundRobin", assignAllTeamMembers: true, ...eventTypeChange } as never,
      { teamId: ASKPRO_TEAM },
    );
    const em = testbed.orm.em.fork();
    const call = { attempt: 1, method: "POST", path: `/v2/teams/${ASKPRO_TEAM}/event-types`, startedAt: new Date().toISOString() };
    em.create(SyncAttempt, {
      service: service.id,
      kind: "create",
      requestedBy: null,
      outcome: "failed",
      attemptLog: [{ ...call, finishedAt: null, durationMs: null, httpStatus: null, errorCode: null, errorMessage: null }],
    });
    await em.flush();
    await em.nativeUpdate(Service, { id: service.id }, { syncStatus: "error" });
    return { service, made, requestsBefore: testbed.sandbox.requests.length };
  }

  it("a worker killed after Cal.com created it: the next create links that event type without a POST", async () => {
    const { service, made, requestsBefore } = await afterKilledWorker({});
    await create(service.id);
    await testbed.startWorker();

    expect(await finished(service.id)).toMatchObject({ syncStatus: "synced", calcomEventTypeId: made.id });
    expect(posts(requestsBefore)).toEqual([]);
    expect(testbed.sandbox.eventTypes({ slug: "rueckruf-service" })).toHaveLength(1);
  });

  it("an event type that holds the slug but not what the service would create is someone else's: slug_taken, naming it, nothing created or linked", async () => {
    const { service, made, requestsBefore } = await afterKilledWorker({}, { lengthInMinutes: 45 });
    await create(service.id);
    await testbed.startWorker();

    const done = await finished(service.id);
    expect(done).toMatchObject({
      syncStatus: "error",
      calcomEventTypeId: null,
      syncReason: { code: "slug_taken", slug: "rueckruf-service", eventTypeId: made.id, title: "Rückruf-Service" },
    });
    expect(done.syncError).toContain(`Cal.com event type ${made.id}`);
    expect(posts(requestsBefore)).toEqual([]);
  });

  it("an unrelated event type holding the slug (no create of ours went unanswered): Cal.com's refusal names it, nothing linked", async () => {
    // The fixture's "30 Minuten Erstberatung" of the demo team.
    const service = await unlinkedService({ slug: "30-minuten-erstberatung" });
    const { attemptId } = await create(service.id);
    await testbed.startWorker();

    const done = await finished(service.id);
    expect(done).toMatchObject({
      syncStatus: "error",
      calcomEventTypeId: null,
      syncReason: { code: "slug_taken", slug: "30-minuten-erstberatung", eventTypeId: 3664713, title: "30 Minuten Erstberatung" },
    });
    expect(posts()).toEqual([expect.objectContaining({ status: 400 })]);
    expect(testbed.sandbox.eventTypes({ slug: "30-minuten-erstberatung" })).toHaveLength(1);
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ id: attemptId, outcome: "failed", httpStatus: 400, reason: { code: "slug_taken", eventTypeId: 3664713 } });
  });

  it("an event type holding the slug that another service links is never taken, even after an unanswered POST", async () => {
    const { service, made } = await afterKilledWorker({});
    const em = testbed.orm.em.fork();
    const other = em.create(Service, { company: service.company.id, name: "Andere", slug: "andere", durationMinutes: 20, calcomEventTypeId: made.id });
    await em.flush();
    await create(service.id);
    await testbed.startWorker();

    expect(await finished(service.id)).toMatchObject({ syncStatus: "error", calcomEventTypeId: null, syncReason: { code: "slug_taken", eventTypeId: made.id } });
    expect((await testbed.service(other.id)).calcomEventTypeId).toBe(made.id);
  });

  it("a create whose job was lost is queued again by the reconciler as a create (never as a sync), and ends linked", async () => {
    const service = await unlinkedService();
    const { attemptId: lostAttemptId } = await create(service.id);
    expect(await testbed.cancelJobs(service.id)).toBe(1);
    await testbed.startWorker({ reconcile: { intervalMs: 200, pendingAfterMs: 500 }, processEvery: 100 });

    const done = await finished(service.id);
    const [created] = testbed.sandbox.eventTypes({ slug: "rueckruf-service" });
    expect(done).toMatchObject({ syncStatus: "synced", calcomEventTypeId: created?.id });
    expect(posts()).toHaveLength(1);
    expect(testbed.patches()).toEqual([]);
    const attempts = await testbed.attempts(service.id);
    expect(attempts).toEqual([
      expect.objectContaining({ id: lostAttemptId, kind: "create", outcome: "failed" }),
      expect.objectContaining({ kind: "create", requestedBy: null, outcome: "succeeded" }),
    ]);
  });

  it("a team create Cal.com refuses for good ends in error with Cal.com's words; a linked or pending service is not claimed", async () => {
    const service = await unlinkedService();
    testbed.sandbox.setFault(TEAM_CREATE, { kind: "status", status: 403, message: "You are not an admin of this team" }, 1);
    await create(service.id);
    await testbed.startWorker();
    expect(await finished(service.id)).toMatchObject({ syncStatus: "error", calcomEventTypeId: null, syncReason: { code: "calcom_forbidden", status: 403 } });

    const linked = await testbed.createService({ slug: "verlinkt" });
    const request = (serviceId: string) => requestCreate({ em: testbed.orm.em.fork(), jobs: testbed.api, serviceId, companyId: null, requestedById: null, logger: silent });
    expect(await request(linked.id)).toEqual({ outcome: "already_linked" });
    const again = await unlinkedService({ slug: "noch-einer" });
    testbed.sandbox.setFault(TEAM_CREATE, { kind: "latency", ms: 500 }, 1);
    expect((await request(again.id)).outcome).toBe("queued");
    expect(await request(again.id)).toEqual({ outcome: "already_pending" });
    await finished(again.id);
  });
});
