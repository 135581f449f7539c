import { describe, expect, it } from "vitest";
import {
  assertSyncStatusTransition,
  canTransitionSyncStatus,
  SYNC_STARTABLE_STATUSES,
  SYNC_STATUSES,
  SyncStatusTransitionError,
} from "./sync-status";

describe("sync status machine", () => {
  it("starts a sync from every settled status", () => {
    for (const from of ["never", "synced", "error"] as const) expect(canTransitionSyncStatus(from, "pending")).toBe(true);
    expect([...SYNC_STARTABLE_STATUSES].sort()).toEqual(["error", "never", "synced"]);
  });

  it("ends a sync only in synced or error", () => {
    expect(canTransitionSyncStatus("pending", "synced")).toBe(true);
    expect(canTransitionSyncStatus("pending", "error")).toBe(true);
    expect(canTransitionSyncStatus("pending", "never")).toBe(false);
  });

  it("never queues a second sync while one is pending", () => {
    expect(canTransitionSyncStatus("pending", "pending")).toBe(false);
    expect(() => assertSyncStatusTransition("pending", "pending")).toThrow(SyncStatusTransitionError);
  });

  it("cannot settle a service that was not syncing", () => {
    for (const from of ["never", "synced", "error"] as const) {
      for (const to of ["synced", "error", "never"] as const) expect(canTransitionSyncStatus(from, to)).toBe(false);
    }
    expect(SYNC_STATUSES).toEqual(["never", "pending", "synced", "error"]);
  });
});
