import type { Orm } from "@askpro/db";
import { defineBulkSyncJob, defineCreateEventTypeJob, defineRemoveEventTypeJob, defineSyncJob, type Jobs, type RetryPolicy, SYNC_LOCK_LIFETIME_MS } from "@askpro/jobs";
import { type CalcomSettings, registerAutoSyncFollowUp } from "@askpro/sync";
import type { Logger } from "../logger";
import type { SyncJobMetrics } from "../metrics/worker-metrics";
import { createCreateEventTypeHandler } from "./create-event-type.handler";
import { createRemoveEventTypeHandler } from "./remove-event-type.handler";
import { createUpdateEventTypeHandler } from "./update-event-type.handler";

export interface SyncJobConfig {
  calcom: CalcomSettings;
  /** Defaults to SYNC_RETRY_POLICY: five attempts over about 15 minutes. */
  retry?: RetryPolicy | undefined;
  /** Defaults to SYNC_LOCK_LIFETIME_MS: how long a crashed worker's sync waits before another worker takes it. */
  lockLifetimeMs?: number | undefined;
  /** Defaults to PAUSED_RECHECK_MS: how long a paused company's sync waits before it looks again. */
  pausedRecheckMs?: number | undefined;
}

/**
 * Makes this worker run `calcom.update-event-type` (a click's sync), `calcom.bulk-update-event-type` (a
 * bulk run's, in a queue of its own) and `calcom.create-event-type` ("Create in
 * Cal.com"), which shares the sync's configuration, retries and metrics, and `calcom.remove-event-type`
 * (hide or delete the event type of a service being deleted), which shares its configuration and retries;
 * and auto-sync's follow-up after a sync or create job of this worker.
 */
export function registerSyncJob(jobs: Jobs, deps: { orm: Orm; logger: Logger; metrics?: SyncJobMetrics | undefined }, config: SyncJobConfig): void {
  const lockLifetimeMs = config.lockLifetimeMs ?? SYNC_LOCK_LIFETIME_MS;
  // runSync's statements go through Kysely on the pool, never the identity map: one fork serves them all.
  const autoSyncFollowUp = registerAutoSyncFollowUp(jobs, { em: deps.orm.em.fork(), logger: deps.logger });
  const common = { ...deps, calcom: config.calcom, lockLifetimeMs, pausedRecheckMs: config.pausedRecheckMs, autoSyncFollowUp };
  defineSyncJob(jobs, createUpdateEventTypeHandler(common), { retry: config.retry, lockLifetimeMs });
  // A bulk run's syncs: the same handler in their own queue, leaving part of every window to clicks.
  defineBulkSyncJob(jobs, createUpdateEventTypeHandler({ ...common, bulk: true }), { retry: config.retry, lockLifetimeMs });
  defineCreateEventTypeJob(jobs, createCreateEventTypeHandler(common), { retry: config.retry, lockLifetimeMs });
  defineRemoveEventTypeJob(jobs, createRemoveEventTypeHandler(common), { retry: config.retry, lockLifetimeMs });
}
