import { hasLiveJob } from "@askpro/jobs";
import { describe, expect, it } from "vitest";
import { captureLogs, eventually, SCHNELLBERATUNG, STORES, sleep, useSyncTestbed } from "./support/testbed";

/** Another event type of the AskProAI team, which Cal.com keeps applying everything to. */
const ERSTBERATUNG = 3664713;
/** The fixture's notice of both event types; the testbed's services send 90. */
const CALCOM_NOTICE = 120;
const REASON = `Cal.com did not apply: minimumBookingNotice (sent 90, Cal.com has ${CALCOM_NOTICE})`;

describe.each(STORES)("read-back of a sync with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  async function finished(serviceId: string) {
    const service = await testbed.settled(serviceId);
    await eventually(async () => !(await hasLiveJob(testbed.api, serviceId)));
    return service;
  }

  it("ends a sync whose field Cal.com answered 200 to but kept as not synced, naming it, without a retry; another event type still syncs", async () => {
    const logs = captureLogs();
    testbed.sandbox.ignoreField(SCHNELLBERATUNG, "minimumBookingNotice");
    const dropped = await testbed.createService();
    const applied = await testbed.createService({ calcomEventTypeId: ERSTBERATUNG, slug: "erstberatung-am-telefon" });
    await testbed.requestSync(dropped.id);
    await testbed.requestSync(applied.id);
    await testbed.startWorker({ logger: logs.logger });

    const failed = await finished(dropped.id);
    const code = { code: "unapplied_fields", fields: [{ field: "minimumBookingNotice", sent: 90, calcom: CALCOM_NOTICE }] };
    expect(failed).toMatchObject({ syncStatus: "error", syncError: REASON, syncReason: code, lastSyncedAt: null });
    expect(await finished(applied.id)).toMatchObject({ syncStatus: "synced", syncError: null });
    expect(testbed.sandbox.getEventType(SCHNELLBERATUNG)?.minimumBookingNotice).toBe(CALCOM_NOTICE);
    expect(testbed.sandbox.getEventType(ERSTBERATUNG)?.minimumBookingNotice).toBe(90);

    // FAST_RETRY would have retried within 100 ms: a moment longer shows that nothing followed.
    await sleep(500);
    const patchesOf = (id: number) => testbed.patches().filter((patch) => patch.path.endsWith(`/event-types/${id}`));
    expect(patchesOf(SCHNELLBERATUNG).map((patch) => patch.status)).toEqual([200]);
    expect(patchesOf(ERSTBERATUNG)).toHaveLength(1);

    const [attempt] = await testbed.attempts(dropped.id);
    expect(attempt).toMatchObject({ outcome: "failed", attemptNumber: 1, httpStatus: 200, calcomErrorCode: "unapplied_fields", errorMessage: REASON, reason: code });
    expect(attempt?.attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        httpStatus: 200,
        errorCode: "unapplied_fields",
        unappliedFields: [{ field: "minimumBookingNotice", sent: 90, actual: CALCOM_NOTICE }],
      }),
    ]);
    const [appliedAttempt] = await testbed.attempts(applied.id);
    expect(appliedAttempt?.attemptLog[0]?.unappliedFields).toBeUndefined();
    expect(logs.lines()).toContainEqual(expect.objectContaining({ outcome: "failed", unapplied_fields: ["minimumBookingNotice"] }));
  });
});
