import { createCalcomClient } from "@askpro/calcom";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service } from "@askpro/db";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

const ASKPRO_KEY = "cal_test_askpro_demo";
const ASKPRO_TEAM = 39203;
const TEAM_GET = "GET /v2/teams/{teamId}/event-types/{eventTypeId}";

describe("Take Cal.com's values, against the sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  /** Someone changing the event type in Cal.com itself. */
  const inCalcom = () => createCalcomClient({ apiKey: ASKPRO_KEY, baseUrl: sandbox.url });

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

  const stored = (slug: string) => testbed.orm.em.fork().findOneOrFail(Service, { slug });

  it("shows each field Cal.com changed (before -> after), changes nothing, then takes them: the service is Synced", async () => {
    const before = await stored("15-minuten-schnellberatung");
    await inCalcom().updateEventType(
      3664712,
      {
        title: "Schnellberatung (aus Cal.com)",
        lengthInMinutes: 20,
        afterEventBuffer: 10,
        hidden: true,
        confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: true },
      },
      { teamId: ASKPRO_TEAM },
    );

    const preview = await admin.service.calcomValues({ id: before.id });

    expect(preview).toEqual({
      eventTypeId: 3664712,
      version: before.version,
      changes: [
        { field: "name", before: "15 Minuten Schnellberatung", after: "Schnellberatung (aus Cal.com)" },
        { field: "durationMinutes", before: 15, after: 20 },
        { field: "bufferAfterMinutes", before: 5, after: 10 },
        { field: "isActive", before: true, after: false },
        { field: "requiresConfirmation", before: false, after: true },
      ],
      invalid: [],
      inStep: true,
      differsBecause: null,
    });
    expect(await stored("15-minuten-schnellberatung")).toMatchObject({ name: before.name, version: before.version });

    const taken = await admin.service.takeCalcomValues({ id: before.id, version: preview.version });

    expect(taken.inStep).toBe(true);
    expect(taken.changes).toEqual(preview.changes);
    expect(taken.service).toMatchObject({
      name: "Schnellberatung (aus Cal.com)",
      durationMinutes: 20,
      bufferAfterMinutes: 10,
      isActive: false,
      requiresConfirmation: true,
      syncStatus: "synced",
      syncError: null,
      version: before.version + 1,
    });
    expect(new Date(taken.service.lastSyncedAt as string).getTime()).toBeGreaterThan(before.lastSyncedAt?.getTime() ?? 0);
    // In step for real: the confirm dialog of a sync now finds nothing to change.
    const syncPreview = await admin.service.syncPreview({ id: before.id });
    expect(syncPreview.fields.filter((row) => row.changed)).toEqual([]);
    // Nothing was written to Cal.com.
    expect(sandbox.requests.filter((request) => request.method !== "GET").length).toBe(1);
  });

  it("refuses a stale version with CONFLICT and keeps the newer edit", async () => {
    const service = await stored("30-minuten-erstberatung");
    await inCalcom().updateEventType(3664713, { lengthInMinutes: 45 }, { teamId: ASKPRO_TEAM });
    const preview = await admin.service.calcomValues({ id: service.id });
    expect(preview.changes).toContainEqual({ field: "durationMinutes", before: 30, after: 45 });
    // Another admin saves meanwhile.
    const other = await testbed.signedIn("admin@askpro.test");
    const dto = await other.service.byId({ id: service.id });
    await other.service.update({ ...dto, description: "Vom anderen Admin" });

    const error = await rejectionOf(admin.service.takeCalcomValues({ id: service.id, version: preview.version }));

    expect(error).toMatchObject({ code: "CONFLICT", message: "This service was changed by someone else. Reload to see their changes." });
    expect(await stored("30-minuten-erstberatung")).toMatchObject({ description: "Vom anderen Admin", durationMinutes: 30, version: service.version + 1 });
  });

  it("a save that lands while Cal.com is being read wins: CONFLICT, nothing of Cal.com's taken, nothing lost", async () => {
    const service = await stored("30-minuten-erstberatung");
    const other = await testbed.signedIn("admin@askpro.test");
    const dto = await other.service.byId({ id: service.id });
    // Cal.com's answer is held back (within the api's 4 s read timeout) until the other admin has saved.
    sandbox.setFault(TEAM_GET, { kind: "latency", ms: 3_000 }, 1);
    const path = `/v2/teams/${ASKPRO_TEAM}/event-types/3664713`;
    const readsBefore = sandbox.requests.filter((request) => request.path === path).length;

    const taking = rejectionOf(admin.service.takeCalcomValues({ id: service.id, version: service.version }));
    await vi.waitFor(() => expect(sandbox.requests.filter((request) => request.path === path).length).toBeGreaterThan(readsBefore), { timeout: 3_000, interval: 20 });
    const saved = await other.service.update({ ...dto, name: "Gleichzeitig gespeichert" });
    const error = await taking;

    expect(error).toMatchObject({ code: "CONFLICT", message: "This service was changed by someone else. Reload to see their changes." });
    expect(await stored("30-minuten-erstberatung")).toMatchObject({ name: "Gleichzeitig gespeichert", durationMinutes: 30, version: saved.version, syncStatus: service.syncStatus });
  });

  it("a confirmation policy no service can express is taken as near as it goes, and the service is not Synced, saying why", async () => {
    const service = await stored("60-minuten-strategieberatung");
    await inCalcom().updateEventType(
      3664714,
      { confirmationPolicy: { type: "time", noticeThreshold: { unit: "hours", count: 2 }, blockUnconfirmedBookingsInBooker: true } },
      { teamId: ASKPRO_TEAM },
    );

    const preview = await admin.service.calcomValues({ id: service.id });
    expect(preview.inStep).toBe(false);
    // A code with the fields, for the SPA to word in the reader's language.
    expect(preview.differsBecause).toMatchObject({
      code: "values_not_expressible",
      fields: [{ field: "confirmationPolicy", sent: expect.objectContaining({ type: "always" }), calcom: expect.objectContaining({ type: "time" }) }],
    });

    const taken = await admin.service.takeCalcomValues({ id: service.id, version: preview.version });

    expect(taken.inStep).toBe(false);
    expect(taken.service).toMatchObject({ requiresConfirmation: true, syncStatus: "error", syncReason: preview.differsBecause });
    expect(taken.service.syncError).toMatch(/^Cal\.com holds values a service cannot express: confirmationPolicy \(the service sends .*"always".*, Cal\.com has .*"time".*\)\. Sync to send the service's$/);
  });

  it("refuses values a service cannot hold, naming them, and changes nothing", async () => {
    const service = await stored("folgetermin");
    await inCalcom().updateEventType(3664716, { lengthInMinutes: 2, title: "Folgetermin kurz" }, { teamId: ASKPRO_TEAM });

    const preview = await admin.service.calcomValues({ id: service.id });
    expect(preview.invalid).toEqual([{ field: "durationMinutes", value: 2, message: "Duration must be between 5 and 720 minutes" }]);
    const error = await rejectionOf(admin.service.takeCalcomValues({ id: service.id, version: service.version }));

    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "Cal.com's values cannot be taken: Duration must be between 5 and 720 minutes (Cal.com has 2). Nothing was changed.",
    });
    expect(await stored("folgetermin")).toMatchObject({ name: service.name, version: service.version, syncStatus: service.syncStatus });
  });

  it("refuses while a sync is pending, before asking Cal.com", async () => {
    const service = await stored("vor-ort-termin");
    const requests = sandbox.requests.length;
    const error = await rejectionOf(admin.service.takeCalcomValues({ id: service.id, version: service.version }));
    expect(error).toMatchObject({ code: "CONFLICT", message: "A sync of this service is pending. Wait until it has ended, then take Cal.com's values." });
    expect(sandbox.requests.length).toBe(requests);
  });

  it("says so when the service has no event type, or Cal.com no longer has it, or cannot be reached", async () => {
    const unlinked = await stored("rueckruf-service");
    expect(await rejectionOf(admin.service.calcomValues({ id: unlinked.id }))).toMatchObject({ code: "PRECONDITION_FAILED" });

    const service = await stored("folgetermin");
    sandbox.setFault(TEAM_GET, { kind: "status", status: 503 }, 1);
    expect(await rejectionOf(admin.service.takeCalcomValues({ id: service.id, version: service.version }))).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: "Cal.com had a server error (503). Nothing was changed; try again.",
    });

    await inCalcom().deleteEventType(3664716, { teamId: ASKPRO_TEAM });
    expect(await rejectionOf(admin.service.takeCalcomValues({ id: service.id, version: service.version }))).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Cal.com event type 3664716 was not found for Cal.com team 39203 (deleted in Cal.com?). Nothing was changed.",
    });
    expect(await stored("folgetermin")).toMatchObject({ version: service.version, syncStatus: service.syncStatus });
  });

  it("is for admins: a viewer is refused", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const service = await stored("15-minuten-schnellberatung");
    expect(await rejectionOf(viewer.service.calcomValues({ id: service.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(viewer.service.takeCalcomValues({ id: service.id, version: service.version }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
