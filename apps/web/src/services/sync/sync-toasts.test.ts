import type { SyncStatus } from "@askpro/domain";
import { describe, expect, it } from "vitest";
import { statusAfterOutcome, syncTransition, toastForOutcome, toastForSyncCallError, toastForTransition } from "./sync-toasts";

describe("toastForOutcome", () => {
  it("maps every outcome of service.sync to the toast ARCHITECTURE.md names", () => {
    expect(toastForOutcome({ outcome: "queued", attemptId: "a", jobId: "j" }, "Beratung")).toEqual({
      type: "success",
      title: "sync.toast.queued",
      description: "Beratung",
    });
    expect(toastForOutcome({ outcome: "already_pending" }, "Beratung")).toEqual({
      type: "info",
      title: "sync.toast.alreadyPending",
      description: "Beratung",
    });
    expect(toastForOutcome({ outcome: "no_event_type" }, "Beratung")).toEqual({
      type: "warning",
      title: "sync.toast.noEventType",
      hint: "sync.noEventTypeHint",
    });
    expect(toastForOutcome({ outcome: "enqueue_failed", reason: "Job store unreachable" }, "Beratung")).toEqual({
      type: "error",
      title: "sync.toast.notStarted",
      description: "Job store unreachable",
    });
  });
});

describe("toastForSyncCallError", () => {
  it("says the sync could not be started, with a reason in words for each kind of failure", () => {
    expect(toastForSyncCallError("unavailable", undefined)).toEqual({ type: "error", title: "sync.toast.notStarted", hint: "sync.toast.unavailable" });
    expect(toastForSyncCallError("forbidden", "FORBIDDEN")).toMatchObject({ hint: "sync.toast.forbidden" });
    expect(toastForSyncCallError("not_found", "Service not found.")).toMatchObject({ hint: "sync.toast.notFound" });
  });

  it("passes the server's sentence on for other refusals, and falls back to a generic reason without one", () => {
    expect(toastForSyncCallError("rate_limited", "Too many requests")).toEqual({
      type: "error",
      title: "sync.toast.notStarted",
      description: "Too many requests",
    });
    expect(toastForSyncCallError("other", undefined)).toMatchObject({ type: "error", hint: "sync.toast.unavailable" });
  });

  it("shows nothing when the session ended (the sign-in page takes over)", () => {
    expect(toastForSyncCallError("unauthorized", "UNAUTHORIZED")).toBeNull();
  });
});

describe("statusAfterOutcome", () => {
  it("is pending after a queued or joined sync, and unknown otherwise", () => {
    expect(statusAfterOutcome({ outcome: "queued", attemptId: "a", jobId: "j" })).toBe("pending");
    expect(statusAfterOutcome({ outcome: "already_pending" })).toBe("pending");
    expect(statusAfterOutcome({ outcome: "no_event_type" })).toBeUndefined();
    expect(statusAfterOutcome({ outcome: "enqueue_failed", reason: "x" })).toBeUndefined();
  });
});

describe("syncTransition", () => {
  it("reports a job's end only when the status leaves pending", () => {
    expect(syncTransition("pending", "synced")).toBe("synced");
    expect(syncTransition("pending", "error")).toBe("failed");
  });

  it("ignores the first sighting, unchanged statuses and changes that are not a job's end", () => {
    const statuses: SyncStatus[] = ["never", "pending", "synced", "error"];
    expect(statuses.map((status) => syncTransition(undefined, status))).toEqual([null, null, null, null]);
    expect(syncTransition("pending", "pending")).toBeNull();
    expect(syncTransition("synced", "error")).toBeNull();
    expect(syncTransition("error", "synced")).toBeNull();
    expect(syncTransition("synced", "pending")).toBeNull();
  });
});

describe("toastForTransition", () => {
  it("names the service on success and gives the reason on failure, as its code for the reader's language", () => {
    expect(toastForTransition("synced", { name: "Beratung", syncError: null, syncReason: null })).toEqual({
      type: "success",
      title: "sync.toast.synced",
      description: "Beratung",
    });
    const syncReason = { code: "event_type_not_found", status: 404, eventTypeId: 1 } as const;
    expect(toastForTransition("failed", { name: "Beratung", syncError: "Event type 1 not found in Cal.com (404)", syncReason })).toEqual({
      type: "error",
      title: "sync.toast.failed",
      description: "Event type 1 not found in Cal.com (404)",
      reason: syncReason,
    });
  });

  it("keeps the text of a failure from before codes", () => {
    expect(toastForTransition("failed", { name: "Beratung", syncError: "Something went wrong", syncReason: null })).toEqual({
      type: "error",
      title: "sync.toast.failed",
      description: "Something went wrong",
    });
  });

  it("says Cal.com did not apply every field when it answered 200 but kept other values", () => {
    const syncError = "Cal.com did not apply: minimumBookingNotice (sent 120, Cal.com has 0)";
    const syncReason = { code: "unapplied_fields", fields: [{ field: "minimumBookingNotice", sent: 120, calcom: 0 }] } as const;
    expect(toastForTransition("failed", { name: "Beratung", syncError, syncReason: { ...syncReason, fields: [...syncReason.fields] } })).toMatchObject({
      type: "error",
      title: "sync.toast.notApplied",
      reason: syncReason,
    });
  });
});
