/**
 * Everything here makes up for a shortfall of Agenda 6.2.6 / @agendajs/postgres-backend 3.0.6; it
 * is the only module that steps between Agenda and its store. Each has a test in
 * agenda-workarounds.test.ts that reproduces the shortfall on plain Agenda and fails, asking for
 * the workaround to be removed, once an upgrade fixes it.
 */
import { PostgresJobRepository, PostgresNotificationChannel } from "@agendajs/postgres-backend";
import {
  type Agenda,
  type AgendaBackend,
  BaseNotificationChannel,
  type JobNotification,
  type JobParameters,
  type JobRepository,
  type JobWithId,
  type NotificationChannelState,
  type RemoveJobsOptions,
} from "agenda";
import type { Db } from "mongodb";
import pg from "pg";

/** The workarounds that only make things faster, which `npm run bench` measures with and without. */
export type SpeedWorkaround = "wakeUpAfterOwnJobs" | "oneFillAtATime" | "removeOnSave" | "skipStartSave";

/**
 * Agenda's constructor calls backend.connect() and leaves its rejection unhandled (its `ready`
 * then never settles), which would crash the process on an unreachable store. So the backend is
 * connected first, where a failure is an ordinary error, and Agenda gets it as already connected;
 * `ownsConnection: false` keeps Agenda from closing it (Jobs.stop does).
 *
 * Several processes starting together on a fresh PostgreSQL race in the backend's
 * CREATE ... IF NOT EXISTS schema statements, which PostgreSQL does not serialise: the loser fails
 * on a duplicate catalog row. Connecting again then finds the schema in place. (PostgreSQL's own
 * behaviour as much as the backend's; it replaces an advisory lock on a connection of our own.)
 */
