// No zod here: the SPA's first script imports these, and the schemas would drag zod into it.
export const SYNC_STATUSES = ["never", "pending", "synced", "error"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/**
 * A sync may start from any settled state and ends in synced or error. pending -> pending is refused
 * so that a second click (or a second admin) never queues a second job for the same service.
 */
const SYNC_TRANSITIONS: Record<SyncStatus, readonly SyncStatus[]> = {
  never: ["pending"],
  synced: ["pending"],
  error: ["pending"],
  pending: ["synced", "error"],
};

export function canTransitionSyncStatus(from: SyncStatus, to: SyncStatus): boolean {
  return SYNC_TRANSITIONS[from].includes(to);
}

export class SyncStatusTransitionError extends Error {
  constructor(
    readonly from: SyncStatus,
    readonly to: SyncStatus,
  ) {
    super(`A service cannot go from sync status "${from}" to "${to}"`);
    this.name = "SyncStatusTransitionError";
  }
}

export function assertSyncStatusTransition(from: SyncStatus, to: SyncStatus): void {
  if (!canTransitionSyncStatus(from, to)) throw new SyncStatusTransitionError(from, to);
}

/** The statuses a service may be in for a new sync to start (the WHERE of the conditional UPDATE). */
export const SYNC_STARTABLE_STATUSES: readonly SyncStatus[] = SYNC_STATUSES.filter((status) =>
  canTransitionSyncStatus(status, "pending"),
);
