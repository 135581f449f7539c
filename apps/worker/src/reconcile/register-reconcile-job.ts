import type { Orm } from "@askpro/db";
import { type Agenda, RECONCILE_JOB } from "@askpro/jobs";
import type { Logger } from "../logger";
import { type ReconcileOptions, reconcilePendingSyncs } from "./reconcile-pending";

export const DEFAULT_RECONCILE_INTERVAL_MS = 30_000;
export const DEFAULT_PENDING_AFTER_MS = 2 * 60_000;
/** A run takes a few queries; a crashed worker's run is taken over after this. */
const RECONCILE_LOCK_LIFETIME_MS = 60_000;

export interface ReconcileJobConfig extends ReconcileOptions {
  intervalMs: number;
}

/**
 * Makes this worker run `calcom.reconcile-pending` and schedules it every `intervalMs`. Agenda keeps
 * one schedule per name, however many workers register it, and runs it on one worker at a time.
 */
export async function registerReconcileJob(
  agenda: Agenda,
  deps: { orm: Orm; logger: Logger },
  config: ReconcileJobConfig,
): Promise<void> {
  const { intervalMs, ...options } = config;
  agenda.define(
    RECONCILE_JOB,
    async () => {
      const reenqueued = await reconcilePendingSyncs({ ...deps, agenda }, options);
      deps.logger.debug({ reenqueued: reenqueued.length }, "reconciled pending syncs");
    },
    { concurrency: 1, lockLimit: 1, lockLifetime: RECONCILE_LOCK_LIFETIME_MS },
  );
  await agenda.every(intervalMs, RECONCILE_JOB);
}
