import type { DriftState } from "./calcom-drift";
import type { SyncStatus } from "./sync-status";

/** Why a bulk sync leaves a service out, as the confirm dialog counts them. */
export const BULK_SKIP_REASONS = ["not_linked", "already_pending", "in_step", "being_deleted"] as const;
export type BulkSkipReason = (typeof BULK_SKIP_REASONS)[number];

/** What a bulk sync knows of one service when it decides. */
export interface BulkSyncCandidate {
  linked: boolean;
  syncStatus: SyncStatus;
  /** Cal.com confirmed exactly the fields the service holds now (synced_digest = sent_digest). */
  confirmedAsIs: boolean;
  driftState: DriftState | null;
}

/**
 * Send, or why not. A synced service whose sent fields are the ones Cal.com last confirmed, and whose
 * copy in Cal.com was not found changed or missing since, is already in step: a PATCH would change
 * nothing, so it costs none.
 */
export function bulkSyncDecision(candidate: BulkSyncCandidate): "send" | BulkSkipReason {
  if (candidate.syncStatus === "deleting" || candidate.syncStatus === "delete_failed") return "being_deleted";
  if (!candidate.linked) return "not_linked";
  if (candidate.syncStatus === "pending") return "already_pending";
  const driftedInCalcom = candidate.driftState === "changed_in_calcom" || candidate.driftState === "missing_in_calcom";
  if (candidate.syncStatus === "synced" && candidate.confirmedAsIs && !driftedInCalcom) return "in_step";
  return "send";
}

/** How long `requests` take at a key's rate (requests per window), in whole seconds, at least 1 when any. */
export function bulkSyncSeconds(requests: number, rate: { limit: number; windowMs: number }): number {
  if (requests <= 0) return 0;
  return Math.max(1, Math.ceil((requests * rate.windowMs) / Math.max(1, rate.limit) / 1000));
}
