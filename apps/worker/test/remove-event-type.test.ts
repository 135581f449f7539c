import { CALCOM_API_VERSION } from "@askpro/calcom";
import { claimServiceDeletion, Service, SyncAttempt } from "@askpro/db";
import type { EventTypeRemoval } from "@askpro/db";
import { removeEventTypeJob } from "@askpro/jobs";
import { requestServiceDeletion } from "@askpro/sync";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, eventually, SCHNELLBERATUNG, STORES, sleep, useSyncTestbed } from "./support/testbed";

const TEAM_DELETE = "DELETE /v2/teams/{teamId}/event-types/{eventTypeId}";
const EVENT_TYPE_PATH = `/v2/teams/${ASKPRO_TEAM}/event-types/${SCHNELLBERATUNG}`;

describe.each(STORES)("calcom.remove-event-type (deleting a linked service) with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  async function requestDeletion(serviceId: string, removal: EventTypeRemoval) {
    const result = await requestServiceDeletion({
      em: testbed.orm.em.fork(),
      jobs: testbed.api,
      serviceId,
      companyId: null,
      requestedById: null,
      removal,
      logger: pino({ level: "silent" }),
    });
    if (result.outcome !== "queued") throw new Error(`deletion not queued: ${result.outcome}`);
    return result;
  }

  const gone = (serviceId: string) => eventually(async () => (await testbed.orm.em.fork().count(Service, { id: serviceId })) === 0, 10_000);
  const noLiveJob = (serviceId: string) => eventually(async () => (await testbed.api.liveJob(removeEventTypeJob(), serviceId)) === undefined);
  const calls = (method: string) => testbed.sandbox.requests.filter((request) => request.method === method && request.path === EVENT_TYPE_PATH);

  it("delete: DELETEs the event type on the team path, then removes the service and its history", async () => {
    const service = await testbed.createService();
    const { attemptId } = await requestDeletion(service.id, "delete");
    expect((await testbed.service(service.id)).syncStatus).toBe("deleting");
    await testbed.startWorker();

    await gone(service.id);
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)).toBeUndefined();
    expect(calls("DELETE").map((request) => request.status)).toEqual([200]);
    expect(calls("DELETE")[0]?.headers["cal-api-version"]).toBe(CALCOM_API_VERSION);
    expect(await testbed.orm.em.fork().count(SyncAttempt, { id: attemptId })).toBe(0);
    await noLiveJob(service.id);
  });

  it("hide: PATCHes hidden true and nothing else, then removes the service; Cal.com keeps the event type hidden", async () => {
    const service = await testbed.createService();
    await requestDeletion(service.id, "hide");
    await testbed.startWorker();

    await gone(service.id);
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)).toMatchObject({ id: SCHNELLBERATUNG, hidden: true, title: "15 Minuten Schnellberatung" });
    expect(calls("PATCH").map((request) => [request.status, request.body])).toEqual([[200, { hidden: true }]]);
    expect(calls("DELETE")).toEqual([]);
  });

  it("a refusal (403) brings the service back as delete_failed with the reason, on the service and its history, without a retry", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_DELETE, { kind: "status", status: 403 });
    const { attemptId } = await requestDeletion(service.id, "delete");
    await testbed.startWorker();

    const failed = await eventually(async () => {
      const now = await testbed.service(service.id);
      return now.syncStatus === "deleting" ? undefined : now;
    });
    const reason = { code: "calcom_forbidden", status: 403, eventTypeId: SCHNELLBERATUNG };
    expect(failed).toMatchObject({ syncStatus: "delete_failed", syncError: `Cal.com refused access to event type ${SCHNELLBERATUNG} (403)`, syncReason: reason });
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ id: attemptId, kind: "delete", outcome: "failed", httpStatus: 403, reason });
    expect(attempt?.attemptLog).toEqual([expect.objectContaining({ method: "DELETE", path: EVENT_TYPE_PATH, httpStatus: 403 })]);
    await noLiveJob(service.id);
    await sleep(300);
    expect(calls("DELETE")).toHaveLength(1);
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)).toBeDefined();
  });

  it("Cal.com down for a moment (503): retried, then done", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_DELETE, { kind: "status", status: 503 }, 1);
    await requestDeletion(service.id, "delete");
    await testbed.startWorker();

    await gone(service.id);
    expect(calls("DELETE").map((request) => request.status)).toEqual([503, 200]);
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)).toBeUndefined();
  });

  it("a deletion whose job was lost (the api died before queueing it) is queued again by the reconciler and ends", async () => {
    const service = await testbed.createService();
    // Marked deleting with its history row, as service.delete does, but no job was queued.
    await claimServiceDeletion(testbed.orm.em.fork(), { serviceId: service.id, companyId: null, removal: "hide", requestedById: null, at: new Date() });
    await testbed.startWorker({ reconcile: { intervalMs: 200, pendingAfterMs: 300 }, processEvery: 100 });

    await gone(service.id);
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)).toMatchObject({ hidden: true });
    expect(calls("PATCH")).toHaveLength(1);
  });

  it("an event type already gone from Cal.com (404) counts as deleted", async () => {
    const service = await testbed.createService({ calcomEventTypeId: 9_999_001 });
    await requestDeletion(service.id, "delete");
    await testbed.startWorker();

    await gone(service.id);
    expect(testbed.sandbox.requests.filter((request) => request.method === "DELETE").map((request) => request.status)).toEqual([404]);
  });
});
