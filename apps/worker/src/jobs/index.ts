import { calcomRateBudgetStore, type Orm } from "@askpro/db";
import type { Jobs } from "@askpro/jobs";
import type { WorkerEnv } from "../env";
import type { Logger } from "../logger";
import { DEFAULT_DRIFT_CHECK_INTERVAL_MS, registerDriftJobs } from "../drift/register-drift-jobs";
import type { DriftCheckMetrics, SyncJobMetrics } from "../metrics/worker-metrics";
import { DEFAULT_PENDING_AFTER_MS, DEFAULT_RECONCILE_INTERVAL_MS, registerReconcileJob } from "../reconcile/register-reconcile-job";
import { registerSyncJob } from "../sync/register-sync-job";

export interface JobDependencies {
  env: WorkerEnv;
  logger: Logger;
  orm: Orm;
  metrics?: (SyncJobMetrics & DriftCheckMetrics) | undefined;
}

/** Defines one kind of job on the worker's Agenda (and schedules it, for a recurring one). */
export type JobRegistration = (jobs: Jobs, dependencies: JobDependencies) => void | Promise<void>;

/** Every job this worker handles: the Cal.com sync, the reconciler that keeps it from getting lost, and the drift check. */
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
  (jobs, { env, logger, orm, metrics }) =>
    registerDriftJobs(
      jobs,
      { orm, logger, metrics },
      {
        calcom: { apiUrl: env.CALCOM_API_URL, apiKey: env.CALCOM_API_KEY, appSecret: env.APP_SECRET, rateBudget: calcomRateBudgetStore(orm) },
        intervalMs: env.DRIFT_CHECK_INTERVAL_MS ?? DEFAULT_DRIFT_CHECK_INTERVAL_MS,
        budgetShare: env.DRIFT_BUDGET_SHARE,
      },
    ),
];

export async function registerJobs(jobs: Jobs, dependencies: JobDependencies): Promise<void> {
  for (const register of jobRegistrations) await register(jobs, dependencies);
}
