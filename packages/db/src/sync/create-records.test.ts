import { randomUUID } from "node:crypto";
import { canApplySyncTransition, SYNC_STATUSES, SYNC_TRANSITIONS, type SyncReason, type SyncStatus } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service, SyncAttempt } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { claimCreateRequest, hasUnansweredCreateCall, linkCreatedEventType, serviceCreateState } from "./sync-records";

describe("Create in Cal.com's status writes", () => {
  let db: TestOrm;
  let company: Company;
  let nextEventTypeId = 8_000_000;

  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    company = em.create(Company, { name: "Acme", slug: "acme" });
    await em.flush();
  });
  afterAll(() => db.close());

  async function serviceIn(syncStatus: SyncStatus, calcomEventTypeId: number | null = null) {
    const em = db.orm.em.fork();
    const slug = `s-${randomUUID().slice(0, 8)}`;
    const service = em.create(Service, { company, name: slug, slug, durationMinutes: 30, calcomEventTypeId, syncStatus });
    const attempt = em.create(SyncAttempt, { service, requestedBy: null, kind: "create" });
    await em.flush();
    return { service, attemptId: attempt.id };
  }
  const reload = (id: string) => db.orm.em.fork().findOneOrFail(Service, { id });
  const at = new Date("2026-12-02T10:00:00Z");
  const sent = {
    name: "n",
    slug: "n",
    description: "",
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumBookingNoticeMinutes: 0,
    isActive: true,
    requiresConfirmation: false,
    disableGuests: false,
  };
  const notApplied: SyncReason = { code: "unapplied_fields", fields: [{ field: "hidden", sent: false, calcom: true }] };

  it.each(SYNC_STATUSES)("requestCreate from %s: claims exactly when the table allows it, with a create history row", async (from) => {
    const { service } = await serviceIn(from);
    const attemptId = await claimCreateRequest(db.orm.em.fork(), { serviceId: service.id, companyId: company.id, requestedById: null, at });
    const legal = canApplySyncTransition("requestCreate", from);
    expect(attemptId !== undefined).toBe(legal);
    expect((await reload(service.id)).syncStatus).toBe(legal ? "pending" : from);
    if (attemptId) expect(await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: attemptId })).toMatchObject({ kind: "create", requestedAt: at });
  });

  it("claims no linked service, nor one of another company, and says why", async () => {
    const linked = await serviceIn("never", nextEventTypeId++);
    const em = db.orm.em.fork();
    expect(await claimCreateRequest(em, { serviceId: linked.service.id, companyId: company.id, requestedById: null, at })).toBeUndefined();
    expect(await serviceCreateState(em, linked.service.id, company.id)).toEqual({ linked: true, syncStatus: "never" });
    const free = await serviceIn("never");
    expect(await claimCreateRequest(em, { serviceId: free.service.id, companyId: randomUUID(), requestedById: null, at })).toBeUndefined();
    expect(await serviceCreateState(em, free.service.id, randomUUID())).toBeUndefined();
  });

  it.each(SYNC_STATUSES.flatMap((from) => (["linkCreated", "linkCreatedNotApplied"] as const).map((name) => [name, from] as const)))(
    "%s from %s: links exactly when the table allows it, as a versioned edit",
    async (name, from) => {
      const { service, attemptId } = await serviceIn(from);
      const eventTypeId = nextEventTypeId++;
      const link = name === "linkCreated" ? { transition: name, eventTypeId, at, sent } : { transition: name, eventTypeId, at, reason: notApplied };
      const applied = await linkCreatedEventType(db.orm.em.fork(), { serviceId: service.id, attemptId }, link, { finishedAt: at, outcome: "succeeded" });
      const legal = canApplySyncTransition(name, from);
      expect(applied).toBe(legal);
      const after = await reload(service.id);
      expect(after.syncStatus).toBe(legal ? SYNC_TRANSITIONS[name].to : from);
      expect(after.calcomEventTypeId).toBe(legal ? eventTypeId : null);
      expect(after.version).toBe(legal ? service.version + 1 : service.version);
      if (legal) {
        expect(after.syncError).toBe(name === "linkCreated" ? null : "Cal.com did not apply: hidden (sent false, Cal.com has true)");
        expect(after.syncReason).toEqual(name === "linkCreated" ? null : notApplied);
      }
      // The attempt row records what the job did either way.
      expect(await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: attemptId })).toMatchObject({ outcome: "succeeded" });
    },
  );

  it("links no service that has an event type already, and an event type held by another service fails on the unique constraint", async () => {
    const { service, attemptId } = await serviceIn("pending", nextEventTypeId++);
    const link = { transition: "linkCreated", eventTypeId: nextEventTypeId++, at, sent } as const;
    expect(await linkCreatedEventType(db.orm.em.fork(), { serviceId: service.id, attemptId }, link, { outcome: "succeeded" })).toBe(false);
    const other = await serviceIn("pending");
    await expect(
      linkCreatedEventType(db.orm.em.fork(), { serviceId: other.service.id, attemptId: other.attemptId }, { ...link, eventTypeId: service.calcomEventTypeId as number }, { outcome: "succeeded" }),
    ).rejects.toMatchObject({ code: "23505", constraint: "services_calcom_event_type_id_unique" });
  });

  it("finds a create's POST whose answer never came, and only that", async () => {
    const { service, attemptId } = await serviceIn("pending");
    const em = db.orm.em.fork();
    const call = { attempt: 1, method: "POST", path: "/v2/event-types", startedAt: at.toISOString(), durationMs: null, errorCode: null, errorMessage: null };
    const set = (attemptLog: object[], kind: "create" | "sync" = "create") => em.nativeUpdate(SyncAttempt, { id: attemptId }, { attemptLog: attemptLog as never, kind });
    expect(await hasUnansweredCreateCall(em, service.id)).toBe(false);
    await set([{ ...call, finishedAt: at.toISOString(), httpStatus: 400 }]);
    expect(await hasUnansweredCreateCall(em, service.id)).toBe(false);
    await set([{ ...call, finishedAt: null, httpStatus: null }]);
    expect(await hasUnansweredCreateCall(em, service.id)).toBe(true);
    await set([{ ...call, finishedAt: at.toISOString(), httpStatus: null, errorCode: "network" }]);
    expect(await hasUnansweredCreateCall(em, service.id)).toBe(true);
    await set([{ ...call, method: "PATCH", finishedAt: null, httpStatus: null }]);
    expect(await hasUnansweredCreateCall(em, service.id)).toBe(false);
    await set([{ ...call, finishedAt: null, httpStatus: null }], "sync");
    expect(await hasUnansweredCreateCall(em, service.id)).toBe(false);
  });
});
