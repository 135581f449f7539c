import { isIP } from "node:net";
import { calcomEnv } from "@askpro/calcom/env";
import { appSecretEnv, databaseEnv } from "@askpro/db/env";
import { composeEnv, EnvError, LOG_LEVEL, type PresetOptions } from "@askpro/env";
import { jobsEnv } from "@askpro/jobs/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** Vite's dev server (npm run dev), which proxies /trpc to the api with the browser's Origin. */
const DEVELOPMENT_ORIGINS = ["http://127.0.0.1:5173", "http://localhost:5173"];
const TRUST_PROXY_PROBLEM = "TRUST_PROXY must be true, a number of proxy hops, or comma-separated proxy addresses/subnets (or loopback, linklocal, uniquelocal)";
const ORIGIN_LIST_PROBLEM = "APP_ORIGIN must be a comma-separated list of origins such as https://admin.example.com";

/** The api's own variables; the database, jobs, Cal.com and APP_SECRET ones belong to the packages that use them. */
const apiVariables = {
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(3000),
  /** Interface to listen on; unset: loopback outside production, every interface in production. */
  HOST: z.string().trim().min(1, "HOST must be an address such as 127.0.0.1 or 0.0.0.0").optional(),
  LOG_LEVEL,
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
};

function composeApiEnv(options: PresetOptions) {
  return createEnv({
    extends: [databaseEnv(options), jobsEnv(options), calcomEnv(options), appSecretEnv(options)],
    server: apiVariables,
    ...options,
  });
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

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export type Env = Omit<Writable<ReturnType<typeof composeApiEnv>>, "APP_ORIGIN"> & {
  /** Allowed besides the api's own origin; Vite's dev origins outside production when APP_ORIGIN is unset. */
  APP_ORIGIN: string[];
};

export { EnvError };

/** Validates the api's environment; every problem is reported, one line each. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const { env, problems } = composeEnv(source, composeApiEnv);
  if (problems.length > 0) throw new EnvError(problems);
  const appOrigin = env.APP_ORIGIN ?? (env.NODE_ENV === "production" ? [] : DEVELOPMENT_ORIGINS);
  // Outside production (npm run dev, e2e) nobody else on the network needs the api: the SPA reaches it through Vite's proxy.
  const host = env.HOST ?? (env.NODE_ENV === "production" ? undefined : "127.0.0.1");
  return { ...env, HOST: host, APP_ORIGIN: appOrigin };
}
