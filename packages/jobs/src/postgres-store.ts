import { toJobId } from "agenda";
import type { LockedTransaction } from "./advisory-lock";
import { SYNC_JOB } from "./names";
import type { SyncJobPayload } from "./sync-payload";
import type { WakeUpChannel } from "./wake-up-channel";

/** @agendajs/postgres-backend's table (its default name, which createJobs keeps). */
export const AGENDA_JOBS_TABLE = "agenda_jobs";

/**
 * For the live-job lookup below, which reads a service's job by `data @> {serviceId}` as Agenda's
 * queryJobs does for hasLiveJob. Agenda's own indexes cover only its scheduling columns. Without
 * the pending list of a default GIN index, which every lookup would scan.
 */
export const LIVE_JOB_LOOKUP_INDEX = `CREATE INDEX IF NOT EXISTS "${AGENDA_JOBS_TABLE}_data_idx" ON "${AGENDA_JOBS_TABLE}" USING gin (data jsonb_path_ops) WITH (fastupdate = off)`;

/**
 * The service's live job (queued, waiting for a retry, or running: it has a run time or a lock),
 * else a new one, in one statement. The row is what Agenda's create(name, data).save() inserts:
 * normal type, priority 0, due now; the table's defaults fill in the rest.
 */
const LIVE_OR_NEW_JOB = `
WITH live AS (
  SELECT id, data->>'attemptId' AS attempt_id FROM "${AGENDA_JOBS_TABLE}"
  WHERE name = $1 AND data @> $2::jsonb AND disabled = FALSE AND (next_run_at IS NOT NULL OR locked_at IS NOT NULL)
  LIMIT 1
), created AS (
  INSERT INTO "${AGENDA_JOBS_TABLE}" (name, priority, type, next_run_at, data, last_modified_by)
  SELECT $1, 0, 'normal', $3, $4::jsonb, $5 WHERE NOT EXISTS (SELECT FROM live)
  RETURNING id, data->>'attemptId' AS attempt_id
)
SELECT id, attempt_id, false AS created FROM live UNION ALL SELECT id, attempt_id, true AS created FROM created`;

/**
 * enqueueSync on the PostgreSQL store, inside the caller's per-service lock and on its connection:
 * the lookup and the insert are one statement, and the new job's wake-up goes out with the COMMIT,
 * so PostgreSQL delivers it once the job is visible. Three round trips with the lock's, where
 * Agenda's queryJobs, save and publish took five.
 */
export async function liveOrNewSyncJob(
  locked: LockedTransaction,
  channel: WakeUpChannel,
  data: SyncJobPayload,
  source: string | undefined,
): Promise<{ jobId: string; attemptId: string | undefined }> {
  const nextRunAt = new Date();
  const { rows } = await locked.client.query<{ id: string; attempt_id: string | null; created: boolean }>({
    name: "askpro-live-or-new-sync-job",
    text: LIVE_OR_NEW_JOB,
    values: [SYNC_JOB, JSON.stringify({ serviceId: data.serviceId }), nextRunAt, JSON.stringify(data), source ?? null],
  });
  const row = rows[0];
  if (!row) throw new Error(`No live ${SYNC_JOB} job found or created for service ${data.serviceId}`);
  if (row.created) locked.atCommit(channel.notifyStatement({ jobId: toJobId(row.id), jobName: SYNC_JOB, nextRunAt, priority: 0, timestamp: new Date(), source }));
  return { jobId: row.id, attemptId: row.attempt_id ?? undefined };
}
