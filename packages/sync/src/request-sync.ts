import { claimSyncRequest, deleteSyncAttempt, type EntityManager, serviceLinkState, writeSyncRecords } from "@askpro/db";
import { enqueueSyncJob, type Jobs } from "@askpro/jobs";
import { describeSyncReason, type SyncReason } from "@askpro/domain";

/** The queue createJobs made, or a function returning it (the api connects to the job store on demand). */
export type JobsSource = Jobs | (() => Promise<Jobs>);

export function jobsOf(source: JobsSource): Promise<Jobs> {
  return typeof source === "function" ? source() : Promise.resolve(source);
}

/** What became of a request to sync one service. */
export type RequestSyncResult =
  | { outcome: "queued"; attemptId: string; jobId: string }
  | { outcome: "no_event_type" }
  | { outcome: "already_pending" }
  | { outcome: "enqueue_failed"; reason: string };

/** The part of a pino logger used here. */
export interface RequestSyncLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RequestSyncOptions {
  em: EntityManager;
  /** The queue createJobs made, or a function returning it (the api connects to the job store on demand). */
  jobs: JobsSource;
  serviceId: string;
  /** The requester's company: a service of another company counts as missing. null: any company (platform operator). */
  companyId: string | null;
  /** null when the system asks (the reconciler, an operator's script). */
  requestedById: string | null;
  logger: RequestSyncLogger;
  /**
   * Runs the job this long after the request rather than at once (auto-sync): the job reads the service
   * when it runs, so saves made meanwhile, which find the service pending, go out with it.
   */
  delayMs?: number | undefined;
  /** A bulk run's request: its job waits in the bulk queue, behind no click and holding up none. */
  bulk?: boolean | undefined;
}

/** The service does not exist, or belongs to another company than the requester's. */
export class SyncServiceNotFoundError extends Error {
  constructor(readonly serviceId: string) {
    super(`Service ${serviceId} not found`);
    this.name = "SyncServiceNotFoundError";
  }
}

/**
 * A live job of an earlier attempt can still be there for a moment after that attempt recorded its
 * outcome (the job removes itself once its handler returns). Waiting this long lets it go.
 */
const FOREIGN_JOB_WAIT_MS = 2_000;
const FOREIGN_JOB_POLL_MS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts a sync of one service (transition `request`). The decision is one conditional UPDATE, so
 * that of any number of simultaneous requests exactly one marks the service `pending` (with its
 * sync-attempt row, in the same statement) and queues a job; the others learn why not.
 *
 * Throws SyncServiceNotFoundError for a missing (or another company's) service. When the job cannot
 * be queued the service ends in `error` with the reason rather than `pending` with nothing to run it.
 */
export async function requestSync(options: RequestSyncOptions): Promise<RequestSyncResult> {
  const { em, serviceId, companyId, requestedById, logger } = options;
  if (!UUID.test(serviceId)) throw new SyncServiceNotFoundError(serviceId);

  const attemptId = await claimSyncRequest(em, { serviceId, companyId, requestedById, at: new Date() });
  if (attemptId === undefined) {
    const link = await serviceLinkState(em, serviceId, companyId);
    if (link === undefined) throw new SyncServiceNotFoundError(serviceId);
    // Linked but not claimed: it was pending when the UPDATE ran, even if its job has finished since.
    return { outcome: link === "linked" ? "already_pending" : "no_event_type" };
  }

  const fields = { service_id: serviceId, attempt_id: attemptId, requested_by: requestedById };
  let queued: { attemptId: string; jobId: string };
  try {
    const at = options.delayMs ? new Date(Date.now() + options.delayMs) : undefined;
    queued = await enqueueOwnJob(em, await jobsOf(options.jobs), serviceId, attemptId, { at, bulk: options.bulk });
  } catch (error) {
    const failure: SyncReason = { code: "queue_failed", message: describeEnqueueFailure(error) };
    const reason = describeSyncReason(failure);
    // Only while still pending (transition `fail`): a job that did get queued and already finished keeps its outcome.
    await writeSyncRecords(em, { serviceId, attemptId }, { outcome: "failed", finishedAt: new Date(), reason: failure }, { transition: "fail", reason: failure });
    logger.error({ ...fields, outcome: "enqueue_failed", reason }, "sync could not be queued");
    return { outcome: "enqueue_failed", reason };
  }
  const joined = queued.attemptId === attemptId ? {} : { joined_attempt_id: queued.attemptId };
  logger.info({ ...fields, ...joined, job_id: queued.jobId, outcome: "queued" }, "sync queued");
  return { outcome: "queued", ...queued };
}

/**
 * Queues the attempt's job. The queue hands back a service's live job rather than add a second
 * one: a job of an earlier attempt that is about to go is waited for; one that stays (a job re-run
 * after its worker died) will sync the service now marked pending, so the request joins it and its
 * attempt row, and ours is dropped. The job id is not stored on the attempt here: the worker
 * records it when the job starts.
 */
async function enqueueOwnJob(em: EntityManager, jobs: Jobs, serviceId: string, attemptId: string, options: { at: Date | undefined; bulk: boolean | undefined }) {
  const deadline = Date.now() + FOREIGN_JOB_WAIT_MS;
  for (;;) {
    const queued: { jobId: string; attemptId: string | undefined } = await enqueueSyncJob(jobs, { serviceId, attemptId }, {
      ...(options.at && { at: options.at }),
      ...(options.bulk && { bulk: true }),
    });
    // A live job without an attempt in its data was not queued here; treat it as ours, as before.
    if (queued.attemptId === attemptId || queued.attemptId === undefined) return { attemptId, jobId: queued.jobId };
    if (Date.now() >= deadline) {
      await deleteSyncAttempt(em, attemptId);
      return { attemptId: queued.attemptId, jobId: queued.jobId };
    }
    await new Promise((resolve) => setTimeout(resolve, FOREIGN_JOB_POLL_MS));
  }
}

const MAX_REASON_LENGTH = 300;

/** The error's message with any credentials in URLs removed, short enough for a status badge. */
export function describeEnqueueFailure(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1").trim();
  const text = message || "unknown error";
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}
