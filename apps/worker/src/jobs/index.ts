import { calcomRateBudgetStore, type Orm } from "@askpro/db";
import type { Jobs } from "@askpro/jobs";
import type { WorkerEnv } from "../env";
import type { Logger } from "../logger";
import type { SyncJobMetrics } from "../metrics/worker-metrics";
import { DEFAULT_PENDING_AFTER_MS, DEFAULT_RECONCILE_INTERVAL_MS, registerReconcileJob } from "../reconcile/register-reconcile-job";
import { registerSyncJob } from "../sync/register-sync-job";

export interface JobDependencies {
  env: WorkerEnv;
  logger: Logger;
  orm: Orm;
  metrics?: SyncJobMetrics | undefined;
}

/** Defines one kind of job on the worker's Agenda (and schedules it, for a recurring one). */
export type JobRegistration = (jobs: Jobs, dependencies: JobDependencies) => void | Promise<void>;

/** Every job this worker handles: the Cal.com sync and the reconciler that keeps it from getting lost. */
export const jobRegistrations: JobRegistration[] = [
  (jobs, { env, logger, orm, metrics }) =>
    registerSyncJob(
      jobs,
      { orm, logger, metrics },
      {
        calcom: {
          apiUrl: env.CALCOM_API_URL,
          apiKey: env.CALCOM_API_KEY,
          appSecret: env.APP_SECRET,
          // Every worker (and the api) spends each key's one budget, kept in PostgreSQL (packages/db/src/calcom-budget).
          rateBudget: calcomRateBudgetStore(orm),
        },
        lockLifetimeMs: env.JOBS_LOCK_LIFETIME_MS,
      },
    ),
  (jobs, { env, logger, orm }) =>
    registerReconcileJob(
      jobs,
      { orm, logger },
      {
        intervalMs: env.RECONCILE_INTERVAL_MS ?? DEFAULT_RECONCILE_INTERVAL_MS,
        pendingAfterMs: env.RECONCILE_PENDING_AFTER_MS ?? DEFAULT_PENDING_AFTER_MS,
      },
    ),
];

export async function registerJobs(jobs: Jobs, dependencies: JobDependencies): Promise<void> {
  for (const register of jobRegistrations) await register(jobs, dependencies);
}
