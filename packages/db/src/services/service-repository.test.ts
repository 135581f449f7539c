import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service, SyncAttempt } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { loadSyncTarget } from "../sync/sync-records";
import { isoTimestamp, type ServiceDto } from "./service-dto";
import { countServices, escapeLikePattern, findServiceDto, listServices, type ServiceListQuery } from "./service-repository";

/** The test's oracle: what a ServiceDto says, read from the entity. */
function expectedDto(service: Service): ServiceDto {
  return {
    id: service.id,
    companyId: service.company.id,
    companyName: service.company.name,
    name: service.name,
    slug: service.slug,
    description: service.description,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    minimumBookingNoticeMinutes: service.minimumBookingNoticeMinutes,
    priceCents: service.priceCents,
    currency: service.currency,
    isActive: service.isActive,
    requiresConfirmation: service.requiresConfirmation,
    disableGuests: service.disableGuests,
    calcomEventTypeId: service.calcomEventTypeId ?? null,
    calcomAssignment: service.calcomAssignment ?? null,
    calcomEventTypeUrl: service.calcomEventTypeId ? `https://app.cal.com/event-types/${service.calcomEventTypeId}` : null,
    syncStatus: service.syncStatus,
    syncError: service.syncError ?? null,
    syncReason: service.syncReason ?? null,
    changedSinceSync: service.syncedDigest != null && service.syncedDigest !== service.sentDigest,
    drift:
      service.driftState && service.driftCheckedAt
        ? { state: service.driftState, detail: service.driftReason ?? null, checkedAt: service.driftCheckedAt.toISOString() }
        : null,
    lastSyncedAt: service.lastSyncedAt?.toISOString() ?? null,
    lastSyncAttemptAt: service.lastSyncAttemptAt?.toISOString() ?? null,
    version: service.version,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
  };
}

