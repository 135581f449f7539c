import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NO_API_KEY_REASON } from "../../calcom/read-event-type";
import type { Env } from "../../env";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

const TEAM_EVENT_TYPE = "GET /v2/teams/{teamId}/event-types/{eventTypeId}";

describe("service.syncPreview against the Cal.com sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  let id: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: "cal_test_askpro_demo" } });
    admin = await testbed.signedIn("admin@askpro.test");
    const services = await testbed.orm.em.fork().find(Service, {});
    id = Object.fromEntries(services.map((service) => [service.slug, service.id]));
  });
  afterEach(() => sandbox.reset());
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  /** The api's environment for one test: every request reads it when it is made. */
  async function withEnv<T>(overrides: Partial<Env>, run: () => Promise<T>): Promise<T> {
    const saved = { ...testbed.env };
    Object.assign(testbed.env, overrides);
    try {
      return await run();
    } finally {
      Object.assign(testbed.env, saved);
    }
  }

  it("lists every field sent with Cal.com's value now, marking only what the sync changes", async () => {
    const serviceId = id["15-minuten-schnellberatung"] as string;
    const dto = await admin.service.byId({ id: serviceId });
    await admin.service.update({ ...serviceUpdateSchema.parse(dto), durationMinutes: 20, requiresConfirmation: true });

    const preview = await admin.service.syncPreview({ id: serviceId });

    expect(preview).toMatchObject({ eventTypeId: 3664712, target: { kind: "team", teamId: 39203 }, calcom: { readable: true } });
    const changed = preview.fields.filter((row) => row.changed);
    expect(changed).toEqual([
      { field: "lengthInMinutes", serviceField: "durationMinutes", label: "Duration (minutes)", sent: 20, current: 15, changed: true },
      {
        field: "confirmationPolicy",
        serviceField: "requiresConfirmation",
        label: "Requires confirmation",
        sent: { type: "always", blockUnconfirmedBookingsInBooker: true },
        current: { disabled: true },
        changed: true,
      },
    ]);
    expect(preview.fields.filter((row) => !row.changed).map((row) => [row.field, row.sent, row.current])).toEqual([
      ["title", "15 Minuten Schnellberatung", "15 Minuten Schnellberatung"],
      ["slug", "15-minuten-schnellberatung", "15-minuten-schnellberatung"],
      ["description", "Kurzes Telefonat zur Klärung einer konkreten Frage.", "Kurzes Telefonat zur Klärung einer konkreten Frage."],
      ["beforeEventBuffer", 0, 0],
      ["afterEventBuffer", 5, 5],
      ["minimumBookingNotice", 120, 120],
      ["hidden", false, false],
      ["disableGuests", false, false],
    ]);
    expect(preview.notSent).toEqual([
      { field: "price", label: "Price", reason: "Cal.com API v2 has no price input for event types", local: 0, currentInCalcom: 0, differs: false },
      {
        field: "currency",
        label: "Currency",
        reason: "Cal.com API v2 has no currency input for event types",
        local: "EUR",
        currentInCalcom: "eur",
        differs: false,
      },
    ]);
    const [read, ...others] = sandbox.requests;
    expect(others).toEqual([]);
    expect(read).toMatchObject({ endpoint: TEAM_EVENT_TYPE, path: "/v2/teams/39203/event-types/3664712", status: 200 });
    expect(read?.headers["cal-api-version"]).toBe("2024-06-14");
  });

  const unreadable: [what: string, env: Partial<Env>, fault: () => void, reason: string][] = [
    ["Cal.com fails with 500", {}, () => sandbox.setFault(TEAM_EVENT_TYPE, { kind: "status", status: 500 }), "Cal.com had a server error (500)"],
    ["the API key is invalid", { CALCOM_API_KEY: "cal_test_revoked" }, () => undefined, "Cal.com rejected the API key (401)"],
    ["no API key is configured", { CALCOM_API_KEY: undefined }, () => undefined, NO_API_KEY_REASON],
  ];
  it.each(unreadable)("still lists what will be sent when %s, saying why Cal.com could not be read", async (_, env, fault, reason) => {
    fault();
    const preview = await withEnv(env, () => admin.service.syncPreview({ id: id["30-minuten-erstberatung"] as string }));

    expect(preview.calcom).toEqual({ readable: false, reason });
    expect(preview.eventTypeId).toBe(3664713);
    expect(preview.fields.map((row) => [row.field, row.sent, row.current, row.changed])).toContainEqual(["lengthInMinutes", 30, null, true]);
    expect(preview.fields).toHaveLength(10);
    expect(preview.notSent.map((row) => [row.field, row.local, row.currentInCalcom, row.differs])).toEqual([
      ["price", 4900, null, false],
      ["currency", "EUR", null, false],
    ]);
    expect(`${JSON.stringify(preview)}`).not.toContain("cal_test_");
  });

  it("answers without asking Cal.com for a service without an event type", async () => {
    const preview = await admin.service.syncPreview({ id: id["rueckruf-service"] as string });
    expect(preview).toMatchObject({
      eventTypeId: null,
      target: { kind: "team", teamId: 39203 },
      calcom: { readable: false, reason: "No Cal.com event type is linked to this service" },
    });
    expect(preview.fields).toHaveLength(10);
    expect(sandbox.requests).toEqual([]);
  });

  it("is FORBIDDEN to a viewer and NOT_FOUND for another company's service", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await rejectionOf(viewer.service.syncPreview({ id: id["15-minuten-schnellberatung"] as string }))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(admin.service.syncPreview({ id: id.krankengymnastik as string }))).code).toBe("NOT_FOUND");
    expect(sandbox.requests).toEqual([]);
  });
});
