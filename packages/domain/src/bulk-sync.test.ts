import { describe, expect, it } from "vitest";
import { type BulkSyncCandidate, bulkSyncDecision, bulkSyncSeconds } from "./bulk-sync";

const synced: BulkSyncCandidate = { linked: true, syncStatus: "synced", confirmedAsIs: true, driftState: null };

describe("bulk sync decision", () => {
  it("skips a service Cal.com already holds as it is", () => {
    expect(bulkSyncDecision(synced)).toBe("in_step");
    expect(bulkSyncDecision({ ...synced, driftState: "in_step" })).toBe("in_step");
  });

  it("sends one edited since its sync, changed or missing in Cal.com, failed, or never synced", () => {
    expect(bulkSyncDecision({ ...synced, confirmedAsIs: false })).toBe("send");
    expect(bulkSyncDecision({ ...synced, driftState: "changed_in_calcom" })).toBe("send");
    expect(bulkSyncDecision({ ...synced, driftState: "missing_in_calcom" })).toBe("send");
    expect(bulkSyncDecision({ ...synced, syncStatus: "error" })).toBe("send");
    expect(bulkSyncDecision({ ...synced, syncStatus: "never", confirmedAsIs: false })).toBe("send");
  });

  it("says why it leaves the others out", () => {
    expect(bulkSyncDecision({ ...synced, linked: false, syncStatus: "never" })).toBe("not_linked");
    expect(bulkSyncDecision({ ...synced, syncStatus: "pending" })).toBe("already_pending");
    expect(bulkSyncDecision({ ...synced, syncStatus: "deleting" })).toBe("being_deleted");
    expect(bulkSyncDecision({ ...synced, syncStatus: "delete_failed" })).toBe("being_deleted");
  });

  it("estimates the time at the key's rate", () => {
    expect(bulkSyncSeconds(0, { limit: 120, windowMs: 60_000 })).toBe(0);
    expect(bulkSyncSeconds(1, { limit: 120, windowMs: 60_000 })).toBe(1);
    expect(bulkSyncSeconds(240, { limit: 120, windowMs: 60_000 })).toBe(120);
  });
});