describe("the service repository", () => {
  let db: TestOrm;
  let acme: Company;
  let other: Company;
  const em = () => db.orm.em.fork();
  const query = (q: Partial<ServiceListQuery>): ServiceListQuery => ({ companyId: acme.id, page: 1, pageSize: 20, ...q });
  const names = async (q: Partial<ServiceListQuery>) => (await listServices(em(), query(q))).items.map((item) => item.name);

  beforeAll(async () => {
    db = await createTestOrm();
    const setup = em();
    acme = setup.create(Company, { name: "Acme", slug: "acme", calcomTeamId: 9_007_199_254_740 });
    other = setup.create(Company, { name: "Other", slug: "other" });
    const service = (company: Company, name: string, slug: string, more: Partial<Service> = {}) =>
      setup.create(Service, { company, name, slug, durationMinutes: 30, ...more });
    service(acme, "Beratung", "beratung", {
      description: "Erstes Gespräch",
      calcomEventTypeId: 4_000_001,
      syncStatus: "synced",
      lastSyncedAt: new Date("2026-11-24T12:31:21.489Z"),
      lastSyncAttemptAt: new Date("2026-11-24T12:31:20.007Z"),
    });
    service(acme, "100% Online_Kurs", "online-kurs");
    service(acme, "Rückruf", "rueckruf-service", { syncStatus: "error", syncError: "Cal.com answered 404" });
    service(other, "Beratung Nord", "beratung-nord");
    await setup.flush();
  });
  afterAll(() => db.close());

  it("lists one company's services by name, or every company's for null", async () => {
    expect(await names({})).toEqual(["100% Online_Kurs", "Beratung", "Rückruf"]);
    expect(await names({ companyId: null })).toEqual(["100% Online_Kurs", "Beratung", "Beratung Nord", "Rückruf"]);
  });

  it("searches name, slug and description case-insensitively, % and _ literally, never across two columns", async () => {
    expect(await names({ search: "GESPRÄCH" })).toEqual(["Beratung"]);
    expect(await names({ search: "rueckruf" })).toEqual(["Rückruf"]);
    expect(await names({ search: "%" })).toEqual(["100% Online_Kurs"]);
    expect(await names({ search: "_" })).toEqual(["100% Online_Kurs"]);
    expect(await names({ search: "Rückruf\u001frueckruf" })).toEqual([]);
    expect(escapeLikePattern("a\\b%c_d")).toBe("a\\\\b\\%c\\_d");
  });

  it("filters by sync status", async () => {
    expect(await names({ status: "error" })).toEqual(["Rückruf"]);
  });

  it("counts every match on each page, and on a page past the end", async () => {
    expect(await listServices(em(), query({ page: 2, pageSize: 2 }))).toMatchObject({ total: 3, items: [{ name: "Rückruf" }] });
    expect(await listServices(em(), query({ page: 9, pageSize: 2 }))).toEqual({ total: 3, items: [] });
    expect(await listServices(em(), query({ search: "nothing like it" }))).toEqual({ total: 0, items: [] });
  });

  it("maps every field as the entity holds it, to the millisecond", async () => {
    const { items } = await listServices(em(), query({ companyId: null }));
    const entities = await em().find(Service, {}, { populate: ["company"] });
    expect(items).toEqual(items.map((item) => expectedDto(entities.find((entity) => entity.id === item.id) as Service)));
    expect(items.find((item) => item.name === "Beratung")).toMatchObject({
      calcomEventTypeId: 4_000_001,
      calcomEventTypeUrl: "https://app.cal.com/event-types/4000001",
      lastSyncedAt: "2026-11-24T12:31:21.489Z",
      lastSyncAttemptAt: "2026-11-24T12:31:20.007Z",
    });
  });

  it("finds one service, within the company when one is given", async () => {
    const nord = await em().findOneOrFail(Service, { slug: "beratung-nord" }, { populate: ["company"] });
    expect(await findServiceDto(em(), nord.id, null)).toEqual(expectedDto(nord));
    expect(await findServiceDto(em(), nord.id, other.id)).toEqual(expectedDto(nord));
    expect(await findServiceDto(em(), nord.id, acme.id)).toBeUndefined();
  });

  it("counts services by company, sync status and link, a company without services once with none", async () => {
    const setup = em();
    setup.create(Company, { name: "Empty", slug: "empty" });
    await setup.flush();
    const counts = (await countServices(em())).map(({ companyId, ...count }) => count);
    const inOrder = (company: string) => counts.filter((count) => count.companySlug === company).sort((a, b) => String(a.syncStatus).localeCompare(String(b.syncStatus)));
    expect(counts.map((count) => count.companyName)).toEqual(["Acme", "Acme", "Acme", "Empty", "Other"]);
    expect(inOrder("acme")).toEqual([
      { companySlug: "acme", companyName: "Acme", syncStatus: "error", linked: false, services: 1 },
      { companySlug: "acme", companyName: "Acme", syncStatus: "never", linked: false, services: 1 },
      { companySlug: "acme", companyName: "Acme", syncStatus: "synced", linked: true, services: 1 },
    ]);
    expect(inOrder("empty")).toEqual([{ companySlug: "empty", companyName: "Empty", syncStatus: null, linked: false, services: 0 }]);
    expect(inOrder("other")).toEqual([{ companySlug: "other", companyName: "Other", syncStatus: "never", linked: false, services: 1 }]);
  });

  it("gives the sync the same fields, the company's team id and the attempt's request time", async () => {
    const setup = em();
    const service = await setup.findOneOrFail(Service, { slug: "beratung" }, { populate: ["company"] });
    const attempt = setup.create(SyncAttempt, { service, requestedBy: null, requestedAt: new Date("2026-11-30T10:00:00.123Z") });
    await setup.flush();
    const target = await loadSyncTarget(em(), { serviceId: service.id, attemptId: attempt.id });
    const { id, companyId, companyName, calcomEventTypeUrl, syncError, syncReason, changedSinceSync, drift, lastSyncedAt, lastSyncAttemptAt, version, createdAt, updatedAt, ...fields } =
      expectedDto(service);
    expect(target).toEqual({
      service: fields,
      calcomTeamId: 9_007_199_254_740,
      calcomApiKeyEncrypted: null,
      companyAssignment: "roundRobin",
      attempt: { requestedAtMs: Date.parse("2026-11-30T10:00:00.123Z") },
      companyAutoSync: false,
      companySyncPaused: false,
    });
    // Auto-sync's follow-up and the pause's hold are decided from this: on for the company, the target says so.
    await em().nativeUpdate(Company, { id: service.company.id }, { autoSync: true, syncPausedAt: new Date() });
    expect(await loadSyncTarget(em(), { serviceId: service.id, attemptId: attempt.id })).toMatchObject({ companyAutoSync: true, companySyncPaused: true });
  });
});

describe("isoTimestamp", () => {
  const byDate = (value: string) => new Date(value.replace(" ", "T").replace(/\+00$/, "Z"));

  it("prints PostgreSQL's UTC text exactly as a Date parsed from it would", () => {
    for (const value of ["2026-11-24 12:31:21+00", "2026-11-24 12:31:21.4+00", "2026-11-24 12:31:21.48+00", "2026-11-24 12:31:21.489+00", "2026-11-24 12:31:21.489999+00"]) {
      expect(isoTimestamp(value, () => new Date(Number.NaN))).toBe(byDate(value).toISOString());
    }
  });

  it("leaves any other form to the parser it is given", () => {
    const parsed = new Date("2026-11-24T07:01:21.489Z");
    expect(isoTimestamp("2026-11-24 12:31:21.489+05:30", () => parsed)).toBe("2026-11-24T07:01:21.489Z");
  });
});
