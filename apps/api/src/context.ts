import type { RateBudgetStore } from "@askpro/calcom";
import { calcomRateBudgetStore, type EntityManager, type Orm } from "@askpro/db";
import type { CookieJar } from "./auth/cookies";
import type { SessionCache } from "./auth/session-cache";
import { type ActiveSession, resolveSession, type SignedInUser } from "./auth/sessions";
import type { Env } from "./env";
import type { JobsConnection } from "./jobs";
import type { Logger } from "./logger";
import type { ApiMetrics } from "./metrics/api-metrics";

export interface Context {
  /** Forked per request: no identity map is shared between requests. */
  em: EntityManager;
  session: ActiveSession | null;
  user: SignedInUser | null;
  cookies: CookieJar;
  /** The process's recently resolved sessions; sign-in and sign-out drop the sessions they end from it. */
  sessionCache: SessionCache | undefined;
  env: Env;
  logger: Logger;
  /** Where syncs are queued. */
  jobs: JobsConnection;
  /** The client's address (behind a proxy: as TRUST_PROXY lets Express read it); sign-ins are throttled per IP. */
  clientIp: string;
  /** Absent in tests that call procedures without the HTTP app. */
  metrics?: Pick<ApiMetrics, "syncRequested"> | undefined;
  /** Each Cal.com key's request budget, shared with the workers (in PostgreSQL). */
  calcomBudget: RateBudgetStore;
}

export interface ContextDependencies {
  orm: Orm;
  env: Env;
  logger: Logger;
  jobs: JobsConnection;
  metrics?: Pick<ApiMetrics, "syncRequested"> | undefined;
  /** Unset: every call reads its session from the database. */
  sessionCache?: SessionCache | undefined;
}

/** What a context takes from the request (over HTTP, or from a test's caller). */
export interface RequestInfo {
  cookies: CookieJar;
  clientIp: string;
}

export async function createContext(
  { orm, env, logger, jobs, metrics, sessionCache }: ContextDependencies,
  { cookies, clientIp }: RequestInfo,
): Promise<Context> {
  const em = orm.em.fork();
  const session = await resolveSession(em, cookies, sessionCache);
  return { em, session, user: session?.user ?? null, cookies, sessionCache, env, logger, jobs, clientIp, metrics, calcomBudget: calcomRateBudgetStore(orm) };
}
