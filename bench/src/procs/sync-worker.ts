/**
 * A worker process for the benchmarks that need to vary what the product's worker fixes: its sync
 * concurrency, and whether it is woken over NOTIFY at all. It runs the worker's own sync handler
 * (createUpdateEventTypeHandler) under the jobs package's defineSyncJob, as apps/worker does; only
 * the reconciler is left out. Configured by environment, prints "ready" once it takes jobs.
 */
import { PostgresBackend } from "@agendajs/postgres-backend";
import { calcomRateBudgetStore, createOrm } from "@askpro/db";
import { createJobs, defineSyncJob, type SpeedWorkaround, SYNC_LOCK_LIFETIME_MS, syncJob, syncJobPayloadSchema } from "@askpro/jobs";
import { createUpdateEventTypeHandler } from "@askpro/worker/sync-handler";
import { Agenda as PlainAgenda } from "agenda";
import { pino } from "pino";

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const databaseUrl = required("DATABASE_URL");
const concurrency = Number(env.BENCH_CONCURRENCY ?? "5");
/** "notify": createJobs as the product does; "poll": Agenda's default polling set-up, no wake-ups. */
const wakeUps = env.BENCH_WAKE_UPS === "poll" ? "poll" : "notify";
/** Speed workarounds of the jobs package to leave out (comma-separated), to show what each is worth. */
const without = (env.BENCH_WITHOUT ?? "").split(",").filter(Boolean) as SpeedWorkaround[];
const logger = pino({ name: "worker", level: env.LOG_LEVEL ?? "info" });

const orm = await createOrm(databaseUrl);
const handler = createUpdateEventTypeHandler({
  orm,
  logger,
  // The bench companies have no keys of their own: APP_SECRET decrypts nothing here.
  calcom: {
    apiUrl: required("CALCOM_API_URL"),
    apiKey: required("CALCOM_API_KEY"),
    appSecret: env.APP_SECRET ?? "bench-worker-without-company-keys-0000",
    // As apps/worker composes it: the key's budget shared in PostgreSQL.
    rateBudget: calcomRateBudgetStore(orm),
  },
  lockLifetimeMs: SYNC_LOCK_LIFETIME_MS,
});
let runner: { start(): Promise<void>; stop(): Promise<unknown> };
if (wakeUps === "poll") {
  const agenda = new PlainAgenda({ backend: new PostgresBackend({ connectionString: databaseUrl, disableNotifications: true }), maxConcurrency: concurrency + 1 });
  await agenda.ready;
  const { name, lockLimit, lockLifetimeMs } = syncJob({ concurrency });
  agenda.define(
    name,
    (job) => handler(syncJobPayloadSchema.parse(job.attrs.data), { jobId: String(job.attrs._id), attempt: 1, maxAttempts: 1, isLastAttempt: true, job }),
    { concurrency, lockLimit, lockLifetime: lockLifetimeMs },
  );
  runner = { start: () => agenda.start(), stop: () => agenda.stop() };
} else {
  const jobs = await createJobs({
    databaseUrl,
    name: "bench-worker",
    maxConcurrency: concurrency + 1,
    without,
    onError: (error) => logger.error({ err: error }, "job system error"),
  });
  defineSyncJob(jobs, handler, { concurrency });
  runner = { start: () => jobs.start(), stop: () => jobs.stop({ drainTimeoutMs: 5_000 }) };
}
await runner.start();
process.stdout.write("ready\n");

let stopping = false;
process.on("SIGTERM", async () => {
  if (stopping) return;
  stopping = true;
  await runner.stop();
  await orm.close();
  process.exit(0);
});
