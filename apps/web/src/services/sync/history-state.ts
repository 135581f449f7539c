import type { SyncHistoryEntry } from "@askpro/api";

/** Where one queued sync stands, for its badge in the history. */
export type HistoryState = "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";

export function historyState(entry: Pick<SyncHistoryEntry, "outcome" | "startedAt">): HistoryState {
  if (entry.outcome !== null) return entry.outcome;
  return entry.startedAt === null ? "queued" : "running";
}

/** The badge colours of the sync status that each state belongs to. */
export const HISTORY_STATE_TONE: Record<HistoryState, "never" | "pending" | "synced" | "error"> = {
  queued: "never",
  running: "pending",
  retrying: "pending",
  succeeded: "synced",
  failed: "error",
  // Taken back before it started ("Cancel remaining" of a bulk sync): nothing was sent.
  cancelled: "never",
};
