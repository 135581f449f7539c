import { resolveDatabaseUrl } from "@askpro/db";
import { jobsStoreFor } from "@askpro/jobs";
import { z } from "zod";

const DEVELOPMENT_SECRET = "askpro-development-secret-do-not-use-in-production";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ error: "DATABASE_URL must be a URL such as postgres://user:password@host:5432/askpro" }).optional(),
    APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters long").optional(),
    PORT: z.coerce
      .number({ error: "PORT must be a number" })
      .int("PORT must be a whole number")
      .min(0, "PORT must be between 0 and 65535")
      .max(65535, "PORT must be between 0 and 65535")
      .default(3000),
    CALCOM_API_URL: z.url({ error: "CALCOM_API_URL must be a URL such as https://api.cal.com" }).default("https://api.cal.com"),
    CALCOM_API_KEY: z.string().min(1).optional(),
    /** Where the jobs live: a MongoDB URL, or unset (blank) for the application's PostgreSQL. */
    JOBS_DB_URL: z
      .string()
      .transform((url) => (url.trim() ? url : undefined))
      .refine(isSupportedJobsStore, "JOBS_DB_URL must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL")
      .optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Built SPA to serve (production); unset in development, where Vite serves it. */
    WEB_DIST: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.APP_SECRET) {
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "APP_SECRET is required in production (at least 32 characters)" });
    }
  });

function isSupportedJobsStore(url: string | undefined): boolean {
  try {
    jobsStoreFor(url);
    return true;
  } catch {
    return false;
  }
}

export type Env = Omit<z.infer<typeof schema>, "DATABASE_URL" | "APP_SECRET"> & { DATABASE_URL: string; APP_SECRET: string };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates the api's environment; every problem is reported, one line each. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => (issue.path.length && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
  let databaseUrl = parsed.data?.DATABASE_URL;
  if (!databaseUrl && !source.DATABASE_URL) {
    try {
      databaseUrl = resolveDatabaseUrl();
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (!parsed.success || !databaseUrl || problems.length) throw new EnvError(problems);
  const env = parsed.data;
  return { ...env, DATABASE_URL: databaseUrl, APP_SECRET: env.APP_SECRET ?? DEVELOPMENT_SECRET };
}
