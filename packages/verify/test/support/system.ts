import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import type { Orm } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { afterAll, beforeAll } from "vitest";
import type { VerifyOptions } from "../../src/check";
import { DEFAULT_TEST_SERVICE } from "../../src/checks/find-test-service";
import { runVerify, type VerifyReport } from "../../src/run-verify";

/** The sandbox's key of the AskProAI team (39203), whose event type 3664712 is "15 Minuten Schnellberatung". */
export const DEMO_KEY = "cal_test_askpro_demo";
export const APP_SECRET = "verify-test-app-secret-0123456789abcdef";
export const SCHNELLBERATUNG_EVENT_TYPE = 3664712;

export interface TestSystem {
  /** The environment the api and the worker of this system run with. */
  env: Record<string, string>;
  orm: Orm;
  databaseUrl: string;
  sandbox: CalcomSandbox;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A migrated database with the demo data, the Cal.com sandbox, and optionally a MongoDB job store. */
export async function startTestSystem(options: { jobsIn?: "postgres" | "mongodb" } = {}): Promise<TestSystem> {
  const database: TestOrm = await createTestOrm({ seed: true });
  const sandbox = await startCalcomSandbox();
  const mongo: TestMongo | undefined = options.jobsIn === "mongodb" ? await startTestMongo() : undefined;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    CALCOM_API_URL: sandbox.url,
    CALCOM_API_KEY: DEMO_KEY,
    APP_SECRET,
    ...(mongo ? { JOBS_DB_URL: mongo.url } : {}),
  };
  return {
    env,
    orm: database.orm,
    databaseUrl: database.url,
    sandbox,
    sql: (query, params = []) => database.orm.em.getConnection().execute(query, params),
    async stop() {
      await sandbox.stop();
      await mongo?.stop();
      await database.close();
    },
  };
}

/** One system per test file. */
export function useTestSystem(options: { jobsIn?: "postgres" | "mongodb" } = {}): { readonly current: TestSystem } {
  const holder: { current?: TestSystem } = {};
  beforeAll(async () => {
    holder.current = await startTestSystem(options);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return {
    get current() {
      if (!holder.current) throw new Error("test system not started");
      return holder.current;
    },
  };
}

/**
 * A worker's beat `age` seconds ago, written as apps/worker/src/heartbeat.ts writes it. The check
 * tests fake only the worker's presence; smoke.test.ts runs the real worker process.
 */
export async function writeHeartbeat(system: TestSystem, ageSeconds = 0, workerId = "test-host:4242", metricsUrl: string | null = null): Promise<void> {
  await system.sql(
    `INSERT INTO worker_heartbeats (worker_id, beat_at, started_at, hostname, pid, metrics_url)
     VALUES (?, now() - make_interval(secs => ?), now() - interval '1 hour', 'test-host', 4242, ?)
     ON CONFLICT (worker_id) DO UPDATE SET beat_at = EXCLUDED.beat_at, metrics_url = EXCLUDED.metrics_url`,
    [workerId, ageSeconds, metricsUrl],
  );
}

export async function clearHeartbeats(system: TestSystem): Promise<void> {
  await system.sql("DELETE FROM worker_heartbeats");
}

export function verify(env: Record<string, string>, options: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return runVerify(env, { service: DEFAULT_TEST_SERVICE, smoke: false, timeoutMs: 60_000, ...options });
}

/** id -> status, for asserting a whole checklist at once. */
export function statuses(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

export function result(report: VerifyReport, id: string) {
  const found = report.checks.find((check) => check.id === id);
  if (!found) throw new Error(`no check ${id} in the report`);
  return found;
}
