import type { SyncOutcome } from "@askpro/api";
import type { SyncReason, SyncStatus } from "@askpro/domain";
import type { ApiErrorKind } from "../../lib/api-error";

export type SyncToastTitle =
  | "sync.toast.queued"
  | "sync.toast.alreadyPending"
  | "sync.toast.noEventType"
  | "sync.toast.notStarted"
  | "sync.toast.synced"
  | "sync.toast.failed"
  | "sync.toast.notApplied";

export type SyncToastHint = "sync.noEventTypeHint" | "sync.toast.unavailable" | "sync.toast.forbidden" | "sync.toast.notFound";

/**
 * A toast chosen without rendering it, so the choice is unit-tested: `title` and `hint` are catalogue
 * keys; `description` is shown as it is (a reason from the server, or the service's name).
 */
export interface SyncToast {
  type: "success" | "info" | "warning" | "error";
  title: SyncToastTitle;
  description?: string;
  /** A failure's reason, worded in the reader's language when shown; `description` is its stored text. */
  reason?: SyncReason;
  hint?: SyncToastHint;
}

/** What service.sync answered, as the toast the person sees. */
export function toastForOutcome(outcome: SyncOutcome, serviceName: string): SyncToast {
  switch (outcome.outcome) {
    case "queued":
      return { type: "success", title: "sync.toast.queued", description: serviceName };
    case "already_pending":
      return { type: "info", title: "sync.toast.alreadyPending", description: serviceName };
    case "no_event_type":
      return { type: "warning", title: "sync.toast.noEventType", hint: "sync.noEventTypeHint" };
    case "enqueue_failed":
      return { type: "error", title: "sync.toast.notStarted", description: outcome.reason };
  }
}

const HINT_BY_KIND: Partial<Record<ApiErrorKind, SyncToastHint>> = {
  unavailable: "sync.toast.unavailable",
  forbidden: "sync.toast.forbidden",
  not_found: "sync.toast.notFound",
};

/**
 * service.sync failed as a call. `serverMessage` is the api's own sentence for an expected refusal
 * (apiMessageOf), never raw transport text. null: the session ended, and the sign-in page says so.
 */
export function toastForSyncCallError(kind: ApiErrorKind, serverMessage: string | undefined): SyncToast | null {
  if (kind === "unauthorized") return null;
  const hint = HINT_BY_KIND[kind];
  if (hint) return { type: "error", title: "sync.toast.notStarted", hint };
  return serverMessage
    ? { type: "error", title: "sync.toast.notStarted", description: serverMessage }
    : { type: "error", title: "sync.toast.notStarted", hint: "sync.toast.unavailable" };
}

/**
 * The status the service has on the server once service.sync answered: a queued sync, or the one it
 * joined, is pending. undefined: refetch to learn it (enqueue_failed set an error, no_event_type
 * means the link is gone).
 */
export function statusAfterOutcome(outcome: SyncOutcome): SyncStatus | undefined {
  return outcome.outcome === "queued" || outcome.outcome === "already_pending" ? "pending" : undefined;
}

export type SyncTransition = "synced" | "failed";

/** A job ended: the status left `pending` for `synced` or `error`. Anything else is not a job's outcome. */
export function syncTransition(previous: SyncStatus | undefined, current: SyncStatus): SyncTransition | null {
  if (previous !== "pending") return null;
  if (current === "synced") return "synced";
  if (current === "error") return "failed";
  return null;
}

export function toastForTransition(
  transition: SyncTransition,
  service: { name: string; syncError: string | null; syncReason: SyncReason | null },
): SyncToast {
  if (transition === "synced") return { type: "success", title: "sync.toast.synced", description: service.name };
  // Cal.com answered 200 but kept other values: not the generic failure, since resending changes nothing.
  const title = service.syncReason?.code === "unapplied_fields" ? "sync.toast.notApplied" : "sync.toast.failed";
  return { type: "error", title, description: service.syncError ?? undefined, ...(service.syncReason && { reason: service.syncReason }) };
}
