import { CALCOM_API_VERSION } from "@askpro/calcom";
import type { CalcomSandbox } from "@askpro/calcom/sandbox";
import { Service, sentFieldsDigest } from "@askpro/db";
import { mapServiceToEventTypeUpdate, type SyncReason } from "@askpro/domain";
import { hasLiveJob } from "@askpro/jobs";
import { describe, expect, it } from "vitest";
import {
  ASKPRO_TEAM,
  captureLogs,
  eventually,
  PRAXIS_TEAM,
  SCHNELLBERATUNG,
  type ServiceOverrides,
  STORES,
  TEAM_PATCH,
  useSyncTestbed,
} from "./support/testbed";

describe.each(STORES)("calcom.update-event-type with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  /** Waits until the sync has ended and its job is gone, so that no further request can follow. */
  async function finished(serviceId: string) {
    const service = await testbed.settled(serviceId);
    await eventually(async () => !(await hasLiveJob(testbed.api, serviceId)));
    return service;
  }

  it("pushes the mapped service to the team's event type once, with the version header, and records it", async () => {
    const logs = captureLogs();
    const apiKey = testbed.freshKey();
    const service = await testbed.createService();
    const { attemptId, jobId } = await testbed.requestSync(service.id);
    await testbed.startWorker({ apiKey, logger: logs.logger });

    const synced = await finished(service.id);
    expect(synced).toMatchObject({ syncStatus: "synced", syncError: null, syncReason: null, version: service.version });
    // What Cal.com confirmed is remembered: "Changed since last sync" counts from it.
    expect(synced.syncedDigest).toBe(sentFieldsDigest(service));
    expect(synced.lastSyncedAt).toBeInstanceOf(Date);
    expect(synced.lastSyncAttemptAt).toBeInstanceOf(Date);

    const body = mapServiceToEventTypeUpdate(service);
    const patches = testbed.patches();
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ path: `/v2/teams/${ASKPRO_TEAM}/event-types/${SCHNELLBERATUNG}`, body, status: 200 });
    expect(patches[0]?.headers["cal-api-version"]).toBe(CALCOM_API_VERSION);
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)).toMatchObject({
      title: "Schnellberatung am Telefon",
      lengthInMinutes: 20,
      beforeEventBuffer: 5,
      afterEventBuffer: 10,
      minimumBookingNotice: 90,
      disableGuests: true,
    });

    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ id: attemptId, outcome: "succeeded", attemptNumber: 1, httpStatus: 200, jobId, payload: body });
    expect(attempt?.calcomErrorCode).toBeNull();
    expect(attempt?.errorMessage).toBeNull();
    expect(attempt?.finishedAt?.getTime()).toBeGreaterThanOrEqual(attempt?.startedAt?.getTime() ?? Number.NaN);
    expect(attempt?.attemptLog).toEqual([expect.objectContaining({ attempt: 1, httpStatus: 200, errorCode: null, durationMs: expect.any(Number) })]);

    const attemptLines = logs.lines().filter((line) => line.outcome !== undefined);
    expect(attemptLines).toEqual([
      expect.objectContaining({
        service_id: service.id,
        event_type_id: SCHNELLBERATUNG,
        job_id: jobId,
        attempt: 1,
        outcome: "succeeded",
        duration_ms: expect.any(Number),
      }),
    ]);
    expect(logs.text()).not.toContain(apiKey);
  });

  /** The slug of another event type of the AskProAI team. */
  const takenSlug = (sandbox: CalcomSandbox) => sandbox.getEventType(3664713)?.slug ?? "";

  const rejected: {
    name: string;
    service?: ServiceOverrides | ((sandbox: CalcomSandbox) => ServiceOverrides);
    fault?: (sandbox: CalcomSandbox) => void;
    apiKey?: string;
    reason: string | ((sandbox: CalcomSandbox) => string);
    /** The same reason as the code the SPA words. */
    code: SyncReason;
    httpStatus: number;
  }[] = [
    { name: "an invalid API key", apiKey: "cal_test_not_a_key_of_anyone", reason: "Cal.com rejected the API key (401)",
      code: { code: "calcom_key_rejected", status: 401 },
      httpStatus: 401,
    },
    {
      name: "an event type Cal.com does not know",
      service: { calcomEventTypeId: 3664799 },
      reason: "Event type 3664799 not found in Cal.com (404)",
      code: { code: "event_type_not_found", status: 404, eventTypeId: 3664799 },
      httpStatus: 404,
    },
    {
      name: "a team the key's user is not a member of",
      service: { calcomTeamId: PRAXIS_TEAM, calcomEventTypeId: 3664800 },
      reason: "Cal.com refused access to event type 3664800 (403)",
      code: { code: "calcom_forbidden", status: 403, eventTypeId: 3664800 },
      httpStatus: 403,
    },
    {
      name: "data Cal.com refuses (a slug the team already uses)",
      service: (sandbox) => ({ slug: takenSlug(sandbox) }),
      reason: "Cal.com rejected the data: Team event type with this slug already exists (400)",
      code: { code: "calcom_rejected", status: 400, message: "Team event type with this slug already exists" },
      httpStatus: 400,
    },
    {
      name: "a malformed answer",
      fault: (sandbox) => sandbox.setFault(TEAM_PATCH, { kind: "malformed" }),
      reason: "Cal.com returned an unreadable answer",
      code: { code: "calcom_bad_response", status: null },
      httpStatus: 200,
    },
  ];

  it.each(rejected)("ends in error without a retry on $name", async (testCase) => {
    const logs = captureLogs();
    const { sandbox } = testbed;
    const service = await testbed.createService(typeof testCase.service === "function" ? testCase.service(sandbox) : testCase.service);
    const reason = typeof testCase.reason === "function" ? testCase.reason(sandbox) : testCase.reason;
    testCase.fault?.(sandbox);
    await testbed.requestSync(service.id);
    await testbed.startWorker({ logger: logs.logger, ...(testCase.apiKey ? { apiKey: testCase.apiKey } : {}) });

    const failed = await finished(service.id);
    expect(failed).toMatchObject({ syncStatus: "error", syncError: reason, syncReason: testCase.code, lastSyncedAt: null, version: service.version });
    expect(testbed.patches()).toHaveLength(1);
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ outcome: "failed", attemptNumber: 1, httpStatus: testCase.httpStatus, errorMessage: reason, reason: testCase.code });
    expect(attempt?.attemptLog[0]?.reason).toEqual(testCase.code);
    expect(attempt?.attemptLog).toHaveLength(1);
    if (testCase.apiKey) expect(logs.text()).not.toContain(testCase.apiKey);
  });

  it("waits at least what Retry-After says after a 429, then syncs", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "rate_limit", retryAfter: 1 }, 1);
    await testbed.requestSync(service.id);
    await testbed.startWorker();

    const synced = await finished(service.id);
    expect(synced).toMatchObject({ syncStatus: "synced", syncError: null });
    expect(testbed.patches().map((patch) => patch.status)).toEqual([429, 200]);
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ outcome: "succeeded", attemptNumber: 2, httpStatus: 200, errorMessage: null });
    const [limited, retried] = attempt?.attemptLog ?? [];
    expect(limited).toMatchObject({ attempt: 1, httpStatus: 429, errorCode: "ThrottlerException", errorMessage: "Cal.com's rate limit was reached (429)" });
    expect(retried).toMatchObject({ attempt: 2, httpStatus: 200 });
    const waited = Date.parse(retried?.startedAt ?? "") - Date.parse(limited?.finishedAt ?? "");
    expect(waited).toBeGreaterThanOrEqual(1_000);
    expect(synced.lastSyncAttemptAt?.toISOString()).toBe(retried?.startedAt);
  });

  it("retries two server errors with backoff, staying pending meanwhile, then syncs", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "status", status: 500 }, 2);
    await testbed.requestSync(service.id);
    await testbed.startWorker();

    const retrying = await eventually(async () => {
      const [attempt] = await testbed.attempts(service.id);
      return attempt?.outcome === "retrying" ? attempt : undefined;
    });
    expect(retrying.errorMessage).toBe("Cal.com had a server error (500)");
    expect((await testbed.service(service.id)).syncStatus).toBe("pending");

    expect(await finished(service.id)).toMatchObject({ syncStatus: "synced" });
    expect(testbed.patches().map((patch) => patch.status)).toEqual([500, 500, 200]);
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt?.attemptLog.map((entry) => [entry.attempt, entry.httpStatus])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
  });

  it("retries after a timeout, then syncs", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: 1_000 }, 1);
    await testbed.requestSync(service.id);
    await testbed.startWorker({ timeoutMs: 300 });

    expect(await finished(service.id)).toMatchObject({ syncStatus: "synced" });
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt?.attemptLog.map((entry) => [entry.attempt, entry.httpStatus, entry.errorCode])).toEqual([
      [1, null, "timeout"],
      [2, 200, null],
    ]);
  });

  it("gives up after five attempts and says so", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: 1_000 });
    await testbed.requestSync(service.id);
    await testbed.startWorker({ timeoutMs: 150 });

    const reason = "Cal.com did not answer in time (timeout) - gave up after 5 attempts";
    const code = { code: "calcom_timeout", gaveUpAfter: 5 };
    expect(await finished(service.id)).toMatchObject({ syncStatus: "error", syncError: reason, syncReason: code });
    expect(testbed.patches()).toHaveLength(5);
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ outcome: "failed", attemptNumber: 5, errorMessage: reason, reason: code, calcomErrorCode: "timeout" });
    expect(attempt?.attemptLog.map((entry) => entry.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it("renews its lock while Cal.com is slow, so that no other worker starts the same sync", async () => {
    const service = await testbed.createService();
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: 1_500 }, 1);
    const apiKey = testbed.freshKey();
    await testbed.startWorker({ apiKey, lockLifetimeMs: 400 });
    await testbed.requestSync(service.id);
    await eventually(() => testbed.patches().length === 1);
    // Polls often while the first one waits for Cal.com: it would take over a sync whose lock had expired.
    await testbed.startWorker({ apiKey, lockLifetimeMs: 400, processEvery: 100 });

    expect(await finished(service.id)).toMatchObject({ syncStatus: "synced" });
    expect(testbed.patches()).toHaveLength(1);
  });

  it("fails a service whose event type was unlinked after the sync was queued, without calling Cal.com", async () => {
    const service = await testbed.createService();
    await testbed.requestSync(service.id);
    await testbed.orm.em.fork().nativeUpdate(Service, { id: service.id }, { calcomEventTypeId: null });
    await testbed.startWorker();

    expect(await finished(service.id)).toMatchObject({ syncStatus: "error", syncError: "No Cal.com event type linked", syncReason: { code: "no_event_type" } });
    expect(testbed.sandbox.requests).toEqual([]);
    const [attempt] = await testbed.attempts(service.id);
    expect(attempt).toMatchObject({ outcome: "failed", errorMessage: "No Cal.com event type linked", httpStatus: null });
  });

  it("ends quietly when the service was deleted after the sync was queued", async () => {
    const logs = captureLogs();
    const service = await testbed.createService();
    const { jobId } = await testbed.requestSync(service.id);
    await testbed.orm.em.fork().nativeDelete(Service, { id: service.id });
    await testbed.startWorker({ logger: logs.logger });

    await eventually(async () => !(await hasLiveJob(testbed.api, service.id)));
    expect(testbed.sandbox.requests).toEqual([]);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ job_id: jobId, outcome: "skipped", level: 30 }));
  });
});
