import { CalcomError, type CalcomErrorKind } from "./errors";
import { describe, expect, it } from "vitest";
import { describeCalcomFailure } from "./describe-failure";

const failure = (kind: CalcomErrorKind, status?: number, calcomMessage?: string) =>
  new CalcomError({ kind, operation: "PATCH /v2/teams/39203/event-types/3664712", status, calcomMessage });

describe("describeCalcomFailure", () => {
  it.each([
    [failure("unauthorized", 401, "Invalid API Key"), "Cal.com rejected the API key (401)"],
    [failure("forbidden", 403), "Cal.com refused access to event type 3664712 (403)"],
    [failure("not_found", 404), "Event type 3664712 not found in Cal.com (404)"],
    [failure("validation", 422, "lengthInMinutes must be positive"), "Cal.com rejected the data: lengthInMinutes must be positive (422)"],
    [failure("validation", 400), "Cal.com rejected the data: no reason given (400)"],
    [failure("conflict", 409, "Slug taken"), "Cal.com reported a conflict: Slug taken (409)"],
    [failure("rate_limited", 429), "Cal.com's rate limit was reached (429)"],
    [failure("server", 503), "Cal.com had a server error (503)"],
    [failure("network"), "Cal.com could not be reached (network error)"],
    [failure("timeout"), "Cal.com did not answer in time (timeout)"],
    [failure("bad_response", 200), "Cal.com returned an unreadable answer"],
    [failure("bad_response", 302), "Cal.com answered with an unexpected status (302)"],
  ])("%s -> %s", (error, reason) => {
    expect(describeCalcomFailure(error, 3664712)).toBe(reason);
  });

  it("keeps a long Cal.com message short enough for a badge", () => {
    const reason = describeCalcomFailure(failure("validation", 400, "x".repeat(5_000)), 1);
    expect(reason.length).toBeLessThan(350);
    expect(reason).toMatch(/^Cal\.com rejected the data: x+… \(400\)$/);
  });
});