export async function connectedBackend(
  backend: AgendaBackend,
  guard: ShutdownGuard,
  /** More schema work (indexes), retried with the backend's. */
  afterConnect: () => Promise<void>,
  /** Wraps the repository before the guard does (removeOnSave, skipStartSave). */
  wrap: (repository: JobRepository) => JobRepository = (repository) => repository,
): Promise<AgendaBackend> {
  for (let attempt = 1; ; attempt++) {
    try {
      await backend.connect();
      await afterConnect();
      break;
    } catch (error) {
      if (attempt >= 5 || !isConcurrentDdlError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
  return {
    name: backend.name,
    repository: guard.wrap(wrap(backend.repository)),
    logger: backend.logger,
    ownsConnection: false,
    connect: async () => undefined,
    disconnect: () => backend.disconnect(),
  };
}

/**
 * @agendajs/postgres-backend's pool has no error listener, so an idle connection's error (the
 * database restarted, or closed the connection) would be thrown as an uncaught exception and end
 * the process. Reported through onError instead; the pool replaces the connection on next use.
 */
export function reportIdleConnectionErrors(backend: AgendaBackend, onError: (error: Error) => void): void {
  if (backend.repository instanceof PostgresJobRepository) backend.repository.getPool().on("error", onError);
}

/** unique_violation, duplicate_table, duplicate_object, and "tuple concurrently updated". */
function isConcurrentDdlError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "42P07" || code === "42710" || code === "XX000";
}

/**
 * Agenda.stop() can catch its processor half-way through locking a job: the lock lands after stop()
 * released the locks it knew of, and the job stays locked, running nowhere, until the lock expires
 * (30 s for a sync). Once closed, the guard takes no new locks and releases one that arrives late,
 * and it lets Jobs.stop wait for store calls still in flight before the connections close.
 */
export class ShutdownGuard {
  #closing = false;
  readonly #inFlight = new Set<Promise<unknown>>();

  wrap(repository: JobRepository): JobRepository {
    return new Proxy(repository, {
      get: (target, key, receiver) => {
        const member: unknown = Reflect.get(target, key, receiver);
        if (typeof member !== "function") return member;
        const method = member as (...args: unknown[]) => unknown;
        if (key === "getNextJobToRun") return (...args: unknown[]) => this.#track(this.#lockNext(target, method, args));
        return (...args: unknown[]) => this.#track(method.apply(target, args));
      },
    });
  }

  close(): void {
    this.#closing = true;
  }

  /** Resolves true when no store call is in flight, or false after timeoutMs. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, remaining);
      });
      await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  async #lockNext(target: JobRepository, getNext: (...args: unknown[]) => unknown, args: unknown[]) {
    if (this.#closing) return undefined;
    const job = (await getNext.apply(target, args)) as JobParameters | undefined;
    if (job && this.#closing) {
      await target.unlockJob(job);
      return undefined;
    }
    return job;
  }

  #track<T>(call: T): T {
    if (!(call instanceof Promise)) return call;
    this.#inFlight.add(call);
    const forget = () => this.#inFlight.delete(call);
    call.then(forget, forget);
    return call;
  }
}

const RETRY_WAKE_UP_MARGIN_MS = 20;

/**
 * Agenda looks for jobs to lock only on a poll or a wake-up, and a worker locks no more than its
 * lock limit. Two cases get no wake-up:
 * - a job finishing frees a slot, but the next job of a backlog (a bulk sync queued faster than it
 *   runs) would wait for the next poll: so a finished one-time job wakes its own worker up;
 * - a failed job's retry is saved with its run time and no wake-up, so it would start at the next
 *   poll rather than when due: so a wake-up is set for just after its run time.
 * Both stay in this process (other workers were woken by the enqueue's NOTIFY). Returns a function
 * cancelling the pending retry wake-ups.
 */
export function wakeUpAfterOwnJobs(agenda: Agenda, channel: WakeUpChannel, onError: (error: Error) => void): () => void {
  const timers = new Set<NodeJS.Timeout>();
  agenda.on("complete", (job: JobWithId, remote?: boolean) => {
    const { _id, name, nextRunAt, priority, repeatInterval } = job.attrs;
    if (remote || repeatInterval) return;
    const wakeUp = (at: Date) => channel.wakeUpHere({ jobId: _id, jobName: name, nextRunAt: at, priority, timestamp: new Date() }).catch(onError);
    if (!nextRunAt) {
      // Agenda emits "complete" while the job still counts against the lock limit (it is taken off
      // after run() returns): a fill started now could lock nothing and leave the backlog to the poll.
      setImmediate(() => wakeUp(new Date()));
      return;
    }
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        wakeUp(nextRunAt);
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

/**
 * Agenda answers each wake-up by locking jobs one statement at a time up to its lock limit, and
 * answers wake-ups that arrive together (a bulk of enqueues, finished jobs) with as many fills at
 * once: they lock past the limit and hand the extra jobs back, two wasted statements each, and race
 * the worker's own jobs for the database. So one wake-up per job name is handled at a time; those
 * arriving meanwhile are folded into one more fill afterwards, which sees every job they announced.
 */
export function oneFillAtATime(deliver: (notification: JobNotification) => Promise<void>): (notification: JobNotification) => Promise<void> {
  const handling = new Map<string, { next: JobNotification | undefined }>();
  return async (notification) => {
    const current = handling.get(notification.jobName);
    if (current) {
      current.next = earlier(current.next, notification);
      return;
    }
    const state: { next: JobNotification | undefined } = { next: undefined };
    handling.set(notification.jobName, state);
    try {
      let next: JobNotification | undefined = notification;
      while (next) {
        await deliver(next);
        next = state.next;
        state.next = undefined;
      }
    } finally {
      handling.delete(notification.jobName);
    }
  };
}

/** Agenda ignores a wake-up for a job due after its next poll, so the folded one keeps the earliest due time. */
function earlier(kept: JobNotification | undefined, arrived: JobNotification): JobNotification {
  if (!kept) return arrived;
  const due = (notification: JobNotification) => notification.nextRunAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return due(arrived) < due(kept) ? arrived : kept;
}

/**
 * How many job ids a repository wrapper keeps while it waits for Agenda's next call about them (the
 * delete after removeOnSave's, the start save after a lock). Agenda makes that call at once, so the
 * sets stay tiny; the bound only matters should Agenda stop making it.
 */
const MAX_TRACKED_JOBS = 1_000;

/**
 * Agenda finishes a one-time job that succeeded with two writes when its definition has
 * removeOnComplete: it saves the job's final state, then deletes the row. The save is of no use, so
 * the row is deleted in its place, and the delete Agenda sends next is answered as done without a
 * statement: one write per finished job instead of two. Failures, retries and other jobs are saved
 * as Agenda does.
 */
export function removeOnSave(
  repository: JobRepository,
  removesOnComplete: (jobName: string) => boolean,
  maxAwaitedDeletes = MAX_TRACKED_JOBS,
): JobRepository {
  const removed = new Set<string>();
  return new Proxy(repository, {
    get: (target, key, receiver) => {
      if (key === "saveJobState") {
        return async (job: JobParameters, options: Parameters<JobRepository["saveJobState"]>[1]) => {
          if (!job._id || !removesOnComplete(job.name) || !succeededForGood(job)) return target.saveJobState(job, options);
          await target.removeJobs({ id: job._id });
          removed.add(String(job._id));
          if (removed.size > maxAwaitedDeletes) removed.delete(removed.values().next().value as string);
        };
      }
      if (key === "removeJobs") {
        return async (options: RemoveJobsOptions) => {
          const only = Object.keys(options).length === 1 && options.id !== undefined;
          if (only && removed.delete(String(options.id))) return 1;
          return target.removeJobs(options);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * The state Agenda saves after a run that succeeded, with nothing left to run: unlocked, no next
 * run, finished after it started, and not failed in this run (a failure sets failedAt and
 * lastFinishedAt together; a success leaves an earlier attempt's failedAt behind). Agenda removes
 * exactly such a job.
 */
function succeededForGood(job: JobParameters): boolean {
  const { lockedAt, nextRunAt, lastRunAt, lastFinishedAt, failedAt, repeatInterval, type } = job;
  if (lockedAt || nextRunAt || repeatInterval || type === "single" || !lastRunAt || !lastFinishedAt) return false;
  if (lastFinishedAt.getTime() < lastRunAt.getTime()) return false;
  return !failedAt || failedAt.getTime() < lastRunAt.getTime();
}

/**
 * Agenda's Job.run() first saves the whole job (its lastRunAt, and nextRunAt cleared) right after its
 * lock wrote locked_at, and before the handler runs. Nothing reads that save: the lock already marks
 * the job as running for every process (a locked job is live, and no one locks it again before the
 * lock expires), and the run's end saves the job again or deletes it. On PostgreSQL the save rewrites
 * the row and every index of Agenda's table. So the first save of a job this process has just locked
 * is answered as done without a statement. A run that crashes leaves the row as its lock left it: due
 * and locked, taken again once the lock expires, as it was with the save. Only for `applies` jobs
 * (the one-time queue jobs); a job handed back unlocked is forgotten.
 */
export function skipStartSave(repository: JobRepository, applies: (jobName: string) => boolean, maxStarting = MAX_TRACKED_JOBS): JobRepository {
  const starting = new Set<string>();
  const locked = (job: JobParameters | undefined) => {
    if (job?._id && applies(job.name)) {
      starting.add(String(job._id));
      if (starting.size > maxStarting) starting.delete(starting.values().next().value as string);
    }
    return job;
  };
  return new Proxy(repository, {
    get: (target, key, receiver) => {
      if (key === "getNextJobToRun") return async (...args: Parameters<JobRepository["getNextJobToRun"]>) => locked(await target.getNextJobToRun(...args));
      if (key === "lockJob") return async (...args: Parameters<JobRepository["lockJob"]>) => locked(await target.lockJob(...args));
      if (key === "saveJobState") {
        return async (job: JobParameters, options: Parameters<JobRepository["saveJobState"]>[1]) => {
          if (job._id && starting.delete(String(job._id))) return;
          return target.saveJobState(job, options);
        };
      }
      if (key === "unlockJob") {
        return (job: JobParameters) => {
          if (job._id) starting.delete(String(job._id));
          return target.unlockJob(job);
        };
      }
      if (key === "unlockJobs") {
        return (ids: Parameters<JobRepository["unlockJobs"]>[0]) => {
          for (const id of ids) starting.delete(String(id));
          return target.unlockJobs(ids);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The part of a JobDefinition the indexes are made from. */
export interface LiveJobRule {
  name: string;
  uniqueBy?: string | undefined;
}

/** The stores' default table and collection names, which createJobs keeps. */
const POSTGRES_TABLE = "agenda_jobs";
const MONGODB_COLLECTION = "agendaJobs";

/**
 * Agenda's unique() looks for a job with the key and inserts when it finds none, in two statements,
 * so saves racing each other queue the same key twice; and it matches finished jobs too. So the
 * store itself keeps one live job per key: indexes on Agenda's own table or collection, which
 * Agenda reads and writes as before:
 * - a unique index over the live jobs (queued, waiting for a retry, or running: a run time or a
 *   lock) of each definition with `uniqueBy`, so the store itself refuses a second live job for the
 *   same key, whichever process queues it;
 * - the lookup of a key's jobs by data (Agenda's queryJobs), which would otherwise read every job
 *   of the kind (a bulk sync queues a thousand). Agenda's own indexes cover its scheduling fields.
 */
export async function createPostgresLiveJobIndexes(repository: PostgresJobRepository, definitions: LiveJobRule[]): Promise<void> {
  const pool = repository.getPool();
  // With GIN's pending list (fastupdate, the default): Agenda's lock and saves change columns its own
  // indexes cover, so every one of them also inserts into this index, and inserting each at once
  // cost a third of the unlimited bulk throughput (161 against 221 syncs/s, back to back). The reset
  // undoes fastupdate = off on a store indexed by an earlier version.
  await pool.query(`CREATE INDEX IF NOT EXISTS "${POSTGRES_TABLE}_data_idx" ON "${POSTGRES_TABLE}" USING gin (data jsonb_path_ops)`);
  await pool.query(`ALTER INDEX "${POSTGRES_TABLE}_data_idx" RESET (fastupdate)`);
  for (const { name, uniqueBy } of definitions) {
    if (!uniqueBy) continue;
    await pool.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS "${indexName(name, uniqueBy)}" ON "${POSTGRES_TABLE}" ((data->>'${uniqueBy}'))
       WHERE name = '${name}' AND (next_run_at IS NOT NULL OR locked_at IS NOT NULL)`,
    );
  }
}

/** `$or` in a partial filter: MongoDB 7.0 documents it, 5.0 refuses it (createJobs then fails at start). */
export async function createMongoLiveJobIndexes(db: Db, definitions: LiveJobRule[]): Promise<void> {
  const collection = db.collection(MONGODB_COLLECTION);
  for (const { name, uniqueBy } of definitions) {
    if (!uniqueBy) continue;
    await collection.createIndex({ name: 1, [`data.${uniqueBy}`]: 1 }, { name: `${indexName(name, uniqueBy)}_lookup` });
    await collection.createIndex(
      { [`data.${uniqueBy}`]: 1 },
      {
        name: indexName(name, uniqueBy),
        unique: true,
        partialFilterExpression: { name, $or: [{ nextRunAt: { $type: "date" } }, { lockedAt: { $type: "date" } }] },
      },
    );
  }
}

/** The store refused a second live job for the same key. */
export function isLiveJobConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === 11000;
}

function indexName(jobName: string, field: string): string {
  return `live_${jobName.replaceAll(/[^a-z0-9]+/gi, "_")}_by_${field}`;
}

/**
 * Agenda has no "make these waiting jobs due now, unless a worker holds them" (a paused company's
 * resume): its public way, queryJobs then Job.schedule().save(), reads and then writes back every
 * field of the job, so a retry a worker recorded in between (its failure count, its due time) is
 * overwritten; and it costs a round trip per job. One conditional statement per store does it instead;
 * a locked (running) job is left alone. Resolves to the ids brought forward.
 */
export async function bringForwardWaitingJobs(
  store: { mongo: Db | undefined; repository: JobRepository },
  name: string,
  field: string,
  keys: readonly string[],
  now: Date,
): Promise<string[]> {
  if (keys.length === 0) return [];
  if (store.mongo) {
    const collection = store.mongo.collection(MONGODB_COLLECTION);
    const filter = { name, [`data.${field}`]: { $in: [...keys] }, lockedAt: null, nextRunAt: { $gt: now }, disabled: { $ne: true } };
    const waiting = await collection.find(filter, { projection: { _id: 1 } }).toArray();
    if (waiting.length === 0) return [];
    // Matched again by the whole filter: a job locked since it was read stays as it is.
    await collection.updateMany({ ...filter, _id: { $in: waiting.map((job) => job._id) } }, { $set: { nextRunAt: now } });
    return waiting.map((job) => String(job._id));
  }
  if (!(store.repository instanceof PostgresJobRepository)) return [];
  const result = await store.repository.getPool().query<{ id: string }>(
    `UPDATE "${POSTGRES_TABLE}" SET next_run_at = $1
     WHERE name = $2 AND data->>'${field}' = ANY($3::text[]) AND locked_at IS NULL AND next_run_at > $1 AND disabled IS NOT TRUE
     RETURNING id`,
    [now, name, keys],
  );
  return result.rows.map((row) => String(row.id));
}

/** The LISTEN/NOTIFY channel on the application database that carries job wake-ups. */
export const WAKE_UP_CHANNEL = "askpro_jobs";

/**
 * Job wake-ups over PostgreSQL LISTEN/NOTIFY on the application database, whichever store holds
 * the jobs. The jobs package's one pool of its own (the job store's belongs to the backend): the
 * LISTEN connection and the NOTIFYs, with an error listener so that an idle connection's error (a
 * restarted database) is reported instead of ending the process.
 *
 * A NotificationChannel of Agenda's public interface, wrapping @agendajs/postgres-backend's:
 * - without publishState: Agenda would otherwise publish every job's start, success and completion
 *   (three NOTIFYs per sync, each waking every listener) for remote events nothing here listens to;
 * - connect() is idempotent: the api connects to publish, and Agenda.start() connects again in
 *   the worker, which on the wrapped channel would open a second LISTEN connection;
 * - wakeUpHere() hands a wake-up to this process's Agenda only, and wake-ups reach Agenda one fill
 *   at a time (both in agenda-workarounds).
 */
export class WakeUpChannel extends BaseNotificationChannel {
  readonly #pool: pg.Pool;
  readonly #postgres: PostgresNotificationChannel;
  #connecting: Promise<void> | undefined;
  #disconnecting: Promise<void> | undefined;
  readonly #deliver: (notification: JobNotification) => Promise<void>;

  constructor(databaseUrl: string, options: { oneFillAtATime: boolean }) {
    super({ channelName: WAKE_UP_CHANNEL });
    const deliver = (notification: JobNotification) => this.notifyHandlers(notification);
    this.#deliver = options.oneFillAtATime ? oneFillAtATime(deliver) : deliver;
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: "askpro-jobs-wake-ups" });
    this.#pool.on("error", (error: Error) => this.emit("error", error));
    this.#postgres = new PostgresNotificationChannel({ pool: this.#pool, channelName: WAKE_UP_CHANNEL, reconnect: { enabled: true } });
    this.#postgres.on("stateChange", (state: NotificationChannelState) => this.setState(state));
    this.#postgres.on("error", (error: Error) => this.emit("error", error));
  }

  connect(): Promise<void> {
    if (this.#disconnecting) return Promise.reject(new Error("The wake-up channel is closed"));
    this.#connecting ??= this.#listen().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  async #listen(): Promise<void> {
    // Subscribed on each connect: the wrapped channel forgets its subscribers when disconnected.
    const unsubscribe = this.#postgres.subscribe(this.#deliver);
    try {
      await this.#postgres.connect();
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }

  /**
   * Closes the channel for good. Agenda.stop() disconnects a started channel, and Jobs.stop() any
   * channel: the second call waits for the first.
   */
  disconnect(): Promise<void> {
    const connecting = this.#connecting;
    this.#connecting = undefined;
    this.#disconnecting ??= (async () => {
      await connecting?.catch(() => undefined);
      await this.#postgres.disconnect();
      await this.#pool.end();
    })();
    return this.#disconnecting;
  }

  publish(notification: JobNotification): Promise<void> {
    return this.#postgres.publish(notification);
  }

  wakeUpHere(notification: JobNotification): Promise<void> {
    return this.#deliver(notification);
  }
}
