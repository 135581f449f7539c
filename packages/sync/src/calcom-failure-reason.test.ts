import { CalcomError, type CalcomErrorKind, describeCalcomFailure } from "@askpro/calcom";
import { describeSyncReason } from "@askpro/domain";
import { describe, expect, it } from "vitest";
import { calcomFailureReason } from "./calcom-failure-reason";

const failure = (kind: CalcomErrorKind, status?: number, calcomMessage?: string) =>
  new CalcomError({ kind, operation: "PATCH /v2/teams/39203/event-types/3664712", status, calcomMessage });

describe("calcomFailureReason", () => {
  it.each([
    [failure("unauthorized", 401, "Invalid API Key"), { code: "calcom_key_rejected", status: 401 }],
    [failure("forbidden", 403), { code: "calcom_forbidden", status: 403, eventTypeId: 3664712 }],
    [failure("not_found", 404), { code: "event_type_not_found", status: 404, eventTypeId: 3664712 }],
    [failure("validation", 400, " Slug taken. "), { code: "calcom_rejected", status: 400, message: "Slug taken." }],
    [failure("validation", 422), { code: "calcom_rejected", status: 422, message: null }],
    [failure("conflict", 409, "Busy"), { code: "calcom_conflict", status: 409, message: "Busy" }],
    [failure("rate_limited", 429), { code: "rate_limited", status: 429 }],
    [failure("server", 503), { code: "calcom_server_error", status: 503 }],
    [failure("network"), { code: "calcom_unreachable" }],
    [failure("timeout"), { code: "calcom_timeout" }],
    [failure("bad_response", 200), { code: "calcom_bad_response", status: null }],
    [failure("bad_response", 302), { code: "calcom_bad_response", status: 302 }],
  ])("%s -> %j, worded in English as describeCalcomFailure words it", (error, reason) => {
    expect(calcomFailureReason(error, 3664712)).toEqual(reason);
    expect(describeSyncReason(calcomFailureReason(error, 3664712))).toBe(describeCalcomFailure(error, 3664712));
  });

  it("keeps a long Cal.com message short enough for a badge", () => {
    const reason = calcomFailureReason(failure("validation", 400, "x".repeat(5_000)), 1);
    expect(reason.code === "calcom_rejected" && reason.message?.length).toBe(300);
  });
});
