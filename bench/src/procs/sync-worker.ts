/**
 * A worker process for the benchmarks that need to vary what the product's worker fixes: its sync
 * concurrency, and whether it is woken over NOTIFY at all. It runs the worker's own sync handler
 * (createUpdateEventTypeHandler) under the jobs package's defineSyncJob, as apps/worker does; only
 * the reconciler is left out. Configured by environment, prints "ready" once it takes jobs.
 */
import { PostgresBackend } from "@agendajs/postgres-backend";
import { createOrm } from "@askpro/db";
import { type Agenda, createJobs, defineSyncJob, SYNC_LOCK_LIFETIME_MS, stopJobs } from "@askpro/jobs";
import { createUpdateEventTypeHandler } from "@askpro/worker/src/sync/update-event-type.handler";
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
const logger = pino({ name: "worker", level: env.LOG_LEVEL ?? "info" });

const orm = await createOrm(databaseUrl);
let agenda: Agenda;
if (wakeUps === "notify") {
  agenda = await createJobs({ databaseUrl, name: "bench-worker", maxConcurrency: concurrency + 1, onError: (error) => logger.error({ err: error }, "job system error") });
} else {
  agenda = new PlainAgenda({ backend: new PostgresBackend({ connectionString: databaseUrl, disableNotifications: true }), maxConcurrency: concurrency + 1 });
  await agenda.ready;
}
const handler = createUpdateEventTypeHandler({
  orm,
  logger,
  calcom: { apiUrl: required("CALCOM_API_URL"), apiKey: required("CALCOM_API_KEY") },
  lockLifetimeMs: SYNC_LOCK_LIFETIME_MS,
});
defineSyncJob(agenda, handler, { concurrency });
await agenda.start();
process.stdout.write("ready\n");

let stopping = false;
process.on("SIGTERM", async () => {
  if (stopping) return;
  stopping = true;
  if (wakeUps === "notify") await stopJobs(agenda, { drainTimeoutMs: 5_000 });
  else await agenda.stop();
  await orm.close();
  process.exit(0);
});
