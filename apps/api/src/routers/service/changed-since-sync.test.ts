import { claimSyncRequest, Service, writeSyncRecords } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, type Testbed } from "../../../test/support/testbed";
import type { ServiceDto } from "./service.dto";

/** "Changed since last sync" and reason codes as the api shows them (service.byId, list, history). */
describe("Changed since last sync, through the api", () => {
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  beforeAll(async () => {
    testbed = await createTestbed();
    admin = await testbed.signedIn("admin@askpro.test");
  });
  afterAll(() => testbed.close());

  const bySlug = async (slug: string) => admin.service.byId({ id: (await testbed.orm.em.fork().findOneOrFail(Service, { slug })).id });
  const editable = (dto: ServiceDto) => serviceUpdateSchema.parse(dto);
  const changedNames = async () => (await admin.service.list({ changed: true, pageSize: 100 })).items.map((item) => item.name);

  /** What the worker writes when Cal.com confirmed a sync of `sent`. */
  async function syncedBy(service: ServiceDto, sent: ServiceDto) {
    const em = testbed.orm.em.fork();
    const attemptId = await claimSyncRequest(em, { serviceId: service.id, companyId: service.companyId, requestedById: null, at: new Date() });
    if (!attemptId) throw new Error("the sync was not claimed");
    await writeSyncRecords(em, { serviceId: service.id, attemptId }, { outcome: "succeeded" }, { transition: "succeed", at: new Date(), sent });
  }

  it("is set by editing a sent field, not by price or currency, listed by the filter, and cleared by a sync that ends synced", async () => {
    const service = await bySlug("30-minuten-erstberatung");
    expect(service).toMatchObject({ syncStatus: "synced", changedSinceSync: false });
    expect(await changedNames()).toEqual([]);

    const priced = await admin.service.update({ ...editable(service), priceCents: service.priceCents + 1000, currency: "CHF" });
    expect(priced.changedSinceSync).toBe(false);
    expect(await changedNames()).toEqual([]);

    const longer = await admin.service.update({ ...editable(priced), durationMinutes: priced.durationMinutes + 15 });
    expect(longer.changedSinceSync).toBe(true);
    expect(await admin.service.byId({ id: service.id })).toMatchObject({ changedSinceSync: true });
    expect(await changedNames()).toEqual([service.name]);
    // The filter combines with the others.
    expect((await admin.service.list({ changed: true, status: "error" })).items).toEqual([]);
    expect((await admin.service.list({ changed: true, search: "erstberatung" })).items.map((item) => item.id)).toEqual([service.id]);

    await syncedBy(longer, longer);
    expect(await admin.service.byId({ id: service.id })).toMatchObject({ syncStatus: "synced", changedSinceSync: false });
    expect(await changedNames()).toEqual([]);
  });

  it("shows a failure's reason as a code beside its text, on the service and in its history", async () => {
    const failed = await bySlug("folgetermin");
    expect(failed).toMatchObject({
      syncStatus: "error",
      syncError: "Event type 3664716 not found in Cal.com (404)",
      syncReason: { code: "event_type_not_found", status: 404, eventTypeId: 3664716 },
    });
    const [entry] = await admin.service.history({ id: failed.id });
    expect(entry).toMatchObject({ outcome: "failed", errorMessage: failed.syncError, reason: failed.syncReason });
  });

  it("shows a row from before reason codes with its text only", async () => {
    const service = await bySlug("15-minuten-schnellberatung");
    await testbed.orm.em.fork().nativeUpdate(Service, { id: service.id }, { syncStatus: "error", syncError: "Something an older worker wrote", syncReason: null });
    expect(await admin.service.byId({ id: service.id })).toMatchObject({ syncError: "Something an older worker wrote", syncReason: null });
  });
});
