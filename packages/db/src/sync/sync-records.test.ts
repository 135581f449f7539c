import { randomUUID } from "node:crypto";
import { canApplySyncTransition, describeSyncReason, SYNC_STATUSES, SYNC_TRANSITIONS, type SyncReason, type SyncStatus, type SyncTransitionName } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service, SyncAttempt, User } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import {
  claimReconcile,
  claimServiceDeletion,
  claimSyncRequest,
  failServiceDeletion,
  insertImportedService,
  linkServiceEventType,
  loadDeletionTarget,
  recordValuesTaken,
  removeDeletedService,
  unlinkServiceEventType,
  writeSyncRecords,
} from "./sync-records";

/** What "Take Cal.com's values" leaves when Cal.com holds more than a service can express. */
const DIFFERS: SyncReason = { code: "values_not_expressible", fields: [{ field: "confirmationPolicy", sent: { type: "always" }, calcom: { type: "time" } }] };

describe("the sync's status writes", () => {
  let db: TestOrm;
  let company: Company;
  let nextEventTypeId = 7_000_000;

  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    company = em.create(Company, { name: "Acme", slug: "acme" });
    await em.flush();
  });
  afterAll(() => db.close());

  async function serviceIn(syncStatus: SyncStatus) {
    const em = db.orm.em.fork();
    const slug = `s-${randomUUID().slice(0, 8)}`;
    const service = em.create(Service, { company, name: slug, slug, durationMinutes: 30, calcomEventTypeId: nextEventTypeId++, syncStatus });
    const attempt = em.create(SyncAttempt, { service, requestedBy: null });
    await em.flush();
    return { service, attemptId: attempt.id };
  }

  const reload = (id: string) => db.orm.em.fork().findOneOrFail(Service, { id });
  const at = new Date("2026-11-30T10:00:00Z");
  const sentFields = {
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

  /** The admin's link edits, which change the version on purpose (their own table below). */
  type LinkTransitionName = "link" | "unlink";
  /** Import inserts a service rather than changing one (its own test below). */
  /** finishDelete removes the service rather than changing its status (its own test below). */
  /** Create in Cal.com's transitions apply to services without an event type: create-records.test.ts. */
  type CreateTransitionName = "requestCreate" | "linkCreated" | "linkCreatedNotApplied";
  /** A bulk run's cancel gives back the status recorded at its request: apps/api/src/routers/service/bulkSync.test.ts. */
  type CancelTransitionName = "cancelToNever" | "cancelToSynced" | "cancelToError";
  type SyncWriteName = Exclude<SyncTransitionName, LinkTransitionName | "import" | "finishDelete" | CreateTransitionName | CancelTransitionName>;

  /** Every write path of a sync, by the transition it applies; resolves to whether the service took it. */
  const writePaths: Record<SyncWriteName, (ids: { serviceId: string; attemptId: string }) => Promise<boolean>> = {
    request: async ({ serviceId }) => (await claimSyncRequest(db.orm.em.fork(), { serviceId, companyId: company.id, requestedById: null, at })) !== undefined,
    start: (ids) => writeSyncRecords(db.orm.em.fork(), ids, { startedAt: at, outcome: null, attemptNumber: 1 }, { transition: "start", at }),
    succeed: (ids) =>
      writeSyncRecords(db.orm.em.fork(), ids, { finishedAt: at, outcome: "succeeded", httpStatus: 200 }, { transition: "succeed", at, sent: sentFields }),
    fail: (ids) => writeSyncRecords(db.orm.em.fork(), ids, { finishedAt: at, outcome: "failed", reason: { code: "no_key" } }, { transition: "fail", reason: { code: "no_key" } }),
    reconcile: async ({ serviceId }) =>
      (await claimReconcile(db.orm.em.fork(), { serviceId, at, lostReason: { code: "job_lost" }, lostMidCallReason: { code: "job_lost_mid_call" } })) !== undefined,
    takeValues: async ({ serviceId }) =>
      recordValuesTaken(db.orm.em.fork(), { serviceId, version: (await reload(serviceId)).version, inStep: true, reason: null, at }),
    takeValuesDiffering: async ({ serviceId }) =>
      recordValuesTaken(db.orm.em.fork(), { serviceId, version: (await reload(serviceId)).version, inStep: false, reason: DIFFERS, at }),
    requestDelete: async ({ serviceId }) =>
      (await claimServiceDeletion(db.orm.em.fork(), { serviceId, companyId: company.id, removal: "delete", requestedById: null, at })) !== undefined,
    failDelete: (ids) => failServiceDeletion(db.orm.em.fork(), ids, { finishedAt: at, outcome: "failed", reason: { code: "calcom_timeout" } }, { code: "calcom_timeout" }),
  };

  const cases = (Object.keys(writePaths) as SyncWriteName[]).flatMap((name) => SYNC_STATUSES.map((from) => [name, from] as const));

  it.each(cases)("%s from %s: applied exactly when the table allows it, never touching the version", async (name, from) => {
    const { service, attemptId } = await serviceIn(from);
    const legal = canApplySyncTransition(name, from);

    const applied = await writePaths[name]({ serviceId: service.id, attemptId });

    expect(applied).toBe(legal);
    const after = await reload(service.id);
    expect(after.syncStatus).toBe(legal ? SYNC_TRANSITIONS[name].to : from);
    expect(after.version).toBe(service.version);
  });

  const linkCases = (["link", "unlink"] as const).flatMap((name) => SYNC_STATUSES.map((from) => [name, from] as const));

  it.each(linkCases)("%s from %s: applied exactly when the table allows it, as a versioned edit", async (name, from) => {
    const { service } = await serviceIn(from);
    const em = db.orm.em.fork();
    if (name === "link") {
      // Link needs a service without an event type: the fixture's is cleared without touching the status.
      await em.nativeUpdate(Service, { id: service.id }, { calcomEventTypeId: null });
    }
    await em.nativeUpdate(Service, { id: service.id }, { syncError: "old", lastSyncedAt: at });
    const legal = canApplySyncTransition(name, from);
    // nativeUpdate bumps the version too: the admin saw the one after it.
    const { version } = await reload(service.id);
    const change = { serviceId: service.id, companyId: company.id, version, at };

    const applied = name === "link" ? await linkServiceEventType(em, { ...change, eventTypeId: nextEventTypeId++ }) : await unlinkServiceEventType(em, change);

    expect(applied).toBe(legal);
    const after = await reload(service.id);
    expect(after.syncStatus).toBe(legal ? SYNC_TRANSITIONS[name].to : from);
    expect(after.version).toBe(legal ? version + 1 : version);
    if (legal) expect(after).toMatchObject({ syncError: null, lastSyncedAt: null });
    expect(after.calcomEventTypeId === null).toBe(legal ? name === "unlink" : name === "link");
  });

  it("link and unlink refuse a stale version, another company and the wrong link state", async () => {
    const { service } = await serviceIn("synced");
    const em = db.orm.em.fork();
    const change = { serviceId: service.id, companyId: company.id, version: service.version, at };
    expect(await linkServiceEventType(em, { ...change, eventTypeId: nextEventTypeId++ })).toBe(false);
    expect(await unlinkServiceEventType(em, { ...change, version: service.version + 1 })).toBe(false);
    expect(await unlinkServiceEventType(em, { ...change, companyId: randomUUID() })).toBe(false);
    expect(await unlinkServiceEventType(em, change)).toBe(true);
    expect(await unlinkServiceEventType(em, { ...change, version: service.version + 1 })).toBe(false);
    expect((await reload(service.id)).version).toBe(service.version + 1);
  });

  it("records what each transition says beside the status", async () => {
    const { service, attemptId } = await serviceIn("pending");
    const ids = { serviceId: service.id, attemptId };
    await writePaths.start(ids);
    expect(await reload(service.id)).toMatchObject({ syncStatus: "pending", lastSyncAttemptAt: at });
    await writePaths.fail(ids);
    const noKey = describeSyncReason({ code: "no_key" });
    expect(await reload(service.id)).toMatchObject({ syncStatus: "error", syncError: noKey, syncReason: { code: "no_key" } });
    expect(await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: attemptId })).toMatchObject({ outcome: "failed", errorMessage: noKey, reason: { code: "no_key" } });
  });

  it("a refused transition still records the attempt row, so a late job's call is not lost", async () => {
    const { service, attemptId } = await serviceIn("synced");
    expect(await writePaths.fail({ serviceId: service.id, attemptId })).toBe(false);
    expect(await reload(service.id)).toMatchObject({ syncStatus: "synced", syncError: null });
    expect(await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: attemptId })).toMatchObject({ outcome: "failed" });
  });

  it("reconcile fails a lost attempt whose last logged call has no answer as lost mid-call", async () => {
    const { service, attemptId } = await serviceIn("pending");
    const call = { attempt: 1, method: "PATCH", path: "/v2/event-types/1", startedAt: at.toISOString(), finishedAt: null, durationMs: null, httpStatus: null, errorCode: null, errorMessage: null };
    await writeSyncRecords(db.orm.em.fork(), { serviceId: service.id, attemptId }, { startedAt: at, logEntry: call }, { transition: "start", at });
    const neverCalled = await serviceIn("pending");

    expect(await writePaths.reconcile({ serviceId: service.id, attemptId })).toBe(true);
    expect(await writePaths.reconcile({ serviceId: neverCalled.service.id, attemptId: neverCalled.attemptId })).toBe(true);

    const lost = (id: string) => db.orm.em.fork().findOneOrFail(SyncAttempt, { id });
    expect(await lost(attemptId)).toMatchObject({
      outcome: "failed",
      errorMessage: describeSyncReason({ code: "job_lost_mid_call" }),
      reason: { code: "job_lost_mid_call" },
      attemptLog: [call],
    });
    expect(await lost(neverCalled.attemptId)).toMatchObject({ outcome: "failed", errorMessage: describeSyncReason({ code: "job_lost" }), reason: { code: "job_lost" } });
  });

  it("a refused request or reconcile creates no attempt row and fails none", async () => {
    for (const [name, from] of [
      ["request", "pending"],
      ["reconcile", "synced"],
    ] as const) {
      const { service, attemptId } = await serviceIn(from);
      expect(await writePaths[name]({ serviceId: service.id, attemptId })).toBe(false);
      expect(await db.orm.em.fork().find(SyncAttempt, { service: service.id })).toEqual([expect.objectContaining({ id: attemptId, outcome: null })]);
    }
  });

  describe("import", () => {
    const fields = {
      name: "Importiert",
      slug: "importiert",
      description: "",
      durationMinutes: 20,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 0,
      minimumBookingNoticeMinutes: 60,
      isActive: false,
      requiresConfirmation: true,
      disableGuests: false,
      priceCents: 1500,
      currency: "EUR",
    };

    async function importer() {
      const em = db.orm.em.fork();
      const user = em.create(User, { email: `${randomUUID()}@acme.test`, role: "admin", company, passwordHash: "x" });
      await em.flush();
      return user.id;
    }

    it("inserts the service linked and synced, with an import row in its history, in one statement", async () => {
      const importedById = await importer();
      const eventTypeId = nextEventTypeId++;
      const id = await insertImportedService(db.orm.em.fork(), { companyId: company.id, eventTypeId, fields, importedById, at, payload: { eventTypeId } });

      expect(await reload(id)).toMatchObject({ ...fields, calcomEventTypeId: eventTypeId, syncStatus: SYNC_TRANSITIONS.import.to, lastSyncedAt: at, version: 1 });
      const history = await db.orm.em.fork().find(SyncAttempt, { service: id });
      expect(history).toEqual([expect.objectContaining({ kind: "import", outcome: "succeeded", startedAt: at, finishedAt: at, payload: { eventTypeId } })]);
      expect(history[0]?.requestedBy?.id).toBe(importedById);
    });

    it.each([
      ["a slug the company uses", "services_company_slug_unique", (taken: { slug: string; eventTypeId: number }) => ({ slug: taken.slug, eventTypeId: nextEventTypeId++ })],
      ["an event type a service links", "services_calcom_event_type_id_unique", (taken: { slug: string; eventTypeId: number }) => ({ slug: `x-${randomUUID().slice(0, 8)}`, eventTypeId: taken.eventTypeId })],
    ])("fails on %s and writes neither the service nor its history row", async (_, constraint, clash) => {
      const importedById = await importer();
      const { service } = await serviceIn("synced");
      const taken = { slug: service.slug, eventTypeId: Number(service.calcomEventTypeId) };
      const { slug, eventTypeId } = clash(taken);
      const before = await db.orm.em.fork().count(SyncAttempt, {});

      const error = await insertImportedService(db.orm.em.fork(), { companyId: company.id, eventTypeId, fields: { ...fields, slug }, importedById, at, payload: {} }).then(
        () => undefined,
        (caught: unknown) => caught as { code?: string; constraint?: string },
      );

      expect(error).toMatchObject({ code: "23505", constraint });
      expect(await db.orm.em.fork().count(Service, { slug, company })).toBe(slug === service.slug ? 1 : 0);
      expect(await db.orm.em.fork().count(SyncAttempt, {})).toBe(before);
    });
  });
  describe("taking Cal.com's values and deleting a linked service", () => {
    it("takes values only at the version the update left: a later edit keeps the status", async () => {
      const { service } = await serviceIn("error");
      const em = db.orm.em.fork();
      expect(await recordValuesTaken(em, { serviceId: service.id, version: service.version + 1, inStep: true, reason: null, at })).toBe(false);
      expect(await recordValuesTaken(em, { serviceId: service.id, version: service.version, inStep: true, reason: null, at })).toBe(true);
      expect(await reload(service.id)).toMatchObject({ syncStatus: "synced", syncError: null, lastSyncedAt: at, version: service.version });
      // In step: not "Changed since last sync" until the next edit of a sent field.
      const [digests] = await db.orm.em.fork().getConnection().execute<{ same: boolean }[]>("select synced_digest = sent_digest as same from services where id = ?", [service.id]);
      expect(digests?.same).toBe(true);
      expect(await recordValuesTaken(em, { serviceId: service.id, version: service.version, inStep: false, reason: DIFFERS, at })).toBe(true);
      expect(await reload(service.id)).toMatchObject({
        syncStatus: "error",
        syncReason: DIFFERS,
        syncError: 'Cal.com holds values a service cannot express: confirmationPolicy (the service sends {"type":"always"}, Cal.com has {"type":"time"}). Sync to send the service\'s',
      });
    });

    it("claims a deletion with a history row of its kind, which the job reads back; a second claim gets nothing", async () => {
      const { service } = await serviceIn("synced");
      const attemptId = await claimServiceDeletion(db.orm.em.fork(), { serviceId: service.id, companyId: company.id, removal: "hide", requestedById: null, at });
      expect(attemptId).toBeDefined();
      const ids = { serviceId: service.id, attemptId: attemptId as string };
      expect(await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: ids.attemptId })).toMatchObject({ kind: "hide", outcome: null, requestedAt: at });
      expect(await loadDeletionTarget(db.orm.em.fork(), ids)).toEqual({
        eventTypeId: service.calcomEventTypeId,
        syncStatus: "deleting",
        calcomTeamId: null,
        calcomApiKeyEncrypted: null,
        removal: "hide",
      });
      expect(await claimServiceDeletion(db.orm.em.fork(), { serviceId: service.id, companyId: company.id, removal: "delete", requestedById: null, at })).toBeUndefined();
      expect(await claimServiceDeletion(db.orm.em.fork(), { serviceId: (await serviceIn("never")).service.id, companyId: randomUUID(), removal: "delete", requestedById: null, at })).toBeUndefined();
    });

    it("an unlinked service is not claimed for deletion: it has no event type to remove", async () => {
      const { service } = await serviceIn("never");
      await db.orm.em.fork().nativeUpdate(Service, { id: service.id }, { calcomEventTypeId: null });
      expect(await claimServiceDeletion(db.orm.em.fork(), { serviceId: service.id, companyId: company.id, removal: "delete", requestedById: null, at })).toBeUndefined();
    });

    it.each(SYNC_STATUSES)("finishDelete from %s removes the service and its history exactly when it is deleting", async (from) => {
      const { service, attemptId } = await serviceIn(from);
      const legal = canApplySyncTransition("finishDelete", from);

      expect(await removeDeletedService(db.orm.em.fork(), service.id)).toBe(legal);

      expect(await db.orm.em.fork().count(Service, { id: service.id })).toBe(legal ? 0 : 1);
      expect(await db.orm.em.fork().count(SyncAttempt, { id: attemptId })).toBe(legal ? 0 : 1);
    });

    it("a failed deletion keeps the reason on the service and the attempt", async () => {
      const { service, attemptId } = await serviceIn("deleting");
      const ids = { serviceId: service.id, attemptId };
      const reason = { code: "calcom_forbidden", status: 403, eventTypeId: 7 } as const;
      expect(await failServiceDeletion(db.orm.em.fork(), ids, { finishedAt: at, outcome: "failed", reason }, reason)).toBe(true);
      const text = "Cal.com refused access to event type 7 (403)";
      expect(await reload(service.id)).toMatchObject({ syncStatus: "delete_failed", syncError: text, syncReason: reason });
      expect(await db.orm.em.fork().findOneOrFail(SyncAttempt, { id: attemptId })).toMatchObject({ outcome: "failed", errorMessage: text, reason });
    });
  });
});
