import type { Orm } from "@askpro/db";
import type { Jobs } from "@askpro/jobs";
import { createExpressMiddleware as createAgendash } from "agendash";
import { type RequestHandler, Router } from "express";
import { expressCookieJar } from "../auth/cookies";
import type { SessionCache } from "../auth/session-cache";
import { resolveSession, type SignedInUser } from "../auth/sessions";
import type { JobsConnection } from "../jobs";
import { originGuard } from "../origin-guard";

export const STATS_NOT_HERE = "Running stats belong to the processes that run jobs (the workers); the api runs none. The job list shows every job.";

/** Where the api mounts Agendash. */
export const JOBS_DASHBOARD_PATH = "/admin/jobs";

export interface JobsDashboardOptions {
  orm: Orm;
  jobs: JobsConnection;
  /** Exact origins allowed besides the api's own (APP_ORIGIN), as for tRPC. */
  allowedOrigins: readonly string[];
  sessionCache?: SessionCache | undefined;
}

/** Agendash can requeue, create and delete any company's jobs: platform operators who may edit, nobody else. */
export function mayUseJobsDashboard(user: SignedInUser): boolean {
  return user.company === null && (user.role === "owner" || user.role === "admin");
}

/**
 * Agendash (the Agenda project's own dashboard) over the api's job store connection. Every request,
 * its static files included, passes the CSRF guard (for POSTs), then needs a session of a platform
 * operator: 401 without one, 403 for anyone else. Agendash is built on the Agenda of the connection
 * the api already holds (Jobs.dashboardAgenda), once per connection.
 */
export function jobsDashboard({ orm, jobs, allowedOrigins, sessionCache }: JobsDashboardOptions): Router {
  const router = Router();
  router.use(originGuard({ allowedOrigins }));
  router.use(requireOperator(orm, sessionCache));
  // Agendash's page loads its assets relative to itself (./assets/...): without the slash they would miss the mount.
  router.use((req, res, next) => {
    if (req.originalUrl === JOBS_DASHBOARD_PATH || req.originalUrl.startsWith(`${JOBS_DASHBOARD_PATH}?`)) {
      res.redirect(301, `${JOBS_DASHBOARD_PATH}/${req.originalUrl.slice(JOBS_DASHBOARD_PATH.length)}`);
      return;
    }
    next();
  });

  // Agenda's running stats describe the job processor of the process asked, and the api runs no jobs
  // (its Agenda never starts one): Agendash would answer 500 "agenda not running!". Said plainly instead.
  router.get("/api/stats", (_req, res) => {
    res.status(501).json({ error: STATS_NOT_HERE });
  });

  const dashboards = new WeakMap<Jobs, Router>();
  router.use(async (req, res, next) => {
    let queue: Jobs;
    try {
      queue = await jobs.queue();
    } catch (error) {
      req.log.warn({ err: error }, "Job dashboard: the job store is not reachable");
      res.status(503).json({ error: "The job store is not reachable." });
      return;
    }
    let dashboard = dashboards.get(queue);
    if (!dashboard) {
      dashboard = createAgendash(queue.dashboardAgenda());
      dashboards.set(queue, dashboard);
    }
    dashboard(req, res, next);
  });
  return router;
}

function requireOperator(orm: Orm, sessionCache: SessionCache | undefined): RequestHandler {
  return async (req, res, next) => {
    try {
      const session = await resolveSession(orm.em.fork(), expressCookieJar(req, res), sessionCache);
      if (!session) {
        res.status(401).json({ error: "Please sign in." });
        return;
      }
      if (!mayUseJobsDashboard(session.user)) {
        res.status(403).json({ error: "The job dashboard is for platform operators." });
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
