import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service, SyncAttempt } from "@askpro/db";
import { TEST_APP_SECRET } from "@askpro/db/testing";
import { runEventTypeRemoval } from "@askpro/sync";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

const ASKPRO_KEY = "cal_test_askpro_demo";
const ASKPRO_TEAM = 39203;
const TEAM_DELETE = "DELETE /v2/teams/{teamId}/event-types/{eventTypeId}";

describe("deleting a linked service: keep, hide or delete its event type in Cal.com", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: ASKPRO_KEY } });
    admin = await testbed.signedIn("admin@askpro.test");
  });
  afterEach(() => sandbox.clearFaults());
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  const bySlug = (slug: string) => testbed.orm.em.fork().findOneOrFail(Service, { slug });
  const exists = async (id: string) => (await testbed.orm.em.fork().count(Service, { id })) === 1;
  const listed = async () => (await admin.service.list({ page: 1, pageSize: 100 })).items.map((item) => item.slug);

  /** The worker's part, run here as the worker runs it (the worker's own tests run it on both job stores). */
  async function runJob(serviceId: string, attemptId: string, run: { attempt?: number; isLastAttempt?: boolean } = {}) {
    const calcom = { apiUrl: sandbox.url, apiKey: ASKPRO_KEY, appSecret: TEST_APP_SECRET };
    const job = { jobId: "job", attempt: run.attempt ?? 1, maxAttempts: 5, isLastAttempt: run.isLastAttempt ?? false, job: { touch: async () => {} } as never };
    return runEventTypeRemoval({ em: testbed.orm.em.fork(), logger: pino({ level: "silent" }), calcom }, { serviceId, attemptId }, job);
  }

  async function deletionRow(serviceId: string) {
    const [row] = await testbed.orm.em.fork().find(SyncAttempt, { service: serviceId, kind: { $in: ["hide", "delete"] } });
    if (!row) throw new Error("no deletion row");
    return row;
  }

  it("asks for a choice when the service is linked, and deletes nothing without one", async () => {
    const service = await bySlug("30-minuten-erstberatung");
    const error = await rejectionOf(admin.service.delete({ id: service.id }));
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "This service is linked to Cal.com event type 3664713: choose whether to keep, hide or delete it in Cal.com. Nothing was deleted.",
    });
    expect(await exists(service.id)).toBe(true);
  });

  it("keep: deletes the service at once and leaves the event type in Cal.com untouched", async () => {
    const service = await bySlug("60-minuten-strategieberatung");
    const before = sandbox.requests.length;

    expect(await admin.service.delete({ id: service.id, eventType: "keep" })).toEqual({ ok: true, outcome: "deleted" });

    expect(await exists(service.id)).toBe(false);
    expect(sandbox.getEventType(3664714)).toMatchObject({ id: 3664714, hidden: false });
    expect(sandbox.requests.length).toBe(before);
  });

  it("delete: the service waits out of the list while the job deletes the event type, then is gone with its history", async () => {
    const service = await bySlug("15-minuten-schnellberatung");

    const result = await admin.service.delete({ id: service.id, eventType: "delete" });

    expect(result).toMatchObject({ ok: true, outcome: "deleting" });
    expect(await admin.service.byId({ id: service.id })).toMatchObject({ syncStatus: "deleting", syncError: null });
    expect(await listed()).not.toContain("15-minuten-schnellberatung");
    expect(await rejectionOf(admin.service.delete({ id: service.id, eventType: "delete" }))).toMatchObject({ code: "CONFLICT" });
    expect(await admin.service.sync({ id: service.id })).not.toMatchObject({ outcome: "queued" });
    const row = await deletionRow(service.id);
    expect(row).toMatchObject({ kind: "delete", outcome: null });
    expect(sandbox.getEventType(3664712)).toBeDefined();

    expect(await runJob(service.id, row.id)).toBe("removed");

    expect(sandbox.getEventType(3664712)).toBeUndefined();
    expect(sandbox.requests.filter((request) => request.method === "DELETE").map((request) => [request.path, request.status])).toEqual([
      [`/v2/teams/${ASKPRO_TEAM}/event-types/3664712`, 200],
    ]);
    expect(await exists(service.id)).toBe(false);
    expect(await testbed.orm.em.fork().count(SyncAttempt, { service: service.id })).toBe(0);
    expect((await rejectionOf(admin.service.byId({ id: service.id }))).code).toBe("NOT_FOUND");
  });

  it("hide: PATCHes hidden true, then deletes the service; the event type stays in Cal.com, hidden", async () => {
    const service = await bySlug("folgetermin");
    expect(await admin.service.delete({ id: service.id, eventType: "hide" })).toMatchObject({ outcome: "deleting" });
    const row = await deletionRow(service.id);
    expect(row.kind).toBe("hide");

    expect(await runJob(service.id, row.id)).toBe("removed");

    expect(sandbox.getEventType(3664716)).toMatchObject({ id: 3664716, hidden: true });
    const patch = sandbox.requests.filter((request) => request.method === "PATCH").at(-1);
    expect(patch).toMatchObject({ path: `/v2/teams/${ASKPRO_TEAM}/event-types/3664716`, status: 200, body: { hidden: true } });
    expect(await exists(service.id)).toBe(false);
  });

  it("a Cal.com failure brings the service back as Deletion failed with the reason, in the list and its history; retry then succeeds", async () => {
    const service = await admin.service.create({
      name: "Löschprobe",
      slug: "loeschprobe",
      description: "",
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumBookingNoticeMinutes: 0,
      priceCents: 0,
      currency: "EUR",
      isActive: true,
      requiresConfirmation: false,
      disableGuests: false,
      calcomEventTypeId: null,
    });
    // 3664713 is linked to "30 Minuten Erstberatung": free it for this service.
    const erst = await bySlug("30-minuten-erstberatung");
    await admin.service.unlink({ id: erst.id, version: erst.version });
    const linked = await admin.service.link({ id: service.id, version: service.version, eventTypeId: 3664713 });

    await admin.service.delete({ id: linked.id, eventType: "delete" });
    const first = await deletionRow(linked.id);
    sandbox.setFault(TEAM_DELETE, { kind: "status", status: 403 }, 1);

    expect(await runJob(linked.id, first.id)).toBe("failed");

    const failed = await admin.service.byId({ id: linked.id });
    expect(failed).toMatchObject({ syncStatus: "delete_failed", syncError: "Cal.com refused access to event type 3664713 (403)" });
    expect(failed.syncReason).toEqual({ code: "calcom_forbidden", status: 403, eventTypeId: 3664713 });
    expect(await listed()).toContain("loeschprobe");
    const history = await admin.service.history({ id: linked.id, limit: 5 });
    expect(JSON.stringify(history)).toContain("Cal.com refused access to event type 3664713 (403)");
    expect(sandbox.getEventType(3664713)).toBeDefined();

    // Try again: a new history row, the job runs, the event type and the service are gone.
    expect(await admin.service.delete({ id: linked.id, eventType: "delete" })).toMatchObject({ outcome: "deleting" });
    const rows = await testbed.orm.em.fork().find(SyncAttempt, { service: linked.id, kind: "delete" }, { orderBy: { requestedAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(await runJob(linked.id, rows[1]?.id as string)).toBe("removed");
    expect(sandbox.getEventType(3664713)).toBeUndefined();
    expect(await exists(linked.id)).toBe(false);
  });

  it("after a failure the admin can keep the event type instead: the service goes, Cal.com is not called", async () => {
    const service = await bySlug("vor-ort-termin");
    // Pending in the demo data: a deletion that would write to Cal.com waits for the sync.
    expect(await rejectionOf(admin.service.delete({ id: service.id, eventType: "hide" }))).toMatchObject({
      code: "CONFLICT",
      message: "A sync of this service is pending. Wait until it has ended, then delete it.",
    });
    await testbed.orm.em.fork().nativeUpdate(Service, { id: service.id }, { syncStatus: "synced" });
    await admin.service.delete({ id: service.id, eventType: "hide" });
    const row = await deletionRow(service.id);
    sandbox.setFault("PATCH *", { kind: "status", status: 503 }, 1);

    // A retryable failure keeps it deleting (the job retries); the last attempt gives up.
    await expect(runJob(service.id, row.id)).rejects.toThrow("Cal.com had a server error (503)");
    expect((await admin.service.byId({ id: service.id })).syncStatus).toBe("deleting");
    sandbox.setFault("PATCH *", { kind: "status", status: 503 }, 1);
    expect(await runJob(service.id, row.id, { attempt: 5, isLastAttempt: true })).toBe("failed");
    expect(await admin.service.byId({ id: service.id })).toMatchObject({ syncStatus: "delete_failed", syncError: "Cal.com had a server error (503) - gave up after 5 attempts" });

    const before = sandbox.requests.length;
    expect(await admin.service.delete({ id: service.id, eventType: "keep" })).toEqual({ ok: true, outcome: "deleted" });
    expect(await exists(service.id)).toBe(false);
    expect(sandbox.requests.length).toBe(before);
    expect(sandbox.getEventType(3664715)).toMatchObject({ hidden: false });
  });

  it("an unlinked service deletes at once whatever is chosen", async () => {
    const service = await bySlug("rueckruf-service");
    expect(await admin.service.delete({ id: service.id, eventType: "delete" })).toEqual({ ok: true, outcome: "deleted" });
    expect(await exists(service.id)).toBe(false);
  });
});
