import { calcomEnv } from "@askpro/calcom/env";
import { appSecretEnv, databaseEnv } from "@askpro/db/env";
import { composeEnv, LOG_LEVEL, type PresetOptions } from "@askpro/env";
import { jobsEnv } from "@askpro/jobs/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The worker's own variables; the database, jobs, Cal.com and APP_SECRET ones belong to the packages that use them. */
const workerVariables = {
  LOG_LEVEL,
  /** How long a sync may hold its lock before another worker takes it over (a worker died). */
  JOBS_LOCK_LIFETIME_MS: milliseconds(500),
  /** How often the reconciler looks for pending services without a job. */
  RECONCILE_INTERVAL_MS: milliseconds(100),
  /** How long a service must have been pending, without a job, before the reconciler queues it again. */
  RECONCILE_PENDING_AFTER_MS: milliseconds(1_000),
  /** How often each company's linked services are checked against Cal.com (drift). Default DEFAULT_DRIFT_CHECK_INTERVAL_MS: 15 minutes. */
  DRIFT_CHECK_INTERVAL_MS: milliseconds(1_000),
  /** Of each window of a Cal.com key's rate budget, the share a drift check may take (0 < share <= 1). Default DEFAULT_DRIFT_BUDGET_SHARE (@askpro/sync): 0.2. */
  DRIFT_BUDGET_SHARE: z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a number from 0 to 1, e.g. 0.2")
    .transform(Number)
    .refine((share) => share > 0, "must be more than 0")
    .optional(),
  /** Port of the worker's Prometheus endpoint (/metrics); 0 turns it off. Default DEFAULT_METRICS_PORT. */
  METRICS_PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number (0 turns the metrics endpoint off)")
    .transform(Number)
    .refine((port) => port <= 65_535, "must be at most 65535")
    .optional(),
  /** Address the metrics endpoint listens on. Default DEFAULT_METRICS_HOST: only this machine can scrape it. */
  METRICS_HOST: z.string().optional(),
};

function composeWorkerEnv(options: PresetOptions) {
  return createEnv({
    extends: [databaseEnv(options), jobsEnv(options), calcomEnv(options), appSecretEnv(options)],
    server: workerVariables,
    ...options,
  });
}

export const DEFAULT_METRICS_PORT = 9464;
export const DEFAULT_METRICS_HOST = "127.0.0.1";

function milliseconds(minimum: number) {
  return z
    .string()
    .regex(/^\d+$/, "must be a whole number of milliseconds")
    .transform(Number)
    .refine((ms) => ms >= minimum, `must be at least ${minimum} ms`)
    .optional();
}

export type WorkerEnv = ReturnType<typeof composeWorkerEnv>;

export type EnvResult = { ok: true; env: WorkerEnv } | { ok: false; problems: string[] };

/** Validates the worker's environment. Each problem is one line naming the variable and what is wrong with it, never its value. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): EnvResult {
  const { env, problems } = composeEnv(source, composeWorkerEnv);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, env };
}
