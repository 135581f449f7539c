import { randomUUID } from "node:crypto";
import { SENT_SERVICE_FIELDS } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service, SyncAttempt } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { claimSyncRequest, linkServiceEventType, recordConfirmedFields, writeSyncRecords } from "../sync/sync-records";
import { SENT_DIGEST_COLUMNS, type SentServiceFields, sentFieldsDigest } from "./sent-digest";
import { findServiceDto, listServices } from "./service-repository";

describe("Changed since last sync (sent-digest)", () => {
  let db: TestOrm;
  let company: Company;
  let nextEventTypeId = 8_100_000;
  const at = new Date("2026-12-01T10:00:00Z");

  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    company = em.create(Company, { name: "Digest GmbH", slug: "digest" });
    await em.flush();
  });
  afterAll(() => db.close());

  const sentOf = (service: Service): SentServiceFields => ({
    name: service.name,
    slug: service.slug,
    description: service.description,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    minimumBookingNoticeMinutes: service.minimumBookingNoticeMinutes,
    isActive: service.isActive,
    requiresConfirmation: service.requiresConfirmation,
    disableGuests: service.disableGuests,
  });

  async function linkedService(fields: Partial<Service> = {}) {
    const em = db.orm.em.fork();
    const slug = `d-${randomUUID().slice(0, 8)}`;
    const service = em.create(Service, { company, name: slug, slug, durationMinutes: 30, calcomEventTypeId: nextEventTypeId++, ...fields });
    await em.flush();
    return service;
  }

  /** A whole sync as the worker writes it: request, then success with the fields it sent. */
  async function syncedWith(service: Service, sent: SentServiceFields) {
    const em = db.orm.em.fork();
    const attemptId = await claimSyncRequest(em, { serviceId: service.id, companyId: company.id, requestedById: null, at });
    if (!attemptId) throw new Error("the sync was not claimed");
    await writeSyncRecords(em, { serviceId: service.id, attemptId }, { outcome: "succeeded" }, { transition: "succeed", at, sent });
  }

  const dto = async (id: string) => {
    const found = await findServiceDto(db.orm.em.fork(), id, company.id);
    if (!found) throw new Error("service not found");
    return found;
  };
  const edit = (id: string, change: Partial<Service>) => db.orm.em.fork().nativeUpdate(Service, { id }, change);
  const changedIds = async () =>
    (await listServices(db.orm.em.fork(), { companyId: company.id, changed: true, page: 1, pageSize: 100 })).items.map((item) => item.id);

  it("digests exactly the fields a sync sends", () => {
    expect(new Set(Object.keys(SENT_DIGEST_COLUMNS))).toEqual(new Set(SENT_SERVICE_FIELDS));
  });

  it("computes in the worker the digest PostgreSQL keeps, whatever the texts hold", async () => {
    const tricky = await linkedService({
      name: `Erstgespräch "Ø" 🦷 ' \\ %`,
      description: "Zeile 1\nZeile 2\t€",
      bufferBeforeMinutes: 5,
      minimumBookingNoticeMinutes: 1440,
      isActive: false,
      requiresConfirmation: true,
      disableGuests: true,
    });
    const plain = await linkedService({ description: "" });
    for (const service of [tricky, plain]) {
      const row = await db.orm.em.fork().findOneOrFail(Service, { id: service.id }, { populate: ["sentDigest"] });
      expect(row.sentDigest).toBe(sentFieldsDigest(sentOf(service)));
    }
  });

  it("is set by editing a sent field, not by price or currency, cleared by a sync that ends synced, and filtered on", async () => {
    const service = await linkedService();
    const untouched = await linkedService();
    expect((await dto(service.id)).changedSinceSync).toBe(false); // never synced: nothing to have changed from
    await syncedWith(service, sentOf(service));
    await syncedWith(untouched, sentOf(untouched));
    expect((await dto(service.id)).changedSinceSync).toBe(false);

    await edit(service.id, { priceCents: 9900, currency: "USD" });
    expect((await dto(service.id)).changedSinceSync).toBe(false);
    expect(await changedIds()).not.toContain(service.id);

    await edit(service.id, { durationMinutes: 45 });
    expect((await dto(service.id)).changedSinceSync).toBe(true);
    expect(await changedIds()).toContain(service.id);
    expect(await changedIds()).not.toContain(untouched.id);

    // Set back by hand to what Cal.com holds: in step again.
    await edit(service.id, { durationMinutes: 30 });
    expect((await dto(service.id)).changedSinceSync).toBe(false);

    await edit(service.id, { durationMinutes: 45 });
    await syncedWith(service, { ...sentOf(service), durationMinutes: 45 });
    expect((await dto(service.id)).changedSinceSync).toBe(false);
    expect(await changedIds()).not.toContain(service.id);
  });

  it("stays set when the service was edited while its sync ran: the digest is of what was sent", async () => {
    const service = await linkedService();
    const sentBeforeTheEdit = sentOf(service);
    await edit(service.id, { name: "Renamed during the sync" });
    await syncedWith(service, sentBeforeTheEdit);
    expect((await dto(service.id)).changedSinceSync).toBe(true);
  });

  it("is cleared by linking another event type, and by recordConfirmedFields", async () => {
    const service = await linkedService();
    await syncedWith(service, sentOf(service));
    await edit(service.id, { slug: `${service.slug}-x` });
    expect((await dto(service.id)).changedSinceSync).toBe(true);

    await recordConfirmedFields(db.orm.em.fork(), service.id, { ...sentOf(service), slug: `${service.slug}-x` });
    expect((await dto(service.id)).changedSinceSync).toBe(false);

    await edit(service.id, { slug: `${service.slug}-y`, calcomEventTypeId: null });
    const { version } = await db.orm.em.fork().findOneOrFail(Service, { id: service.id });
    const linked = await linkServiceEventType(db.orm.em.fork(), { serviceId: service.id, companyId: company.id, version, at, eventTypeId: nextEventTypeId++ });
    expect(linked).toBe(true);
    expect((await dto(service.id)).changedSinceSync).toBe(false);
  });

  it("keeps a failure's reason as a code and as text on the service and its attempt, and a new request clears it", async () => {
    const service = await linkedService();
    const em = db.orm.em.fork();
    const attemptId = await claimSyncRequest(em, { serviceId: service.id, companyId: company.id, requestedById: null, at });
    if (!attemptId) throw new Error("the sync was not claimed");
    const reason = { code: "calcom_rejected", status: 400, message: "title too long" } as const;
    await writeSyncRecords(em, { serviceId: service.id, attemptId }, { outcome: "failed", reason }, { transition: "fail", reason });

    expect(await dto(service.id)).toMatchObject({ syncStatus: "error", syncReason: reason, syncError: "Cal.com rejected the data: title too long (400)" });
    const attempt = await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: attemptId });
    expect(attempt).toMatchObject({ reason, errorMessage: "Cal.com rejected the data: title too long (400)" });

    await claimSyncRequest(em, { serviceId: service.id, companyId: company.id, requestedById: null, at });
    expect(await dto(service.id)).toMatchObject({ syncStatus: "pending", syncReason: null, syncError: null });
  });
});
