// No zod here: the SPA's first script imports these, and the schemas would drag zod into it.
/**
 * `deleting`: an admin deleted the linked service and chose to hide or delete its event type in Cal.com;
 * a job does that, then removes the service (the list no longer shows it meanwhile). `delete_failed`:
 * that job failed, the service is back with the reason, to retry or to keep the event type.
 */
export const SYNC_STATUSES = ["never", "pending", "synced", "error", "deleting", "delete_failed"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** A named change of a service's sync status: allowed only from `from`, it leaves the service in `to`. */
export interface SyncTransition {
  readonly from: readonly SyncStatus[];
  readonly to: SyncStatus;
}

/**
 * Every change of a service's sync status, by name: the only place that says which status may follow
 * which. The database writes are built from it (packages/db/src/sync/sync-records.ts puts `from` in
 * the WHERE of a conditional UPDATE and `to` in its SET), so a write whose service is in any other
 * state changes nothing. A new flow (create in Cal.com, drift) adds its states and transitions here.
 */
export const SYNC_TRANSITIONS = {
  /** An admin or an operator asks for a sync. Not from pending: a second click never queues a second job. */
  request: { from: ["never", "synced", "error"], to: "pending" },
  /** The worker takes the job and is about to call Cal.com. */
  start: { from: ["pending"], to: "pending" },
  /** Cal.com took the update. */
  succeed: { from: ["pending"], to: "synced" },
  /** Cal.com refused, the retries ran out, the worker gave up, or the job could not be queued. */
  fail: { from: ["pending"], to: "error" },
  /** The reconciler queues again a pending sync whose job was lost. */
  reconcile: { from: ["pending"], to: "pending" },
  /**
   * An admin links an event type to a service that has none. Nothing has been sent to that event type
   * yet, whatever the service's last sync was. Not from pending: a queued sync must end first.
   */
  link: { from: ["never", "synced", "error"], to: "never" },
  /** An admin unlinks the event type (it stays in Cal.com). Not from pending: the queued job would write to it. */
  unlink: { from: ["never", "synced", "error"], to: "never" },
  /**
   * A service made from a Cal.com event type (import): it holds what Cal.com holds, so it starts synced.
   * It is inserted, never changed into this, so no status leads to it.
   */
  import: { from: [], to: "synced" },
  /**
   * "Take Cal.com's values": the service now holds what its event type holds. Not from pending: the
   * queued job would push the old values over them.
   */
  takeValues: { from: ["never", "synced", "error"], to: "synced" },
  /** The same, but Cal.com holds a value no service can express (a timed confirmation policy): not in step. */
  takeValuesDiffering: { from: ["never", "synced", "error"], to: "error" },
  /**
   * An admin deletes a linked service and chose to hide or delete its event type in Cal.com: a job does
   * it, then removes the service. Not from pending (its job writes to the event type); from
   * delete_failed to try again.
   */
  requestDelete: { from: ["never", "synced", "error", "delete_failed"], to: "deleting" },
  /** The job hid or deleted the event type: the service row is removed (only while it is deleting). */
  finishDelete: { from: ["deleting"], to: "deleting" },
  /** The job could not hide or delete the event type: the service is shown again with the reason. */
  failDelete: { from: ["deleting"], to: "delete_failed" },
  /**
   * An admin asks to create the service's event type in Cal.com ("Create in Cal.com"). Only for a
   * service without one (the write also requires no event type id); from error too, so a failed
   * create can be tried again. Not from pending: one live job per service.
   */
  requestCreate: { from: ["never", "error"], to: "pending" },
  /**
   * The create job links the event type it created (or found by slug after a run whose answer was
   * lost) and Cal.com's answer holds what was sent.
   */
  linkCreated: { from: ["pending"], to: "synced" },
  /** The same link, but Cal.com's answer kept other values for some fields (read-back). */
  linkCreatedNotApplied: { from: ["pending"], to: "error" },
  /**
   * "Cancel remaining" of a bulk sync takes back a request whose job has not started: nothing was sent,
   * so the service returns to the status it had before the request (one transition per status a
   * request starts from); its attempt row stays as a "cancelled" history row.
   */
  cancelToNever: { from: ["pending"], to: "never" },
  cancelToSynced: { from: ["pending"], to: "synced" },
  cancelToError: { from: ["pending"], to: "error" },
} as const satisfies Record<string, SyncTransition>;

export type SyncTransitionName = keyof typeof SYNC_TRANSITIONS;

export function canApplySyncTransition(name: SyncTransitionName, from: SyncStatus): boolean {
  return (SYNC_TRANSITIONS[name].from as readonly SyncStatus[]).includes(from);
}

export class SyncStatusTransitionError extends Error {
  constructor(
    readonly transition: SyncTransitionName,
    readonly from: SyncStatus,
  ) {
    super(`A service in sync status "${from}" cannot ${transition} a sync`);
    this.name = "SyncStatusTransitionError";
  }
}

/** The status after the transition; throws SyncStatusTransitionError when it does not apply to `from`. */
export function applySyncTransition(name: SyncTransitionName, from: SyncStatus): SyncStatus {
  if (!canApplySyncTransition(name, from)) throw new SyncStatusTransitionError(name, from);
  return SYNC_TRANSITIONS[name].to;
}

/** The statuses a service may be in for a new sync to start. */
export const SYNC_STARTABLE_STATUSES: readonly SyncStatus[] = SYNC_TRANSITIONS.request.from;
