import { MongoBackend } from "@agendajs/mongo-backend";
import { PostgresBackend, PostgresJobRepository } from "@agendajs/postgres-backend";
import { Agenda, type AgendaBackend, type Job, type JobParameters, type JobWithId, toJobId } from "agenda";
import { MongoClient } from "mongodb";
import { z } from "zod";
import {
  bringForwardWaitingJobs,
  connectedBackend,
  createMongoLiveJobIndexes,
  createPostgresLiveJobIndexes,
  isLiveJobConflict,
  type LiveJobRule,
  removeOnSave,
  skipStartSave,
  reportIdleConnectionErrors,
  ShutdownGuard,
  type SpeedWorkaround,
  WakeUpChannel,
  wakeUpAfterOwnJobs,
} from "./agenda-workarounds";
import { checkDriftJob } from "./definitions/check-drift-job";
import { createEventTypeJob } from "./definitions/create-event-type-job";
import { bulkSyncJob, syncJob } from "./definitions/sync-job";
import type { JobDefinition, JobHandler, QueuedJob } from "./job-definition";
import { type StopJobsOptions, type StopJobsResult, stopAgenda } from "./stop-jobs";
import { type JobsStore, jobsBackendDescription, jobsStoreFor } from "./store";

export interface JobsOptions {
  /** The application's PostgreSQL: always carries the wake-ups, and holds the jobs unless jobsDbUrl is set. */
  databaseUrl: string;
  /** `mongodb://` or `mongodb+srv://` to keep the jobs in MongoDB. */
  jobsDbUrl?: string | undefined;
  /** Names this process in the job store (lastModifiedBy) and in wake-ups. */
  name?: string;
  /** The poll interval: only a safety net, since wake-ups arrive over LISTEN/NOTIFY. */
  processEvery?: string | number;
  /** Jobs of all kinds this process runs at once. */
  maxConcurrency?: number;
  /** Agenda, wake-up channel and idle-connection errors. Defaults to stderr. */
  onError?: (error: Error) => void;
  /** Speed workarounds (agenda-workarounds.ts) to leave out: only to measure what they are worth in `npm run bench`. */
  without?: readonly SpeedWorkaround[];
}

/** The queue as the api, the worker and verify use it. */
export interface Jobs {
  readonly store: JobsStore;
  /** Runs `handler` for the definition's jobs in this process, from start() on. */
  define<P>(definition: JobDefinition<P>, handler: JobHandler<P>): void;
  /**
   * Queues a job, due now or at `at`. For a definition with `uniqueBy`, a live job for the same key
   * is returned instead (created: false): the store holds at most one.
   */
  enqueue<P>(definition: JobDefinition<P>, payload: P, options?: { at?: Date }): Promise<QueuedJob<P>>;
  /** The live job (queued, waiting for a retry, or running) of a `uniqueBy` definition for `key`. */
  liveJob<P>(definition: JobDefinition<P>, key: string): Promise<QueuedJob<P> | undefined>;
  /**
   * Makes the waiting jobs of a `uniqueBy` definition for these keys due now (jobs put back by
   * putBack, e.g. a paused company's syncs) and wakes the workers; running jobs are left alone.
   * Resolves to how many were brought forward.
   */
  bringForward<P>(definition: JobDefinition<P>, keys: readonly string[]): Promise<number>;
  /** Runs a job without payload every intervalMs, one schedule per name however many processes ask. */
  every(definition: JobDefinition<Record<string, never>>, intervalMs: number): Promise<void>;
  /** The stored jobs of a kind, optionally only those whose payload contains `data`. */
  list<P>(definition: JobDefinition<P>, data?: Partial<P>): Promise<JobParameters[]>;
  cancel(jobId: string): Promise<void>;
  /** Rejects when the job store does not answer. */
  ping(): Promise<void>;
  /** Names of the jobs this process runs. */
  definedJobs(): string[];
  /** Called when a job this process ran finished (succeeded or failed); returns the unsubscribe. */
  onFinished(listener: (jobId: string, payload: unknown) => void): () => void;
  /**
   * The Agenda under this queue, for Agendash (the Agenda project's dashboard at the api's /admin/jobs)
   * only: the dashboard is built on Agenda's own API. Everything else goes through this interface.
   */
  dashboardAgenda(): Agenda;
  /** Starts running the defined jobs. */
  start(): Promise<void>;
  /**
   * Graceful shutdown: takes no new jobs, hands back jobs locked but not started, waits up to
   * drainTimeoutMs for running jobs, then closes every connection. A second call waits for the first.
   */
  stop(options: StopJobsOptions): Promise<StopJobsResult>;
}

