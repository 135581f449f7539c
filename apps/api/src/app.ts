import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Orm } from "@askpro/db";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import compression from "compression";
import express, { type ErrorRequestHandler, type Express } from "express";
import helmet from "helmet";
import { JOBS_DASHBOARD_PATH, jobsDashboard } from "./admin/jobs-dashboard";
import { expressCookieJar } from "./auth/cookies";
import { MAX_BATCH_SIZE, refuseSignInBatches } from "./batch-limits";
import { SESSION_CACHE_MAX_ENTRIES, SESSION_CACHE_TTL_MS, SessionCache } from "./auth/session-cache";
import { signInGate } from "./auth/sign-in-gate";
import { clientIpOf } from "./client-ip";
import { createContext } from "./context";
import type { Env } from "./env";
import type { JobsConnection } from "./jobs";
import type { Logger } from "./logger";
import { createApiMetrics } from "./metrics/api-metrics";
import { metricsEndpoint } from "./metrics/metrics-endpoint";
import { createTrpcMetrics } from "./metrics/trpc-metrics";
import { originGuard } from "./origin-guard";
import { requestLog } from "./request-log";
import { appRouter } from "./router";
import { isWorkerAlive } from "./worker-liveness";

export interface AppOptions {
  orm: Orm;
  env: Env;
  logger: Logger;
  jobs: JobsConnection;
  /** Directory of the built SPA; when given, it is served with a fallback to index.html for client routes. */
  webDist?: string;
}

const BODY_LIMIT_BYTES = 1024 * 1024;
/** Polled by machines: not logged per request. */
const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);
/** Inside the usual one-second probe timeout, whatever the job store does. */
const JOB_STORE_CHECK_MS = 500;

export function createApp({ orm, env, logger, jobs, webDist }: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, req.ip is the client's (sign-in throttling counts per client IP).
  if (env.TRUST_PROXY !== undefined) app.set("trust proxy", env.TRUST_PROXY);
  const production = env.NODE_ENV === "production";
  // Outside production the app is served over plain http (dev, e2e), where these two would break it.
  app.use(
    helmet({
      hsts: production,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: production ? [] : null } },
    }),
  );
  const metrics = createApiMetrics({ orm, logger });
  // Before the request log, compression and tRPC: a flood of sign-ins this process would refuse anyway costs little.
  app.use("/trpc", signInGate({ logger, metrics }));
  app.use(requestLog(logger, { ignore: (path) => PROBES.has(path) }));
  // The SPA's scripts and the tRPC JSON shrink to a fraction (gzip or brotli, as the browser asks); the
  // probes are left alone: tiny answers, or a scraper on the local network. Nothing here streams (no SSE,
  // no tRPC streaming link), so buffering a response into the compressor delays nobody.
  app.use(compression({ filter: (req, res) => !PROBES.has(req.path) && compression.filter(req, res) }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  const trpcMetrics = createTrpcMetrics(metrics, Object.keys(appRouter._def.procedures));
  app.get("/metrics", metricsEndpoint({ registry: metrics.registry, token: env.METRICS_TOKEN }));

  // Only the database decides readiness: without the job store the api still serves everything but
  // syncs, which then fail with a reason on the service. Without a live worker it serves everything and
  // queues syncs, which run once a worker starts; taking the api out of a load balancer for that would
  // hide the whole product instead of delaying syncs. Both are reported beside the database, for
  // monitoring to alert on.
  app.get("/readyz", async (req, res) => {
    const [database, jobStore] = await Promise.all([
      orm.em
        .getConnection()
        .execute("select 1")
        .then(
          () => "ok" as const,
          (error: unknown) => {
            req.log.warn({ err: error }, "Database is not reachable");
            return "unreachable" as const;
          },
        ),
      jobs.check(JOB_STORE_CHECK_MS),
    ]);
    const worker = database === "ok" ? await isWorkerAlive(orm.em).then((alive) => (alive ? "ok" : "missing"), () => "unknown" as const) : "unknown";
    const ready = database === "ok";
    res.status(ready ? 200 : 503).json({ status: ready ? "ok" : "unavailable", database, jobStore, worker });
  });

  const sessionCache = new SessionCache({ ttlMs: SESSION_CACHE_TTL_MS, maxEntries: SESSION_CACHE_MAX_ENTRIES });
  app.use(
    "/trpc",
    originGuard({ allowedOrigins: env.APP_ORIGIN }),
    trpcMetrics.middleware,
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: BODY_LIMIT_BYTES,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: ({ req, res, info }) => {
        refuseSignInBatches(info);
        return createContext({ orm, env, logger: req.log, jobs, metrics, sessionCache }, { cookies: expressCookieJar(req, res), clientIp: clientIpOf(req) });
      },
      onError: ({ error, path, ctx, req }) => {
        trpcMetrics.failed(req, path, error.code);
        if (error.code === "INTERNAL_SERVER_ERROR") (ctx?.logger ?? logger).error({ err: error.cause ?? error, path }, "Procedure failed");
      },
    }),
  );

  // Agendash, for platform operators only (see jobsDashboard).
  app.use(JOBS_DASHBOARD_PATH, jobsDashboard({ orm, jobs, allowedOrigins: env.APP_ORIGIN, sessionCache }));

  if (webDist) serveSpa(app, webDist);

  const handleError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode);
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: status === 404 ? "Not found" : "Bad request" });
      return;
    }
    req.log.error({ err: error }, "Request failed");
    res.status(500).json({ error: "Internal server error" });
  };
  app.use(handleError);
  return app;
}

function serveSpa(app: Express, webDist: string): void {
  const indexHtml = join(webDist, "index.html");
  if (!existsSync(indexHtml)) throw new Error(`WEB_DIST ${webDist} has no index.html: build the web app first`);
  // Vite puts content-hashed files under assets/, which never change; index.html must always be fresh.
  app.use("/assets", express.static(join(webDist, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }));
  app.use(express.static(webDist, { index: false, maxAge: 0 }));
  app.use((req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || req.path.startsWith("/trpc")) {
      next();
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexHtml);
  });
}
