import { randomUUID } from "node:crypto";
import { createCalcomClient } from "@askpro/calcom";
import { calcomRateBudgetStore, Company, Service } from "@askpro/db";
import { serviceInputFromEventType } from "@askpro/domain";
import { checkDrift } from "@askpro/sync";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, TEST_APP_SECRET, useSyncTestbed } from "./support/testbed";

/** Team event types of AskProAI in the sandbox's fixture. */
const CHANGED = 3664712;
const DELETED = 3664713;
const UNTOUCHED = 3664714;
const PENDING = 3664715;

describe("drift check of a company against the Cal.com sandbox (real PostgreSQL)", () => {
  const testbed = useSyncTestbed("postgres");

  /** A company of the AskProAI team whose services each start in step with their event type. */
  async function companyLinkedTo(eventTypeIds: number[], overrides: { calcomTeamId?: number | null } = {}) {
    const em = testbed.orm.em.fork();
    const company = em.create(Company, {
      name: "AskProAI",
      slug: `askproai-${randomUUID().slice(0, 8)}`,
      calcomTeamId: "calcomTeamId" in overrides ? overrides.calcomTeamId : ASKPRO_TEAM,
    });
    const services = eventTypeIds.map((id) => {
      const eventType = testbed.sandbox.getEventType(id);
      if (!eventType) throw new Error(`no event type ${id} in the sandbox`);
      return em.create(Service, { ...serviceInputFromEventType(eventType, id), company, syncStatus: "synced" });
    });
    await em.flush();
    return { company, services };
  }

  /** A Cal.com user editing their event types with their own key, as in Cal.com's UI. */
  function calcomUser() {
    return createCalcomClient({ apiKey: testbed.freshKey(), baseUrl: testbed.sandbox.url });
  }

  function check(companyId: string, apiKey: string = testbed.freshKey()) {
    return checkDrift(
      {
        em: testbed.orm.em.fork(),
        logger: pino({ level: "silent" }),
        calcom: { apiUrl: testbed.sandbox.url, apiKey, appSecret: TEST_APP_SECRET, rateBudget: calcomRateBudgetStore(testbed.orm) },
      },
      companyId,
    );
  }

  /** Requests to the sandbox from here on are the check's. */
  let since = 0;
  const listCalls = () => testbed.sandbox.requests.slice(since).filter((request) => request.method === "GET" && request.path.includes("event-types"));

  it("marks a changed event type with the field and both values, a deleted one missing, an untouched one in step; leaves a pending service alone; one request", async () => {
    const { company, services } = await companyLinkedTo([CHANGED, DELETED, UNTOUCHED, PENDING]);
    const [changed, deleted, untouched, pending] = services as [Service, Service, Service, Service];
    await testbed.orm.em.fork().nativeUpdate(Service, { id: pending.id }, { syncStatus: "pending" });
    const user = calcomUser();
    await user.updateEventType(CHANGED, { title: "Schnellberatung (in Cal.com umbenannt)" }, { teamId: ASKPRO_TEAM });
    await user.deleteEventType(DELETED, { teamId: ASKPRO_TEAM });
    await user.updateEventType(PENDING, { title: "Also changed, but a sync is on its way" }, { teamId: ASKPRO_TEAM });
    since = testbed.sandbox.requests.length;

    const result = await check(company.id);

    expect(result).toMatchObject({ outcome: "checked", checked: 3, marked: 3, calcomRequests: 1, counts: { in_step: 1, changed_in_calcom: 1, missing_in_calcom: 1 } });
    expect(listCalls().map((request) => request.path)).toEqual([`/v2/teams/${ASKPRO_TEAM}/event-types`]);
    expect(await testbed.service(changed.id)).toMatchObject({
      driftState: "changed_in_calcom",
      driftReason: { code: "changed_in_calcom", fields: [{ field: "title", ours: changed.name, calcom: "Schnellberatung (in Cal.com umbenannt)" }] },
      driftCheckedAt: expect.any(Date),
      // Drift is not a sync status, and a check is no edit.
      syncStatus: "synced",
      version: changed.version,
    });
    expect(await testbed.service(deleted.id)).toMatchObject({ driftState: "missing_in_calcom", driftReason: { code: "missing_in_calcom", eventTypeId: DELETED } });
    expect(await testbed.service(untouched.id)).toMatchObject({ driftState: "in_step", driftReason: { code: "in_step" } });
    expect(await testbed.service(pending.id)).toMatchObject({ driftState: null, driftReason: null, driftCheckedAt: null, syncStatus: "pending" });
  });

  it("checks 1,000 linked services of one team with one request and one write", async () => {
    const { company } = await companyLinkedTo([UNTOUCHED]);
    const em = testbed.orm.em.fork();
    // Event types the sandbox does not hold (the unique link forbids sharing one): each is missing.
    for (let i = 0; i < 999; i++) {
      em.create(Service, { company: company.id, name: `Bulk ${i}`, slug: `bulk-${i}`, durationMinutes: 30, calcomEventTypeId: 9_100_000 + i, syncStatus: "synced" });
    }
    await em.flush();
    since = testbed.sandbox.requests.length;

    const result = await check(company.id);

    expect(result).toMatchObject({ outcome: "checked", checked: 1_000, marked: 1_000, calcomRequests: 1, counts: { in_step: 1, missing_in_calcom: 999 } });
    expect(listCalls()).toHaveLength(1);
    // The figure for the measure; a one-by-one check would have made 1,000 GETs.
    console.info(`drift check of 1,000 linked services: 1 Cal.com request, ${result.durationMs} ms`);
  });

  it("reads a company without a team from its key's user with one request", async () => {
    const { company, services } = await companyLinkedTo([], { calcomTeamId: null });
    expect(services).toEqual([]);
    // A user event type made by that user, linked to a service of the company.
    const key = testbed.freshKey();
    const user = createCalcomClient({ apiKey: key, baseUrl: testbed.sandbox.url });
    const created = await user.createEventType({ title: "Telefonat", slug: `telefonat-${randomUUID().slice(0, 6)}`, lengthInMinutes: 30 });
    const em = testbed.orm.em.fork();
    const eventType = testbed.sandbox.getEventType(created.id);
    if (!eventType) throw new Error("the created event type is not in the sandbox");
    const service = em.create(Service, { ...serviceInputFromEventType(eventType, created.id), company: company.id, syncStatus: "synced" });
    await em.flush();
    await user.updateEventType(created.id, { lengthInMinutes: 45 });
    since = testbed.sandbox.requests.length;

    expect(await check(company.id, key)).toMatchObject({ outcome: "checked", checked: 1, calcomRequests: 1, counts: { changed_in_calcom: 1 } });
    expect(listCalls().map((request) => request.path)).toEqual(["/v2/event-types"]);
    expect((await testbed.service(service.id)).driftReason).toEqual({ code: "changed_in_calcom", fields: [{ field: "lengthInMinutes", ours: 30, calcom: 45 }] });
  });

  it("changes no mark when Cal.com cannot be read, and says why", async () => {
    const { company, services } = await companyLinkedTo([UNTOUCHED]);
    testbed.sandbox.setFault("GET *", { kind: "status", status: 503 });
    const result = await check(company.id);
    expect(result).toMatchObject({ outcome: "failed", reason: { code: "calcom_server_error", status: 503 } });
    expect(await testbed.service((services[0] as Service).id)).toMatchObject({ driftState: null });
  });

  it("does not mark a service edited after it was read (its version moved on)", async () => {
    const { company, services } = await companyLinkedTo([UNTOUCHED]);
    const service = services[0] as Service;
    await calcomUser().updateEventType(UNTOUCHED, { title: "Renamed in Cal.com" }, { teamId: ASKPRO_TEAM });
    // An admin's save lands while the list call is under way.
    testbed.sandbox.setFault("GET *", { kind: "latency", ms: 400 }, 1);
    const checking = check(company.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await testbed.orm.em.fork().nativeUpdate(Service, { id: service.id }, { description: "edited meanwhile", version: service.version + 1 });
    expect(await checking).toMatchObject({ outcome: "checked", checked: 1, marked: 0 });
    expect(await testbed.service(service.id)).toMatchObject({ driftState: null });
  });
});
