import { type CalcomClient, createCalcomClient } from "@askpro/calcom";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service, SyncAttempt } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, issuePaths, rejectionOf, type Testbed } from "../../../test/support/testbed";

const ASKPRO_KEY = "cal_test_askpro_demo";
const ASKPRO_TEAM = 39203;
/** Praxis Nord's team event type: real in Cal.com, but not AskProAI's. */
const FOREIGN_EVENT_TYPE = 3664801;
const UNKNOWN_EVENT_TYPE = 9_999_999;
/** "30 Minuten Erstberatung" in the fixture: EUR 49.00. Its demo service is deleted below, so it can be imported. */
const PRICED_EVENT_TYPE = 3664713;

describe("Import from Cal.com, against the sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let calcom: CalcomClient;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;

  /** A new event type of AskProAI's team, created in the sandbox as Cal.com would hold it. */
  const teamEventType = async (fields: Record<string, unknown> & { title: string; slug: string }) =>
    (
      await calcom.createEventType(
        { lengthInMinutes: 30, schedulingType: "roundRobin", assignAllTeamMembers: true, ...fields } as Parameters<CalcomClient["createEventType"]>[0],
        { teamId: ASKPRO_TEAM },
      )
    ).id;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: ASKPRO_KEY } });
    calcom = createCalcomClient({ apiKey: ASKPRO_KEY, baseUrl: sandbox.url });
    admin = await testbed.signedIn("admin@askpro.test");
    await testbed.orm.em.fork().nativeDelete(Service, { calcomEventTypeId: PRICED_EVENT_TYPE });
  });
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  const em = () => testbed.orm.em.fork();
  const askproServices = () => em().count(Service, { company: { slug: "askproai" } });

  it("lists the company's event types that no service links, each with the service already using its slug", async () => {
    const free = await teamEventType({ title: "Paarberatung", slug: "paarberatung" });
    const clashing = await teamEventType({ title: "Rückruf", slug: "rueckruf-service" });

    const { source, teamId, eventTypes } = await admin.service.importableEventTypes();

    expect([source, teamId]).toEqual(["Cal.com team 39203", 39203]);
    const ids = eventTypes.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([PRICED_EVENT_TYPE, free, clashing]));
    // Linked ones (3664712 and the other demo services') are not offered, nor another team's.
    for (const linked of [3664712, 3664714, 3664715, 3664716, FOREIGN_EVENT_TYPE]) expect(ids).not.toContain(linked);
    expect(eventTypes.find((row) => row.id === free)).toEqual({ id: free, title: "Paarberatung", slug: "paarberatung", lengthInMinutes: 30, hidden: false, slugUsedBy: null });
    expect(eventTypes.find((row) => row.id === clashing)?.slugUsedBy).toBe("Rückruf-Service");
  });

  it("imports the chosen event types as services with Cal.com's values, linked and synced, with an import row in the history", async () => {
    const workshop = await teamEventType({
      title: "Intensiv-Workshop",
      slug: "intensiv-workshop",
      description: "Ein halber Tag.",
      lengthInMinutes: 240,
      beforeEventBuffer: 15,
      afterEventBuffer: 30,
      minimumBookingNotice: 2880,
      hidden: true,
      confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: true },
      disableGuests: true,
    });

    // Whatever else the browser sends is not taken: every field comes from Cal.com.
    const answer = await admin.service.importEventTypes({ eventTypeIds: [workshop, PRICED_EVENT_TYPE], name: "Forged", slug: "forged" } as never);

    expect(answer.imported).toBe(2);
    expect(answer.results.map((row) => [row.eventTypeId, row.title, row.imported])).toEqual([
      [workshop, "Intensiv-Workshop", true],
      [PRICED_EVENT_TYPE, "30 Minuten Erstberatung", true],
    ]);
    const imported = await em().findOneOrFail(Service, { calcomEventTypeId: workshop }, { populate: ["company"] });
    expect(imported).toMatchObject({
      name: "Intensiv-Workshop",
      slug: "intensiv-workshop",
      description: "Ein halber Tag.",
      durationMinutes: 240,
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 30,
      minimumBookingNoticeMinutes: 2880,
      isActive: false,
      requiresConfirmation: true,
      disableGuests: true,
      syncStatus: "synced",
      syncError: null,
    });
    expect(imported.company.slug).toBe("askproai");
    expect(imported.lastSyncedAt).toBeInstanceOf(Date);
    expect(await em().findOneOrFail(Service, { calcomEventTypeId: PRICED_EVENT_TYPE })).toMatchObject({ priceCents: 4900, currency: "EUR", syncStatus: "synced" });
    expect(await em().count(Service, { slug: "forged" })).toBe(0);

    const history = await admin.service.history({ id: imported.id, limit: 5 });
    expect(history).toEqual([expect.objectContaining({ kind: "import", outcome: "succeeded", requestedBy: { email: "admin@askpro.test" }, attempts: [] })]);
    // It was read, never written: import sends nothing to Cal.com.
    expect(sandbox.requests.filter((request) => request.method !== "GET" && request.path.includes(String(workshop)))).toEqual([]);
    // Now linked, it is no longer offered.
    expect((await admin.service.importableEventTypes()).eventTypes.map((row) => row.id)).not.toContain(workshop);
  });

  it("imports the sandbox fixture's three unlinked event types of the demo team (the dev walk-through)", async () => {
    const answer = await admin.service.importEventTypes({ eventTypeIds: [3664717, 3664718, 3664719] });

    expect(answer.results.map((row) => [row.title, row.imported])).toEqual([
      ["Telefonische Nachbesprechung", true],
      ["Workshop Digitalisierung", true],
      ["Video-Sprechstunde", true],
    ]);
    expect(await em().findOneOrFail(Service, { calcomEventTypeId: 3664718 })).toMatchObject({
      durationMinutes: 120,
      priceCents: 24900,
      currency: "EUR",
      requiresConfirmation: true,
      syncStatus: "synced",
    });
    expect(await em().findOneOrFail(Service, { calcomEventTypeId: 3664719 })).toMatchObject({ disableGuests: true, priceCents: 3900 });
  });

  it("answers a slug clash and an event type linked meanwhile per row, imports the others, and writes nothing for the failed rows", async () => {
    // The demo's "60 Minuten Strategieberatung" uses this slug; its event type 3664714 has another.
    const clashing = await teamEventType({ title: "Strategie (neu)", slug: "60-minuten-strategieberatung" });
    const fine = await teamEventType({ title: "Nachsorge", slug: "nachsorge" });
    const attemptsBefore = await em().count(SyncAttempt, {});
    const servicesBefore = await askproServices();

    const answer = await admin.service.importEventTypes({ eventTypeIds: [clashing, 3664712, fine] });

    expect(answer.imported).toBe(1);
    expect(answer.results).toEqual([
      expect.objectContaining({ eventTypeId: clashing, title: "Strategie (neu)", imported: false, problem: "slug_taken", slug: "60-minuten-strategieberatung" }),
      expect.objectContaining({ eventTypeId: 3664712, title: "15 Minuten Schnellberatung", imported: false, problem: "already_linked", linkedTo: "15 Minuten Schnellberatung" }),
      expect.objectContaining({ eventTypeId: fine, imported: true }),
    ]);
    expect(answer.results[0]).toMatchObject({ reason: 'The slug "60-minuten-strategieberatung" is already used by another service of this company.' });
    expect(await askproServices()).toBe(servicesBefore + 1);
    expect(await em().count(Service, { calcomEventTypeId: clashing })).toBe(0);
    expect(await em().count(SyncAttempt, {})).toBe(attemptsBefore + 1);
  });

  it("does not call an event type synced when a service cannot hold one of its settings", async () => {
    const loose = await teamEventType({ title: "Lockere Bestätigung", slug: "lockere-bestaetigung", confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: false } });

    const [row] = (await admin.service.importEventTypes({ eventTypeIds: [loose] })).results;

    expect(row).toMatchObject({ imported: false, problem: "not_in_step", fields: ["confirmationPolicy"] });
    expect(await em().count(Service, { calcomEventTypeId: loose })).toBe(0);
  });

  it.each([
    ["another company's", FOREIGN_EVENT_TYPE],
    ["an unknown", UNKNOWN_EVENT_TYPE],
  ])("refuses %s event type as BAD_REQUEST and imports none of the others asked with it", async (_, eventTypeId) => {
    const other = await teamEventType({ title: `Mit ${eventTypeId}`, slug: `mit-${eventTypeId}` });
    const before = await askproServices();

    const error = await rejectionOf(admin.service.importEventTypes({ eventTypeIds: [other, eventTypeId] }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(`Cal.com event type ${eventTypeId} is not one of this company's event types (not found for Cal.com team 39203). Nothing was imported.`);
    expect(await askproServices()).toBe(before);
    expect(await em().count(Service, { calcomEventTypeId: other })).toBe(0);
  });

  it("refuses no ids, repeated ids and ids that are not positive whole numbers, naming the field", async () => {
    for (const eventTypeIds of [[], [3664713, 3664713], [-1], [1.5], ["3664713"]]) {
      const error = await rejectionOf(admin.service.importEventTypes({ eventTypeIds } as never));
      expect([error.code, issuePaths(error)[0]?.split(".")[0]]).toEqual(["BAD_REQUEST", "eventTypeIds"]);
    }
  });

  it("is FORBIDDEN to a viewer, NOT_FOUND for another company's id, and lets a platform operator import for a company they name", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const eventTypeId = await teamEventType({ title: "Für den Operator", slug: "fuer-den-operator" });
    expect((await rejectionOf(viewer.service.importableEventTypes())).code).toBe("FORBIDDEN");
    expect((await rejectionOf(viewer.service.importEventTypes({ eventTypeIds: [eventTypeId] }))).code).toBe("FORBIDDEN");

    const askpro = await em().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" }, { populate: ["company"] });
    const praxisAdmin = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(praxisAdmin.service.importEventTypes({ companyId: askpro.company.id, eventTypeIds: [eventTypeId] }))).code).toBe("NOT_FOUND");
    expect(await em().count(Service, { calcomEventTypeId: eventTypeId })).toBe(0);

    const operator = await testbed.operator();
    expect((await rejectionOf(operator.service.importEventTypes({ eventTypeIds: [eventTypeId] }))).code).toBe("BAD_REQUEST");
    expect((await operator.service.importEventTypes({ companyId: askpro.company.id, eventTypeIds: [eventTypeId] })).imported).toBe(1);
    expect(await em().findOneOrFail(Service, { calcomEventTypeId: eventTypeId }, { populate: ["company"] })).toMatchObject({ company: { slug: "askproai" } });
  });
});
