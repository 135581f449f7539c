import { describe, expect, it } from "vitest";
import {
  applySyncTransition,
  canApplySyncTransition,
  SYNC_STARTABLE_STATUSES,
  SYNC_STATUSES,
  SYNC_TRANSITIONS,
  SyncStatusTransitionError,
  type SyncTransitionName,
} from "./sync-status";

const names = Object.keys(SYNC_TRANSITIONS) as SyncTransitionName[];

describe("sync status transitions", () => {
  it("starts a sync from every settled status", () => {
    for (const from of ["never", "synced", "error"] as const) expect(applySyncTransition("request", from)).toBe("pending");
    expect([...SYNC_STARTABLE_STATUSES].sort()).toEqual(["error", "never", "synced"]);
  });

  it("never queues a second sync while one is pending", () => {
    expect(canApplySyncTransition("request", "pending")).toBe(false);
    expect(() => applySyncTransition("request", "pending")).toThrow(SyncStatusTransitionError);
  });

  it("changes the link only while no sync is pending", () => {
    for (const name of ["link", "unlink"] as const) {
      expect(canApplySyncTransition(name, "pending")).toBe(false);
      for (const from of ["never", "synced", "error"] as const) expect(applySyncTransition(name, from)).toBe("never");
    }
  });

  it("ends a sync only in synced or error, and only a pending one", () => {
    expect(applySyncTransition("succeed", "pending")).toBe("synced");
    expect(applySyncTransition("fail", "pending")).toBe("error");
    for (const name of ["start", "succeed", "fail", "reconcile"] as const) {
      for (const from of ["never", "synced", "error"] as const) expect(canApplySyncTransition(name, from)).toBe(false);
    }
  });

  it("names only known statuses, and only a change of the link leads back to never", () => {
    for (const name of names) {
      const { from, to } = SYNC_TRANSITIONS[name];
      for (const status of [...from, to]) expect(SYNC_STATUSES).toContain(status);
      // Nothing has been sent to a newly linked event type; an unlinked service has none; a cancelled
      // request gives back the status it found.
      expect(to === "never").toBe(name === "link" || name === "unlink" || name === "cancelToNever");
    }
    expect(SYNC_STATUSES).toEqual(["never", "pending", "synced", "error", "deleting", "delete_failed"]);
  });

  it("cancels only a pending request, back to any status a request starts from", () => {
    expect(applySyncTransition("cancelToNever", "pending")).toBe("never");
    expect(applySyncTransition("cancelToSynced", "pending")).toBe("synced");
    expect(applySyncTransition("cancelToError", "pending")).toBe("error");
    for (const from of ["never", "synced", "error", "deleting", "delete_failed"] as const) expect(canApplySyncTransition("cancelToSynced", from)).toBe(false);
  });

  it("takes Cal.com's values only while no sync is pending", () => {
    for (const from of ["never", "synced", "error"] as const) {
      expect(applySyncTransition("takeValues", from)).toBe("synced");
      expect(applySyncTransition("takeValuesDiffering", from)).toBe("error");
    }
    for (const from of ["pending", "deleting", "delete_failed"] as const) {
      expect(canApplySyncTransition("takeValues", from)).toBe(false);
      expect(canApplySyncTransition("takeValuesDiffering", from)).toBe(false);
    }
  });

  it("deletes a linked service only when no job writes to its event type, and can try again after a failure", () => {
    for (const from of ["never", "synced", "error", "delete_failed"] as const) expect(applySyncTransition("requestDelete", from)).toBe("deleting");
    expect(canApplySyncTransition("requestDelete", "pending")).toBe(false);
    expect(canApplySyncTransition("requestDelete", "deleting")).toBe(false);
    expect(applySyncTransition("failDelete", "deleting")).toBe("delete_failed");
    // No sync, link or take of values starts on a service being deleted, or whose deletion failed.
    for (const name of ["request", "link", "unlink", "takeValues"] as const) {
      expect(canApplySyncTransition(name, "deleting")).toBe(false);
      expect(canApplySyncTransition(name, "delete_failed")).toBe(false);
    }
  });
});
