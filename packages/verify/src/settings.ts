import { resolveDatabaseUrl } from "@askpro/db";
import { jobsStoreFor } from "@askpro/jobs";
import { z } from "zod";

/**
 * The environment of the api and the worker, with the rules of both (apps/api/src/env.ts,
 * apps/worker/src/env.ts): verify must reject what either of them would refuse to start with.
 */
const fields = {
  NODE_ENV: z.enum(["development", "test", "production"], "must be development, test or production").default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//i, "must be a postgres:// URL").optional(),
  JOBS_DB_URL: z
    .string()
    .refine(isSupportedJobsStore, "must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL")
    .optional(),
  CALCOM_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  CALCOM_API_KEY: z.string().regex(/^cal_/, "must be a Cal.com API key (cal_... or cal_live_...)").optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters long").optional(),
  CALCOM_SANDBOX_PORT: z.coerce.number().int().min(1).max(65_535, "must be a port number").optional(),
};

type FieldName = keyof typeof fields;

/** What `npm run dev` gives the api and the worker when CALCOM_API_KEY is unset (scripts/stack.ts). */
const DEV_SANDBOX_KEY = "cal_test_askpro_demo";
const DEV_SANDBOX_PORT = 5555;
const CALCOM_DEFAULT_URL = "https://api.cal.com";

export interface CalcomSettings {
  apiUrl: string;
  apiKey: string;
  /** `dev-sandbox`: no key configured outside production, so the sandbox of `npm run dev` is assumed. */
  source: "environment" | "dev-sandbox";
}

export interface Settings {
  nodeEnv: "development" | "test" | "production";
  /** Undefined when it is invalid or cannot be found; `databaseProblem` then says why. */
  databaseUrl: string | undefined;
  databaseProblem: string | undefined;
  jobsDbUrl: string | undefined;
  calcom: CalcomSettings | undefined;
  appSecret: string | undefined;
  /** One line per invalid variable, naming it, never its value (a database that is not running is not one). */
  problems: string[];
}

function isSupportedJobsStore(url: string): boolean {
  try {
    jobsStoreFor(url);
    return true;
  } catch {
    return false;
  }
}

/** Blank values count as unset. Each variable is judged on its own, so one bad value leaves the others usable. */
export function loadSettings(source: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const values: Partial<Record<FieldName, unknown>> = {};
  for (const [name, schema] of Object.entries(fields) as [FieldName, z.ZodType][]) {
    const raw = source[name]?.trim() ? source[name] : undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  }
  const nodeEnv = (values.NODE_ENV ?? "development") as Settings["nodeEnv"];
  const appSecret = values.APP_SECRET as string | undefined;
  if (nodeEnv === "production" && !appSecret && !problems.some((p) => p.startsWith("APP_SECRET"))) {
    problems.push("APP_SECRET must be set to at least 32 characters in production");
  }

  let databaseUrl = values.DATABASE_URL as string | undefined;
  let databaseProblem = problems.find((p) => p.startsWith("DATABASE_URL"));
  if (!databaseUrl && !databaseProblem) {
    try {
      databaseUrl = resolveDatabaseUrl();
    } catch (error) {
      databaseProblem = (error as Error).message;
    }
  }

  const calcom = calcomSettings(values, nodeEnv, problems);
  return { nodeEnv, databaseUrl, databaseProblem, jobsDbUrl: values.JOBS_DB_URL as string | undefined, calcom, appSecret, problems };
}

function calcomSettings(values: Partial<Record<FieldName, unknown>>, nodeEnv: Settings["nodeEnv"], problems: string[]) {
  if (problems.some((p) => p.startsWith("CALCOM_"))) return undefined;
  const apiKey = values.CALCOM_API_KEY as string | undefined;
  const apiUrl = values.CALCOM_API_URL as string | undefined;
  if (apiKey) return { apiUrl: apiUrl ?? CALCOM_DEFAULT_URL, apiKey, source: "environment" } satisfies CalcomSettings;
  if (nodeEnv !== "production" && !apiUrl) {
    const port = (values.CALCOM_SANDBOX_PORT as number | undefined) ?? DEV_SANDBOX_PORT;
    return { apiUrl: `http://127.0.0.1:${port}`, apiKey: DEV_SANDBOX_KEY, source: "dev-sandbox" } satisfies CalcomSettings;
  }
  problems.push(nodeEnv === "production" ? "CALCOM_API_KEY must be set in production" : "CALCOM_API_KEY must be set when CALCOM_API_URL is");
  return undefined;
}
