import { hostname } from "node:os";
import { createOrm } from "@askpro/db";
import { jobsBackendDescription } from "@askpro/jobs";
import { createApp } from "./app";
import { EnvError, loadEnv } from "./env";
import { connectJobsOnDemand } from "./jobs";
import { createLogger } from "./logger";

const SHUTDOWN_TIMEOUT_MS = 10_000;

function loadEnvOrExit() {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    for (const problem of error.problems) console.error(problem);
    process.exit(1);
  }
}

const env = loadEnvOrExit();
const logger = createLogger(env);
const orm = await createOrm(env.DATABASE_URL);
const jobs = connectJobsOnDemand({
  databaseUrl: env.DATABASE_URL,
  jobsDbUrl: env.JOBS_DB_URL,
  name: `api ${hostname()}:${process.pid}`,
  onError: (error) => logger.error({ err: error }, "job store error"),
});
// Connected now so the first sync is quick, but not awaited: the api serves without the job store.
jobs.queue().then(
  () => logger.info({ jobsBackend: jobsBackendDescription(env.JOBS_DB_URL) }, "Job store connected"),
  (error: unknown) => logger.warn({ err: error }, "Job store not reachable; syncs fail with a reason until it is"),
);
const app = createApp({ orm, env, logger, jobs, webDist: env.WEB_DIST });
// Express 5 hands a listen error (e.g. the port is taken) to this callback.
const onListening = (error?: Error) => {
  if (error) {
    logger.fatal({ err: error }, `API could not listen on ${env.HOST ?? "port"} ${env.PORT}`);
    process.exit(1);
  }
  logger.info({ host: env.HOST ?? null, port: env.PORT, webDist: env.WEB_DIST ?? null }, `API listening on http://${env.HOST ?? "localhost"}:${env.PORT}`);
};
// No HOST (production's default): every interface, as Node chooses when given none.
const server = env.HOST === undefined ? app.listen(env.PORT, onListening) : app.listen(env.PORT, env.HOST, onListening);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "Shutting down");
  setTimeout(() => {
    logger.error("Shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await jobs.stop();
  await orm.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
