import { resolveDatabaseUrl } from "@askpro/db";
import { jobsStoreFor } from "@askpro/jobs";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"], "must be development, test or production").default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//i, "must be a postgres:// URL").optional(),
  JOBS_DB_URL: z
    .string()
    .refine(isSupportedJobsStore, "must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL")
    .optional(),
  CALCOM_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("https://api.cal.com"),
  CALCOM_API_KEY: z.string().regex(/^cal_/, "must be a Cal.com API key (cal_... or cal_live_...)").optional(),
  APP_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`).default("info"),
  /** How long a sync may hold its lock before another worker takes it over (a worker died). */
  JOBS_LOCK_LIFETIME_MS: milliseconds(500),
  /** How often the reconciler looks for pending services without a job. */
  RECONCILE_INTERVAL_MS: milliseconds(100),
  /** How long a service must have been pending, without a job, before the reconciler queues it again. */
  RECONCILE_PENDING_AFTER_MS: milliseconds(1_000),
  /** Port of the worker's Prometheus endpoint (/metrics); 0 turns it off. Default DEFAULT_METRICS_PORT. */
  METRICS_PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number (0 turns the metrics endpoint off)")
    .transform(Number)
    .refine((port) => port <= 65_535, "must be at most 65535")
    .optional(),
  /** Address the metrics endpoint listens on. Default DEFAULT_METRICS_HOST: only this machine can scrape it. */
  METRICS_HOST: z.string().optional(),
});

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

function isSupportedJobsStore(url: string): boolean {
  try {
    jobsStoreFor(url);
    return true;
  } catch {
    return false;
  }
}

export type WorkerEnv = Omit<z.infer<typeof schema>, "DATABASE_URL"> & { DATABASE_URL: string };

export type EnvResult = { ok: true; env: WorkerEnv } | { ok: false; problems: string[] };

/**
 * Validates the worker's environment. Blank values count as unset. Each problem is one line naming
 * the variable and what is wrong with it, never its value.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): EnvResult {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
  const parsed = schema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  if (present.NODE_ENV === "production" && (present.APP_SECRET?.length ?? 0) < 32) {
    problems.push("APP_SECRET must be set to at least 32 characters in production");
  }
  let databaseUrl = parsed.data?.DATABASE_URL;
  if (!databaseUrl && !present.DATABASE_URL) {
    try {
      databaseUrl = resolveDatabaseUrl();
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (!parsed.success || !databaseUrl || problems.length > 0) return { ok: false, problems };
  return { ok: true, env: { ...parsed.data, DATABASE_URL: databaseUrl } };
}
