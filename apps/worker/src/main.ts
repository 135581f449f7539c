import { hostname } from "node:os";
import { createOrm } from "@askpro/db";
import { createJobs, jobsBackendDescription } from "@askpro/jobs";
import { DEFAULT_METRICS_HOST, DEFAULT_METRICS_PORT, loadEnv } from "./env";
import { startHeartbeat } from "./heartbeat";
import { registerJobs } from "./jobs";
import { createLogger } from "./logger";
import { METRICS_PORT_ATTEMPTS, type MetricsServer, startMetricsServerOnFreePort } from "./metrics/metrics-server";
import { createWorkerMetrics, type WorkerMetrics } from "./metrics/worker-metrics";

/** Running jobs get this long to finish on SIGTERM: inside the usual 30 s grace period of orchestrators. */
const DRAIN_TIMEOUT_MS = 20_000;

const loaded = loadEnv();
if (!loaded.ok) {
  for (const problem of loaded.problems) console.error(`worker: ${problem}`);
  process.exit(1);
}
const { env } = loaded;
const logger = createLogger(env.LOG_LEVEL);
const workerId = `${hostname()}:${process.pid}`;

async function start() {
  const metrics = createWorkerMetrics();
  const metricsServer = await serveMetrics(metrics);
  const orm = await createOrm(env.DATABASE_URL);
  const jobs = await createJobs({
    databaseUrl: env.DATABASE_URL,
    jobsDbUrl: env.JOBS_DB_URL,
    name: `worker ${workerId}`,
    onError: (error) => logger.error({ err: error }, "job system error"),
  });
  await registerJobs(jobs, { env, logger, orm, metrics });
  await jobs.start();
  const heartbeat = await startHeartbeat({
    em: orm.em.fork(),
    workerId,
    metricsUrl: metricsServer?.url,
    onError: (error) => logger.warn({ err: error }, "heartbeat not written"),
  });
  logger.info(
    { workerId, jobsBackend: jobsBackendDescription(env.JOBS_DB_URL), jobs: jobs.definedJobs() },
    "worker ready",
  );
  return { jobs, heartbeat, orm, metricsServer };
}

/**
 * A taken port moves the metrics to the next free one (a second worker on this host), logged with the
 * port asked for; only when none of METRICS_PORT_ATTEMPTS is free are the metrics lost, logged as an
 * error, and the worker runs on: the port costs the metrics, never the syncs.
 */
async function serveMetrics(metrics: WorkerMetrics): Promise<MetricsServer | undefined> {
  const port = env.METRICS_PORT ?? DEFAULT_METRICS_PORT;
  if (port === 0) return undefined;
  try {
    const server = await startMetricsServerOnFreePort({ registry: metrics.registry, host: env.METRICS_HOST ?? DEFAULT_METRICS_HOST, port });
    if (server.port !== port) logger.warn({ requestedPort: port, port: server.port }, `metrics port ${port} is taken (another worker on this host?): serving on ${server.port}`);
    logger.info({ url: server.url }, "metrics served");
    return server;
  } catch (error) {
    const triedUpTo = Math.min(port + METRICS_PORT_ATTEMPTS - 1, 65_535);
    logger.error({ err: error, port, triedUpTo }, "metrics not served: set METRICS_PORT to a free port, or 0 to turn them off");
    return undefined;
  }
}

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping: no new jobs, waiting for running ones");
  // Never hang past the orchestrator's patience, whatever a connection does.
  setTimeout(() => process.exit(1), DRAIN_TIMEOUT_MS + 5_000).unref();
  const worker = await startup.catch(() => undefined);
  if (!worker) return; // the start-up failure is reported and exits below
  const drained = await worker.jobs.stop({ drainTimeoutMs: DRAIN_TIMEOUT_MS });
  await worker.heartbeat.stop();
  await worker.metricsServer?.close();
  await worker.orm.close();
  logger.info(drained, "worker stopped");
  process.exit(0);
}

// Listening before start-up completes: a SIGTERM while connecting still ends in a clean stop.
process.once("SIGTERM", (signal) => void stop(signal));
process.once("SIGINT", (signal) => void stop(signal));
const startup = start();
startup.catch((error: unknown) => {
  logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