const DEFAULT_PROCESS_EVERY = "10 seconds";
/** Room for every kind at once: the clicks' syncs (5), a bulk run's (4), creates (5), and the rest. */
const DEFAULT_MAX_CONCURRENCY = 16;
/** Definitions whose one-live-job rule the store enforces with an index made at connect. */
const UNIQUE_DEFINITIONS: LiveJobRule[] = [syncJob(), bulkSyncJob(), createEventTypeJob(), checkDriftJob];
const INDEXED_NAMES = new Set(UNIQUE_DEFINITIONS.map((definition) => definition.name));
/** Tries of an enqueue that lost a race: the conflicting live job can finish before it is read. */
const ENQUEUE_TRIES = 3;

/**
 * Connects to the job store and the wake-up channel. The api only enqueues; the worker also
 * defines its jobs and calls start(). Close it with stop().
 */
export async function createJobs(options: JobsOptions): Promise<Jobs> {
  const store = jobsStoreFor(options.jobsDbUrl);
  const report = options.onError ?? ((error: Error) => console.error(`[jobs] ${error.message}`));
  let state: "connecting" | "open" | "closed" = "connecting";
  // While connecting, a failure is thrown instead; once closed, connections still closing are noise.
  const onError = (error: Error) => {
    if (state === "open") report(error);
  };
  const channel = new WakeUpChannel(options.databaseUrl, { oneFillAtATime: !options.without?.includes("oneFillAtATime") });
  channel.on("error", onError);
  let mongoClient: MongoClient | undefined;
  let backend: AgendaBackend;
  if (store === "mongodb") {
    const url = options.jobsDbUrl as string;
    // Fail a start against an unreachable server in 10 s rather than the driver's 30, unless the URL says otherwise.
    const timeout = /[?&]serverSelectionTimeoutMS=/i.test(url) ? {} : { serverSelectionTimeoutMS: 10_000 };
    mongoClient = new MongoClient(url, { ...timeout, appName: "askpro-jobs" });
    backend = new MongoBackend({ mongo: mongoClient.db() });
  } else {
    backend = new PostgresBackend({
      poolConfig: { connectionString: options.databaseUrl, max: 10, application_name: "askpro-jobs" },
      // Wake-ups go through `channel` for both stores.
      disableNotifications: true,
    });
  }
  const guard = new ShutdownGuard();
  /** Names of the defined one-time queue jobs, whose finished runs are removed (removeOnSave and skipStartSave ask). */
  const removedOnComplete = new Set<string>();
  const queueJob = (name: string) => removedOnComplete.has(name);

  try {
    await connect("PostgreSQL for job wake-ups (LISTEN/NOTIFY)", () => channel.connect());
    const connected = await connect(`the job store, ${jobsBackendDescription(options.jobsDbUrl)}`, async () => {
      await mongoClient?.connect();
      return connectedBackend(
        backend,
        guard,
        async () => {
          if (mongoClient) await createMongoLiveJobIndexes(mongoClient.db(), UNIQUE_DEFINITIONS);
          else if (backend.repository instanceof PostgresJobRepository) await createPostgresLiveJobIndexes(backend.repository, UNIQUE_DEFINITIONS);
        },
        (repository) => {
          const started = options.without?.includes("skipStartSave") ? repository : skipStartSave(repository, queueJob);
          return options.without?.includes("removeOnSave") ? started : removeOnSave(started, queueJob);
        },
      );
    });
    reportIdleConnectionErrors(backend, onError);
    const agenda = new Agenda({
      backend: connected,
      notificationChannel: channel,
      name: options.name,
      processEvery: options.processEvery ?? DEFAULT_PROCESS_EVERY,
      maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    });
    agenda.on("error", onError);
    await agenda.ready;
    const cancelWakeUps = options.without?.includes("wakeUpAfterOwnJobs") ? () => undefined : wakeUpAfterOwnJobs(agenda, channel, onError);
    let stopping: Promise<StopJobsResult> | undefined;
    state = "open";
    return {
      store,
      define(definition, handler) {
        defineOn(agenda, definition, handler);
        if (definition.removeOnComplete) removedOnComplete.add(definition.name);
      },
      enqueue: (definition, payload, enqueueOptions) => enqueueOn(agenda, definition, payload, enqueueOptions?.at),
      liveJob: (definition, key) => liveJobOn(agenda, definition, key),
      async bringForward(definition, keys) {
        if (definition.uniqueBy === undefined) throw new Error(`${definition.name} has no uniqueBy field`);
        const now = new Date();
        const ids = await bringForwardWaitingJobs({ mongo: mongoClient?.db(), repository: backend.repository }, definition.name, definition.uniqueBy, keys, now);
        // One wake-up per kind is enough: it makes every worker fill its queue of that kind.
        const [first] = ids;
        if (first !== undefined) await channel.publish({ jobId: toJobId(first), jobName: definition.name, nextRunAt: now, priority: 0, timestamp: now, source: options.name });
        return ids.length;
      },
      async every(definition, intervalMs) {
        await agenda.every(intervalMs, definition.name);
      },
      async list(definition, data) {
        return (await agenda.queryJobs({ name: definition.name, ...(data ? { data } : {}) })).jobs;
      },
      async cancel(jobId) {
        await agenda.cancel({ id: jobId });
      },
      async ping() {
        await agenda.queryJobs({ limit: 1 });
      },
      definedJobs: () => Object.keys(agenda.definitions),
      onFinished(listener) {
        const onComplete = (job: JobWithId, remote?: boolean) => {
          if (!remote) listener(String(job.attrs._id), job.attrs.data);
        };
        agenda.on("complete", onComplete);
        return () => agenda.off("complete", onComplete);
      },
      dashboardAgenda: () => agenda,
      start: () => agenda.start(),
      stop(stopOptions) {
        stopping ??= (async () => {
          try {
            return await stopAgenda(agenda, guard, stopOptions.drainTimeoutMs);
          } finally {
            cancelWakeUps();
            await channel.disconnect();
            await connected.disconnect();
            await mongoClient?.close();
            state = "closed";
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    await channel.disconnect().catch(() => undefined);
    await mongoClient?.close().catch(() => undefined);
    await backend.disconnect().catch(() => undefined);
    throw error;
  }
}

async function connect<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new Error(`Could not connect to ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The payload is checked again when the job runs: an invalid one fails the job without a retry. */
function defineOn<P>(agenda: Agenda, definition: JobDefinition<P>, handler: JobHandler<P>): void {
  const { name, retryDelayMs } = definition;
  agenda.define(
    name,
    async (job: Job<unknown>) => {
      const payload = definition.payload.safeParse(job.attrs.data ?? {});
      if (!payload.success) throw new Error(`Invalid ${name} job data: ${z.prettifyError(payload.error)}`);
      await handler(payload.data, { jobId: String(job.attrs._id), attempt: (job.attrs.failCount ?? 0) + 1, job });
    },
    {
      concurrency: definition.concurrency,
      lockLimit: definition.lockLimit,
      lockLifetime: definition.lockLifetimeMs,
      // Agenda counts `attempt` as the failures so far.
      ...(retryDelayMs ? { backoff: ({ attempt, error }) => retryDelayMs(attempt, error) } : {}),
      ...(definition.removeOnComplete ? { removeOnComplete: true } : {}),
    },
  );
}

async function enqueueOn<P>(agenda: Agenda, definition: JobDefinition<P>, payload: P, at: Date | undefined): Promise<QueuedJob<P>> {
  const data = definition.payload.parse(payload);
  const key = definition.uniqueBy === undefined ? undefined : String(data[definition.uniqueBy]);
  // Where the store itself refuses a second live job for the key, the insert comes first and only a
  // refused one reads the live job: a new job costs one statement instead of a lookup and an insert.
  const storeRefuses = INDEXED_NAMES.has(definition.name);
  for (let tries = 1; ; tries++) {
    if (key !== undefined && !storeRefuses) {
      const live = await liveJobOn(agenda, definition, key);
      if (live) return live;
    }
    try {
      const job = agenda.create(definition.name, data);
      if (at) job.schedule(at);
      await job.save();
      return { jobId: String(job.attrs._id), payload: data, created: true };
    } catch (error) {
      if (key === undefined || !isLiveJobConflict(error) || tries >= ENQUEUE_TRIES) throw error;
    }
    // The key has a live job (queued by another process between a lookup and the insert, or before
    // this insert): hand it back, or try again should it have finished before it was read.
    const live = await liveJobOn(agenda, definition, key);
    if (live) return live;
  }
}

async function liveJobOn<P>(agenda: Agenda, definition: JobDefinition<P>, key: string): Promise<QueuedJob<P> | undefined> {
  if (definition.uniqueBy === undefined) throw new Error(`${definition.name} has no uniqueBy field`);
  const { jobs } = await agenda.queryJobs({ name: definition.name, data: { [definition.uniqueBy]: key }, includeDisabled: false });
  // Not Agenda's computed state, which reports a job waiting for a retry as "failed". A lock left by
  // a crashed worker expires and the job runs again, so a locked job is live too.
  const live = jobs.find((job) => job.nextRunAt != null || job.lockedAt != null);
  if (!live) return undefined;
  const payload = definition.payload.safeParse(live.data);
  if (!payload.success) throw new Error(`The live ${definition.name} job ${String(live._id)} has invalid data`);
  return { jobId: String(live._id), payload: payload.data, created: false };
}
