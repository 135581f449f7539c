import type { Orm } from "@askpro/db";
import { createTestOrm, TEST_APP_SECRET, type TestOrm } from "@askpro/db/testing";
import type { SetCookie } from "cookie";
import { TRPCError } from "@trpc/server";
import pino from "pino";
import type { Logger } from "../../src/logger";
import { ZodError } from "zod";
import type { CookieJar } from "../../src/auth/cookies";
import type { SessionCache } from "../../src/auth/session-cache";
import { createContext } from "../../src/context";
import type { Env } from "../../src/env";
import { connectJobsOnDemand, type JobsConnection } from "../../src/jobs";
import { appRouter } from "../../src/router";
import { createCallerFactory } from "../../src/trpc";

export const DEMO_PASSWORD = "askpro-demo";

export function testEnv(databaseUrl: string, overrides: Partial<Env> = {}): Env {
  return {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    // The one the test databases' demo seed encrypts Praxis Nord's Cal.com key with.
    APP_SECRET: TEST_APP_SECRET,
    PORT: 0,
    CALCOM_API_URL: "https://api.cal.com",
    LOG_LEVEL: "silent",
    APP_ORIGIN: [],
    ...overrides,
  };
}

/** Stands in for a browser's cookie store: keeps what the server sets, sends it back on the next call. */
export class BrowserCookies implements CookieJar {
  readonly values = new Map<string, string>();
  readonly received: SetCookie[] = [];

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(cookie: SetCookie): void {
    this.received.push(cookie);
    if (cookie.maxAge === 0 || !cookie.value) this.values.delete(cookie.name);
    else this.values.set(cookie.name, cookie.value);
  }
}

const createCaller = createCallerFactory(appRouter);

export interface Testbed {
  db: TestOrm;
  orm: Orm;
  env: Env;
  /** Connects to the job store on first use, as the api does. */
  jobs: JobsConnection;
  /** A new "browser": every call is a request with a fresh EntityManager and this browser's cookies (from 127.0.0.1 unless told). */
  browser(options?: { clientIp?: string }): { api: ReturnType<typeof createCaller>; cookies: BrowserCookies };
  signedIn(email: string): Promise<ReturnType<typeof createCaller>>;
  /** The demo seed's platform operator (no company), signed in. */
  operator(): Promise<ReturnType<typeof createCaller>>;
  close(): Promise<void>;
}

export interface TestbedOptions {
  /** MongoDB for the jobs; unset: the test database holds them, as in development. */
  jobsDbUrl?: string | undefined;
  env?: Partial<Env>;
  logger?: Logger;
  /** As the HTTP app has; unset: every call reads its session from the database. */
  sessionCache?: SessionCache;
}

/** One migrated and seeded database per test file (or describe block). */
export async function createTestbed(options: TestbedOptions = {}): Promise<Testbed> {
  const db = await createTestOrm({ seed: true });
  const env = testEnv(db.url, { JOBS_DB_URL: options.jobsDbUrl, ...options.env });
  const logger = options.logger ?? pino({ level: "silent" });
  // A far poll: nothing runs jobs here, the api only enqueues.
  const jobs = connectJobsOnDemand({
    databaseUrl: db.url,
    jobsDbUrl: options.jobsDbUrl,
    name: "api",
    processEvery: "1 minute",
    onError: (error) => logger.error({ err: error }, "job store error"),
  });
  const browser = ({ clientIp = "127.0.0.1" }: { clientIp?: string } = {}) => {
    const cookies = new BrowserCookies();
    const api = createCaller(() => createContext({ orm: db.orm, env, logger, jobs, sessionCache: options.sessionCache }, { cookies, clientIp }));
    return { api, cookies };
  };
  const signedIn = async (email: string) => {
    const { api } = browser();
    await api.auth.signIn({ email, password: DEMO_PASSWORD });
    return api;
  };
  return {
    db,
    orm: db.orm,
    env,
    jobs,
    browser,
    signedIn,
    operator: () => signedIn("operator@askpro.test"),
    close: async () => {
      await jobs.stop();
      await db.close();
    },
  };
}

/** The TRPCError a call fails with (fails the test when it succeeds or fails otherwise). */
export async function rejectionOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

/** The paths of the zod issues carried by a BAD_REQUEST. */
export function issuePaths(error: TRPCError): string[] {
  if (!(error.cause instanceof ZodError)) throw new Error(`expected zod issues, got ${String(error.cause)}`);
  return error.cause.issues.map((issue) => issue.path.join("."));
}
