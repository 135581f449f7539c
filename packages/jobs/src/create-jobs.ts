import { MongoBackend } from "@agendajs/mongo-backend";
import { PostgresBackend } from "@agendajs/postgres-backend";
import { Agenda, type AgendaBackend, type JobWithId } from "agenda";
import { MongoClient } from "mongodb";
import pg from "pg";
import { withAdvisoryLock } from "./advisory-lock";
import { type JobsContext, rememberContext } from "./context";
import { ShutdownGuard } from "./shutdown-guard";
import { LIVE_JOB_LOOKUP_INDEX } from "./postgres-store";
import { removeFinishedJobsOnSave } from "./remove-on-save";
import { jobsBackendDescription, jobsStoreFor } from "./store";
import { WAKE_UP_CHANNEL, WakeUpChannel } from "./wake-up-channel";

export interface JobsOptions {
  /** The application's PostgreSQL: always carries the wake-ups, and holds the jobs unless jobsDbUrl is set. */
  databaseUrl: string;
  /** `mongodb://` or `mongodb+srv://` to keep the jobs in MongoDB. */
  jobsDbUrl?: string | undefined;
  /** Names this process in the job store (lastModifiedBy) and in state notifications. */
  name?: string;
  /** The poll interval: only a safety net, since wake-ups arrive over LISTEN/NOTIFY. */
  processEvery?: string | number;
  /** Jobs of all kinds this process runs at once. */
  maxConcurrency?: number;
  /** Agenda, wake-up channel and idle-connection errors. Defaults to stderr. */
  onError?: (error: Error) => void;
}

const DEFAULT_PROCESS_EVERY = "10 seconds";
const DEFAULT_MAX_CONCURRENCY = 10;
const RETRY_WAKE_UP_MARGIN_MS = 20;
/** @agendajs/mongo-backend's collection (its default name, which createJobs keeps). */
const MONGODB_JOBS_COLLECTION = "agendaJobs";

/**
 * Connects to the job store and the wake-up channel and returns an Agenda ready to enqueue; the
 * worker then defines its jobs and calls `agenda.start()`. Close it with stopJobs(), which also
 * closes the connections opened here.
 */
export async function createJobs(options: JobsOptions): Promise<Agenda> {
  const store = jobsStoreFor(options.jobsDbUrl);
  const report = options.onError ?? ((error: Error) => console.error(`[jobs] ${error.message}`));
  let state: "connecting" | "open" | "closed" = "connecting";
  // While connecting, a failure is thrown instead; once closed, connections handed back to a closed
  // pool finish closing in the background, and their errors are noise.
  const onError = (error: Error) => {
    if (state === "open") report(error);
  };
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, application_name: "askpro-jobs" });
  const lockPool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, application_name: "askpro-jobs-locks" });
  pool.on("error", onError);
  lockPool.on("error", onError);
  const channel = new WakeUpChannel({ pool, channelName: WAKE_UP_CHANNEL });
  channel.on("error", onError);
  let mongoClient: MongoClient | undefined;

  try {
    let backend: AgendaBackend;
    if (store === "mongodb") {
      const url = options.jobsDbUrl as string;
      // Fail a start against an unreachable server in 10 s rather than the driver's 30, unless the URL says otherwise.
      const timeout = /[?&]serverSelectionTimeoutMS=/i.test(url) ? {} : { serverSelectionTimeoutMS: 10_000 };
      mongoClient = new MongoClient(url, { ...timeout, appName: "askpro-jobs" });
      backend = new MongoBackend({ mongo: mongoClient.db() });
    } else {
      // Wake-ups go through `channel` for both stores, so the backend's own LISTEN is not needed.
      backend = new PostgresBackend({ pool, disableNotifications: true });
    }
    await connect("PostgreSQL for job wake-ups (LISTEN/NOTIFY)", () => channel.open());
    await connect(`the job store, ${jobsBackendDescription(options.jobsDbUrl)}`, async () => {
      await mongoClient?.connect();
      // The api and the worker starting together on a fresh database would race to create the jobs table.
      await withAdvisoryLock(lockPool, "agenda-schema", async () => {
        await backend.connect();
        // enqueueSync's live-job lookup by service, which would otherwise read every sync job (a bulk sync queues a thousand).
        if (store === "postgres") await pool.query(LIVE_JOB_LOOKUP_INDEX);
        else await mongoClient?.db().collection(MONGODB_JOBS_COLLECTION).createIndex({ name: 1, "data.serviceId": 1 }, { name: "liveJobLookupIndex" });
      });
    });

    const guard = new ShutdownGuard();
    const removesOnComplete = (jobName: string) => agenda.definitions[jobName]?.removeOnComplete ?? agenda.attrs.removeOnComplete ?? false;
    const agenda: Agenda = new Agenda({
      backend: alreadyConnected(backend, guard, removesOnComplete),
      notificationChannel: channel,
      name: options.name,
      processEvery: options.processEvery ?? DEFAULT_PROCESS_EVERY,
      maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    });
    agenda.on("error", onError);
    await agenda.ready;
    const cancelRetryWakeUps = wakeUpForRetries(agenda, channel, onError);
    const context: JobsContext = {
      store,
      pool,
      lockPool,
      channel,
      backend,
      mongoClient,
      guard,
      cancelRetryWakeUps,
      markClosed: () => {
        state = "closed";
      },
    };
    rememberContext(agenda, context);
    state = "open";
    return agenda;
  } catch (error) {
    await channel.disconnect().catch(() => undefined);
    await mongoClient?.close().catch(() => undefined);
    await Promise.allSettled([pool.end(), lockPool.end()]);
    throw error;
  }
}

