import { type EntityManager, loadAutoSyncState } from "@askpro/db";
import { SENT_SERVICE_FIELDS } from "@askpro/domain";
import { type JobsSource, type RequestSyncLogger, type RequestSyncResult, requestSync } from "./request-sync";

/**
 * How long an auto-sync's job waits before it runs (a debounce). The job reads the service when it
 * runs, and a save meanwhile finds the service pending and is carried by that job: quick saves in a
 * row end in one PATCH with the last values, and the api needs no timer of its own (the job store
 * holds the due time, so a restarted api or worker loses nothing).
 */
export const AUTO_SYNC_DELAY_MS = 3_000;

/** What an auto-sync request did: a sync request's result, or why none was needed. */
export type AutoSyncResult = RequestSyncResult | { outcome: "not_requested"; why: "no_sent_field" | "off" | "unlinked" | "unchanged" | "not_synced" };

export interface AutoSyncOptions {
  em: EntityManager;
  jobs: JobsSource;
  serviceId: string;
  /** The admin who saved; null for the follow-up the worker asks for. */
  requestedById: string | null;
  logger: RequestSyncLogger;
  /** AUTO_SYNC_DELAY_MS unless told (tests). */
  delayMs?: number | undefined;
}

const SENT = new Set<string>(SENT_SERVICE_FIELDS);

/**
 * After a save of the service (`changedFields`: the fields it changed). With the company's auto-sync
 * on, a change to a sent field that leaves Cal.com behind requests a sync through the normal decision
 * (requestSync: one live job per service). A price edit, or an edit back to what Cal.com holds, does not.
 */
export async function requestAutoSyncAfterSave(options: AutoSyncOptions & { changedFields: readonly string[] }): Promise<AutoSyncResult> {
  if (!options.changedFields.some((field) => SENT.has(field))) return { outcome: "not_requested", why: "no_sent_field" };
  return requestAutoSync(options, false);
}

/**
 * After a sync job finished. A save made while it was running found the service pending, so it asked
 * for nothing, and the job had already read the fields it sent: the service is still changed since
 * that sync. Only after a sync that ended synced: a failed one waits for an admin (or the next save),
 * so a failure never loops.
 */
export function requestAutoSyncFollowUp(options: AutoSyncOptions): Promise<AutoSyncResult> {
  return requestAutoSync(options, true);
}

async function requestAutoSync(options: AutoSyncOptions, onlyWhenSynced: boolean): Promise<AutoSyncResult> {
  const state = await loadAutoSyncState(options.em, options.serviceId);
  if (!state?.autoSync) return { outcome: "not_requested", why: "off" };
  if (!state.linked) return { outcome: "not_requested", why: "unlinked" };
  if (onlyWhenSynced && state.syncStatus !== "synced") return { outcome: "not_requested", why: "not_synced" };
  // Never confirmed since the link counts as changed: none of it is known to be in Cal.com.
  if (state.confirmed && !state.changedSinceSync) return { outcome: "not_requested", why: "unchanged" };
  return requestSync({
    em: options.em,
    jobs: options.jobs,
    serviceId: options.serviceId,
    companyId: state.companyId,
    requestedById: options.requestedById,
    logger: options.logger,
    delayMs: options.delayMs ?? AUTO_SYNC_DELAY_MS,
  });
}
