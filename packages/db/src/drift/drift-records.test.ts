import { randomUUID } from "node:crypto";
import type { DriftDetail } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service, SyncAttempt } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { recordValuesTaken, unlinkServiceEventType, writeSyncRecords } from "../sync/sync-records";
import { companiesWithLinkedServices, countServicesByDrift, lastDriftCheckAt, loadDriftCompany, writeDriftMarks } from "./drift-records";

const CHANGED: DriftDetail = { code: "changed_in_calcom", fields: [{ field: "title", ours: "Ours", calcom: "Theirs" }] };

describe("the drift check's records", () => {
  let db: TestOrm;
  let company: Company;
  let nextEventTypeId = 8_000_000;

  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    company = em.create(Company, { name: "Drift", slug: "drift" });
    await em.flush();
  });
  afterAll(() => db.close());

  const reload = (id: string) => db.orm.em.fork().findOneOrFail(Service, { id });
  const times = () => ({ readAt: new Date(), at: new Date() });

  /** A synced service, marked Changed in Cal.com. */
  async function markedService() {
    const em = db.orm.em.fork();
    const slug = `s-${randomUUID().slice(0, 8)}`;
    const eventTypeId = nextEventTypeId++;
    const service = em.create(Service, { company, name: slug, slug, durationMinutes: 30, calcomEventTypeId: eventTypeId, syncStatus: "synced" });
    await em.flush();
    expect(await writeDriftMarks(db.orm.em.fork(), [{ serviceId: service.id, version: service.version, eventTypeId, detail: CHANGED }], times())).toBe(1);
    expect(await reload(service.id)).toMatchObject({ driftState: "changed_in_calcom", driftReason: CHANGED });
    return service;
  }

  it("a sync that ends synced clears the mark; one that fails keeps it", async () => {
    const service = await markedService();
    const em = db.orm.em.fork();
    const attempt = em.create(SyncAttempt, { service: service.id, requestedBy: null });
    await em.flush();
    await db.orm.em.fork().nativeUpdate(Service, { id: service.id }, { syncStatus: "pending" });
    const ids = { serviceId: service.id, attemptId: attempt.id };
    await writeSyncRecords(db.orm.em.fork(), ids, { startedAt: new Date() }, { transition: "start", at: new Date() });
    await writeSyncRecords(db.orm.em.fork(), ids, { outcome: "failed" }, { transition: "fail", reason: { code: "calcom_timeout" } });
    expect((await reload(service.id)).driftState).toBe("changed_in_calcom");

    await db.orm.em.fork().nativeUpdate(Service, { id: service.id }, { syncStatus: "pending" });
    const sent = { name: service.name, slug: service.slug, description: "", durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumBookingNoticeMinutes: 0, isActive: true, requiresConfirmation: false, disableGuests: false };
    await writeSyncRecords(db.orm.em.fork(), ids, { outcome: "succeeded" }, { transition: "succeed", at: new Date(), sent });
    expect(await reload(service.id)).toMatchObject({ syncStatus: "synced", driftState: null, driftReason: null, driftCheckedAt: null });
  });

  it("taking Cal.com's values and unlinking clear the mark", async () => {
    const taken = await markedService();
    expect(await recordValuesTaken(db.orm.em.fork(), { serviceId: taken.id, version: taken.version, inStep: true, reason: null, at: new Date() })).toBe(true);
    expect((await reload(taken.id)).driftState).toBeNull();

    const unlinked = await markedService();
    expect(await unlinkServiceEventType(db.orm.em.fork(), { serviceId: unlinked.id, companyId: null, version: unlinked.version, at: new Date() })).toBe(true);
    expect(await reload(unlinked.id)).toMatchObject({ calcomEventTypeId: null, driftState: null });
  });

  it("does not mark a service relinked, pending or synced since the read; reads only linked services not pending or being deleted", async () => {
    const service = await markedService();
    const stale = { serviceId: service.id, version: service.version, detail: { code: "in_step" } as DriftDetail };
    // Another event type than the one judged.
    expect(await writeDriftMarks(db.orm.em.fork(), [{ ...stale, eventTypeId: 1 }], times())).toBe(0);
    const eventTypeId = service.calcomEventTypeId as number;
    // A sync started after the read.
    const readAt = new Date(Date.now() - 60_000);
    await db.orm.em.fork().nativeUpdate(Service, { id: service.id }, { lastSyncAttemptAt: new Date() });
    expect(await writeDriftMarks(db.orm.em.fork(), [{ ...stale, eventTypeId }], { readAt, at: new Date() })).toBe(0);
    await db.orm.em.fork().nativeUpdate(Service, { id: service.id }, { syncStatus: "pending" });
    expect(await writeDriftMarks(db.orm.em.fork(), [{ ...stale, eventTypeId }], times())).toBe(0);
    expect((await reload(service.id)).driftState).toBe("changed_in_calcom");

    const loaded = await loadDriftCompany(db.orm.em.fork(), company.id);
    expect(loaded?.services.map((candidate) => candidate.id)).not.toContain(service.id);
    expect(await loadDriftCompany(db.orm.em.fork(), randomUUID())).toBeUndefined();
    expect(await companiesWithLinkedServices(db.orm.em.fork())).toEqual([company.id]);
    expect((await countServicesByDrift(db.orm.em.fork())).changed_in_calcom).toBeGreaterThanOrEqual(1);
    expect((await lastDriftCheckAt(db.orm.em.fork(), company.id))?.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