async function connect(what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    throw new Error(`Could not connect to ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Agenda's constructor calls backend.connect() and leaves a rejection unhandled, so createJobs
 * connects first (turning a failure into its own error) and hands Agenda a backend that is
 * already connected. `ownsConnection: false` keeps Agenda from closing it: stopJobs does that.
 */
function alreadyConnected(backend: AgendaBackend, guard: ShutdownGuard, removesOnComplete: (jobName: string) => boolean): AgendaBackend {
  return {
    name: backend.name,
    repository: guard.wrap(removeFinishedJobsOnSave(backend.repository, removesOnComplete)),
    logger: backend.logger,
    ownsConnection: false,
    connect: async () => undefined,
    disconnect: () => backend.disconnect(),
  };
}

/**
 * Agenda saves a retry's run time without publishing a wake-up, so a retry due before the next
 * poll would start late. And a job Agenda locks ahead of its run time waits on a timer that can
 * fire a millisecond early, after which Agenda 6.2.6 sets no new timer and the job waits for the
 * next poll. A wake-up published just after the run time covers both: it makes the worker lock
 * the job if it is free, and run its queue. Returns a function cancelling the pending wake-ups.
 *
 * Agenda also locks new jobs only on a poll or a wake-up, never when a job finishes, and a worker
 * locks no more jobs than its lock limit: a backlog (a bulk sync queued faster than it runs) would
 * move one lock limit's worth of jobs per poll. So a finished one-time job wakes its own worker up
 * too, which locks the next job into the slot it freed (defineSyncJob's lock limit leaves room for
 * that while Agenda still counts the finished job). That wake-up stays in the process: a NOTIFY
 * would cost a round trip and reach every listener, and other workers with a free slot were
 * already woken by the enqueue's NOTIFY.
 */
function wakeUpForRetries(agenda: Agenda, channel: WakeUpChannel, onError: (error: Error) => void): () => void {
  const timers = new Set<NodeJS.Timeout>();
  agenda.on("complete", (job: JobWithId, remote?: boolean) => {
    const { _id, name, nextRunAt, priority, repeatInterval } = job.attrs;
    if (remote || repeatInterval) return;
    if (!nextRunAt) {
      channel.wakeUpHere({ jobId: _id, jobName: name, nextRunAt: new Date(), priority, timestamp: new Date() }).catch(onError);
      return;
    }
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (channel.state !== "connected") return;
        channel.publish({ jobId: _id, jobName: name, nextRunAt, priority, timestamp: new Date() }).catch(onError);
      },
      Math.max(0, nextRunAt.getTime() - Date.now()) + RETRY_WAKE_UP_MARGIN_MS,
    );
    timer.unref();
    timers.add(timer);
  });
  return () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
