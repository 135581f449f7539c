import { isIP } from "node:net";
import { DEVELOPMENT_APP_SECRET, resolveDatabaseUrl } from "@askpro/db";
import { jobsStoreFor } from "@askpro/jobs";
import { z } from "zod";

/** Vite's dev server (npm run dev), which proxies /trpc to the api with the browser's Origin. */
const DEVELOPMENT_ORIGINS = ["http://127.0.0.1:5173", "http://localhost:5173"];
const TRUST_PROXY_PROBLEM = "TRUST_PROXY must be true, a number of proxy hops, or comma-separated proxy addresses/subnets (or loopback, linklocal, uniquelocal)";
const ORIGIN_LIST_PROBLEM = "APP_ORIGIN must be a comma-separated list of origins such as https://admin.example.com";

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
    /** Interface to listen on; unset: loopback outside production, every interface in production. */
    HOST: z.string().trim().min(1, "HOST must be an address such as 127.0.0.1 or 0.0.0.0").optional(),
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
    /** Origins besides the api's own that may send state-changing requests (the SPA's, when served elsewhere). */
    APP_ORIGIN: z
      .string()
      .transform((list, ctx) => {
        const origins = parseOrigins(list);
        if (!origins) ctx.addIssue({ code: "custom", message: ORIGIN_LIST_PROBLEM });
        return origins ?? [];
      })
      .optional(),
    /** Bearer token for GET /metrics; unset, only direct requests from this machine may scrape it. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    /** Express's "trust proxy" behind a reverse proxy (e.g. 1 = one hop), so sign-in throttling sees client IPs. */
    TRUST_PROXY: z
      .string()
      .transform((value, ctx) => {
        const trust = parseTrustProxy(value);
        if (trust === undefined) ctx.addIssue({ code: "custom", message: TRUST_PROXY_PROBLEM });
        return trust ?? false;
      })
      .optional(),
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

/** Express's "trust proxy" values: a boolean, a hop count, or proxy addresses and subnets. */
function parseTrustProxy(value: string): boolean | number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const entries = trimmed.split(",").map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
    const [address = "", bits, ...rest] = entry.split("/");
    return rest.length === 0 && isIP(address) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
  });
  return valid && entries.length > 0 ? entries.join(",") : undefined;
}

/** Exact origins (scheme://host[:port]), or undefined when the list is not one. */
function parseOrigins(list: string): string[] | undefined {
  const origins: string[] = [];
  for (const entry of list.split(",").map((item) => item.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, "")) return undefined;
    origins.push(url.origin);
  }
  return origins;
}

export type Env = Omit<z.infer<typeof schema>, "DATABASE_URL" | "APP_SECRET" | "APP_ORIGIN"> & {
  DATABASE_URL: string;
  APP_SECRET: string;
  /** Allowed besides the api's own origin; Vite's dev origins outside production when APP_ORIGIN is unset. */
  APP_ORIGIN: string[];
};

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
  const appOrigin = env.APP_ORIGIN ?? (env.NODE_ENV === "production" ? [] : DEVELOPMENT_ORIGINS);
  // Outside production (npm run dev, e2e) nobody else on the network needs the api: the SPA reaches it through Vite's proxy.
  const host = env.HOST ?? (env.NODE_ENV === "production" ? undefined : "127.0.0.1");
  return { ...env, HOST: host, DATABASE_URL: databaseUrl, APP_SECRET: env.APP_SECRET ?? DEVELOPMENT_APP_SECRET, APP_ORIGIN: appOrigin };
}
