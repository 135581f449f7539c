import type { EntityManager, Orm, Session, User } from "@askpro/db";
import type { CookieJar } from "./auth/cookies";
import { resolveSession } from "./auth/sessions";
import type { Env } from "./env";
import type { JobsConnection } from "./jobs";
import type { Logger } from "./logger";

export interface Context {
  /** Forked per request: no identity map is shared between requests. */
  em: EntityManager;
  session: Session | null;
  user: User | null;
  cookies: CookieJar;
  env: Env;
  logger: Logger;
  /** Where syncs are queued. */
  jobs: JobsConnection;
}

export interface ContextDependencies {
  orm: Orm;
  env: Env;
  logger: Logger;
  jobs: JobsConnection;
}

export async function createContext({ orm, env, logger, jobs }: ContextDependencies, cookies: CookieJar): Promise<Context> {
  const em = orm.em.fork();
  const session = await resolveSession(em, cookies);
  return { em, session, user: session?.user ?? null, cookies, env, logger, jobs };
}
