import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { createCalcomClient } from "@askpro/calcom";
import { Company, linkServiceEventType, Service } from "@askpro/db";
import { TEST_APP_SECRET } from "@askpro/db/testing";
import { runSync } from "@askpro/sync";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { serviceInput } from "./fixtures";
import { eventTypeTaken, isEventTypeUniqueViolation } from "./link-errors";

const ASKPRO_KEY = "cal_test_askpro_demo";
const ASKPRO_TEAM = 39203;
/** Praxis Nord's team event type: real in Cal.com, but not AskProAI's. */
const FOREIGN_EVENT_TYPE = 3664801;
const UNKNOWN_EVENT_TYPE = 9_999_999;

describe("linking and unlinking a Cal.com event type, against the sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  let callback: { id: string; version: number };
  /** A team event type of AskProAI that no service links yet. */
  let freeEventTypeId: number;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: ASKPRO_KEY } });
    admin = await testbed.signedIn("admin@askpro.test");
    const service = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "rueckruf-service" });
    callback = { id: service.id, version: service.version };
    const created = await createCalcomClient({ apiKey: ASKPRO_KEY, baseUrl: sandbox.url }).createEventType(
      { title: "Rückruf", slug: "rueckruf", lengthInMinutes: 10, schedulingType: "roundRobin", assignAllTeamMembers: true },
      { teamId: ASKPRO_TEAM },
    );
    freeEventTypeId = created.id;
  });
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  const stored = (id: string) => testbed.orm.em.fork().findOneOrFail(Service, { id });

  it("lists the company's team event types with the service each is linked to", async () => {
    const { source, eventTypes } = await admin.service.linkableEventTypes({ id: callback.id });

    expect(source).toBe("Cal.com team 39203");
    expect(sandbox.requests.some((request) => request.path === `/v2/teams/${ASKPRO_TEAM}/event-types`)).toBe(true);
    const quick = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    expect(eventTypes.find((row) => row.id === 3664712)).toEqual({
      id: 3664712,
      title: "15 Minuten Schnellberatung",
      slug: "15-minuten-schnellberatung",
      lengthInMinutes: 15,
      hidden: false,
      linkedService: { id: quick.id, name: "15 Minuten Schnellberatung" },
      linkedElsewhere: false,
    });
    expect(eventTypes.find((row) => row.id === 3664716)?.hidden).toBe(true);
    expect(eventTypes.find((row) => row.id === freeEventTypeId)).toMatchObject({ title: "Rückruf", linkedService: null, linkedElsewhere: false });
    // Neither another team's nor the key's user's own event types.
    expect(eventTypes.map((row) => row.id)).not.toContain(FOREIGN_EVENT_TYPE);
    expect(eventTypes.map((row) => row.id)).not.toContain(3664750);
  });

  it.each([
    ["another company's", FOREIGN_EVENT_TYPE],
    ["an unknown", UNKNOWN_EVENT_TYPE],
  ])("refuses %s event type with a reason and saves nothing", async (_, eventTypeId) => {
    const before = await stored(callback.id);

    const error = await rejectionOf(admin.service.link({ ...callback, eventTypeId }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(`Cal.com event type ${eventTypeId} is not one of this company's event types (not found for Cal.com team 39203). Nothing was linked.`);
    const after = await stored(callback.id);
    expect(after).toMatchObject({ calcomEventTypeId: null, version: before.version, syncStatus: before.syncStatus });
    expect(sandbox.requests.some((request) => request.path === `/v2/teams/${ASKPRO_TEAM}/event-types/${eventTypeId}` && request.status === 404)).toBe(true);
  });

  it("refuses an event type another service of the company already links, naming it", async () => {
    const error = await rejectionOf(admin.service.link({ ...callback, eventTypeId: 3664712 }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Cal.com event type 3664712 is already linked to “15 Minuten Schnellberatung”. An event type links to one service at most.");
    expect((await stored(callback.id)).calcomEventTypeId).toBeNull();
  });

  it("refuses a stale version and saves nothing", async () => {
    const error = await rejectionOf(admin.service.link({ ...callback, version: callback.version + 1, eventTypeId: freeEventTypeId }));
    expect(error.code).toBe("CONFLICT");
    expect((await stored(callback.id)).calcomEventTypeId).toBeNull();
  });

  it("answers SERVICE_UNAVAILABLE with Cal.com's trouble, saving nothing, when the check cannot be made", async () => {
    sandbox.setFault("GET /v2/teams/{teamId}/event-types/{eventTypeId}", { kind: "status", status: 500 }, 1);
    const error = await rejectionOf(admin.service.link({ ...callback, eventTypeId: freeEventTypeId }));
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Cal.com had a server error (500). Nothing was changed; try again." });
    expect(await stored(callback.id)).toMatchObject({ calcomEventTypeId: null, version: callback.version });
  });

  it("of two admins linking one event type to two services at the same instant, exactly one wins", async () => {
    const [first, second] = await Promise.all(["A", "B"].map((letter) => admin.service.create(serviceInput({ name: `Gleichzeitig ${letter}`, slug: `gleichzeitig-${letter.toLowerCase()}` }))));
    const spare = await createCalcomClient({ apiKey: ASKPRO_KEY, baseUrl: sandbox.url }).createEventType(
      { title: "Gleichzeitig", slug: "gleichzeitig", lengthInMinutes: 15, schedulingType: "roundRobin", assignAllTeamMembers: true },
      { teamId: ASKPRO_TEAM },
    );
    const outcomes = await Promise.allSettled(
      [first, second].map((service) => admin.service.link({ id: service?.id as string, version: 1, eventTypeId: spare.id })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Cal\.com event type \d+ is already linked to “Gleichzeitig [AB]”/) });
    expect(await testbed.orm.em.fork().count(Service, { calcomEventTypeId: spare.id })).toBe(1);
  });

  it("knows the unique constraint's error when a write loses the race after the holder check passed", async () => {
    const first = await admin.service.create(serviceInput({ name: "Rennen C", slug: "rennen-c" }));
    const second = await admin.service.create(serviceInput({ name: "Rennen D", slug: "rennen-d" }));
    const change = (service: typeof first) => ({ serviceId: service.id, companyId: null, version: service.version, eventTypeId: 8_000_001, at: new Date() });
    expect(await linkServiceEventType(testbed.orm.em.fork(), change(first))).toBe(true);

    const lost = await linkServiceEventType(testbed.orm.em.fork(), change(second)).then(() => undefined, (error: unknown) => error);

    expect(isEventTypeUniqueViolation(lost)).toBe(true);
    expect(isEventTypeUniqueViolation(new Error("other"))).toBe(false);
    expect(await eventTypeTaken(testbed.orm.em.fork(), 8_000_001, first.companyId)).toMatchObject({
      code: "CONFLICT",
      message: "Cal.com event type 8000001 is already linked to “Rennen C”. An event type links to one service at most.",
    });
  });

  it("links an event type of the company's own, after which a sync pushes the service to it", async () => {
    const linked = await admin.service.link({ ...callback, eventTypeId: freeEventTypeId });
    expect(linked).toMatchObject({ id: callback.id, calcomEventTypeId: freeEventTypeId, syncStatus: "never", version: callback.version + 1 });
    callback.version = linked.version;

    const listed = await admin.service.linkableEventTypes({ id: callback.id });
    expect(listed.eventTypes.find((row) => row.id === freeEventTypeId)?.linkedService).toEqual({ id: callback.id, name: "Rückruf-Service" });

    const queued = await admin.service.sync({ id: callback.id });
    if (queued.outcome !== "queued") throw new Error(`expected queued, got ${queued.outcome}`);
    const run = { jobId: queued.jobId, attempt: 1, maxAttempts: 5, isLastAttempt: false, job: { touch: async () => {} } as never };
    const calcom = { apiUrl: sandbox.url, apiKey: ASKPRO_KEY, appSecret: TEST_APP_SECRET };
    const outcome = await runSync({ em: testbed.orm.em.fork(), logger: pino({ level: "silent" }), calcom }, { serviceId: callback.id, attemptId: queued.attemptId }, run);

    expect(outcome).toBe("succeeded");
    expect(sandbox.getEventType(freeEventTypeId)).toMatchObject({ title: "Rückruf-Service", slug: "rueckruf-service" });
    expect((await stored(callback.id)).syncStatus).toBe("synced");
  });

  it("refuses a second link of the same event type to another service", async () => {
    const other = await admin.service.create(serviceInput({ slug: "zweiter-rueckruf" }));
    const error = await rejectionOf(admin.service.link({ id: other.id, version: other.version, eventTypeId: freeEventTypeId }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("already linked to “Rückruf-Service”");
    expect((await stored(other.id)).calcomEventTypeId).toBeNull();
  });

  it("refuses to unlink while a sync is pending, then unlinks and keeps the event type in Cal.com", async () => {
    const queued = await admin.service.sync({ id: callback.id });
    expect(queued.outcome).toBe("queued");
    const pending = await rejectionOf(admin.service.unlink(callback));
    expect(pending).toMatchObject({ code: "CONFLICT", message: "A sync of this service is pending. Wait until it has ended, then unlink." });
    expect((await stored(callback.id)).calcomEventTypeId).toBe(freeEventTypeId);

    // The job ends (here: as a worker's failure would record it) before the admin tries again.
    await testbed.orm.em.fork().nativeUpdate(Service, { id: callback.id }, { syncStatus: "error", syncError: "gave up" });
    const { version } = await stored(callback.id);
    const unlinked = await admin.service.unlink({ id: callback.id, version });

    expect(unlinked).toMatchObject({ calcomEventTypeId: null, syncStatus: "never", syncError: null, lastSyncedAt: null, version: version + 1 });
    expect(sandbox.getEventType(freeEventTypeId)).toMatchObject({ id: freeEventTypeId, title: "Rückruf-Service" });
    expect(sandbox.requests.some((request) => request.method === "DELETE")).toBe(false);
    // Free again: the picker offers it, and a sync answers that nothing is linked.
    const listed = await admin.service.linkableEventTypes({ id: callback.id });
    expect(listed.eventTypes.find((row) => row.id === freeEventTypeId)?.linkedService).toBeNull();
    expect(await admin.service.sync({ id: callback.id })).toEqual({ outcome: "no_event_type" });
  });

  it("on the key's user's path when the company has no team: lists and links only the user's event types", async () => {
    const em = testbed.orm.em.fork();
    await em.nativeUpdate(Company, { slug: "askproai" }, { calcomTeamId: null });
    try {
      const { version } = await stored(callback.id);
      const { source, eventTypes } = await admin.service.linkableEventTypes({ id: callback.id });
      expect(source).toBe("the Cal.com user of the company's API key");
      expect(eventTypes.map((row) => row.id)).toEqual([3664750]);

      const teamOnes = await rejectionOf(admin.service.link({ id: callback.id, version, eventTypeId: 3664712 }));
      expect(teamOnes.code).toBe("BAD_REQUEST");
      expect((await admin.service.link({ id: callback.id, version, eventTypeId: 3664750 })).calcomEventTypeId).toBe(3664750);
    } finally {
      await em.nativeUpdate(Company, { slug: "askproai" }, { calcomTeamId: ASKPRO_TEAM });
    }
  });

  it("answers PRECONDITION_FAILED, saving nothing, when the company has no usable Cal.com key", async () => {
    const saved = testbed.env.CALCOM_API_KEY;
    testbed.env.CALCOM_API_KEY = undefined;
    try {
      const other = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "zweiter-rueckruf" });
      expect((await rejectionOf(admin.service.linkableEventTypes({ id: other.id }))).code).toBe("PRECONDITION_FAILED");
      expect((await rejectionOf(admin.service.link({ id: other.id, version: other.version, eventTypeId: 3664712 }))).code).toBe("PRECONDITION_FAILED");
      expect((await stored(other.id)).calcomEventTypeId).toBeNull();
    } finally {
      testbed.env.CALCOM_API_KEY = saved;
    }
  });
});
