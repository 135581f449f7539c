import { describe, expect, it } from "vitest";
import { describeSyncReason, gaveUp, parseSyncReason, SYNC_REASON_CODES, type SyncReason, unappliedFieldsReason } from "./sync-reason";

describe("describeSyncReason", () => {
  it("words unapplied fields as read-back always has, so old and new rows read alike", () => {
    const fields = [
      { field: "minimumBookingNotice" as const, sent: 120, actual: 0 },
      { field: "title" as const, sent: "Neu", actual: null },
    ];
    expect(describeSyncReason(unappliedFieldsReason(fields))).toBe('Cal.com did not apply: minimumBookingNotice (sent 120, Cal.com has 0), title (sent "Neu", Cal.com has null)');
    expect(unappliedFieldsReason(fields)).toEqual({
      code: "unapplied_fields",
      fields: [
        { field: "minimumBookingNotice", sent: 120, calcom: 0 },
        { field: "title", sent: "Neu", calcom: null },
      ],
    });
  });

  it.each<[SyncReason, string]>([
    [{ code: "calcom_key_rejected", status: 401 }, "Cal.com rejected the API key (401)"],
    [{ code: "event_type_not_found", status: 404, eventTypeId: 3664712 }, "Event type 3664712 not found in Cal.com (404)"],
    [{ code: "calcom_rejected", status: 400, message: "Slug taken." }, "Cal.com rejected the data: Slug taken. (400)"],
    [{ code: "calcom_rejected", status: 422, message: null }, "Cal.com rejected the data: no reason given (422)"],
    [{ code: "calcom_bad_response", status: null }, "Cal.com returned an unreadable answer"],
    [gaveUp({ code: "calcom_timeout" }, 5), "Cal.com did not answer in time (timeout) - gave up after 5 attempts"],
  ])("%j -> %s", (reason, text) => {
    expect(describeSyncReason(reason)).toBe(text);
  });
});

describe("parseSyncReason", () => {
  it("accepts every known code and refuses anything else, so a reader falls back to the text", () => {
    for (const code of SYNC_REASON_CODES) expect(parseSyncReason({ code, fields: [] })?.code).toBe(code);
    expect(parseSyncReason({ code: "from_the_future" })).toBeNull();
    expect(parseSyncReason({ code: "unapplied_fields" })).toBeNull();
    expect(parseSyncReason("Cal.com rejected the API key (401)")).toBeNull();
    expect(parseSyncReason(null)).toBeNull();
  });
});
