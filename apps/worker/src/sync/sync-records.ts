import { type Orm, SERVICE_FIELD_COLUMNS, type ServiceFieldsRow, type SyncAttemptLogEntry, type SyncAttemptOutcome, serviceFieldsFromRow } from "@askpro/db";
import type { SyncableService } from "@askpro/domain";
import type pg from "pg";

/**
 * The sync's reads and writes are plain SQL on the pool behind the ORM: one statement each, so a
 * sync costs the database few round trips and the worker no entity bookkeeping. Each write changes
 * the service and the attempt row in one statement, which makes the pair atomic without a
 * transaction.
 */
export type SyncDatabase = Pick<pg.Pool, "query">;

export function syncDatabaseOf(orm: Orm): Promise<SyncDatabase> {
  return orm.em.getConnection().getNativeClient();
}

/** What a sync reads: the service, its company's Cal.com settings, and its attempt row. */
export interface SyncTarget {
  service: SyncableService & { calcomEventTypeId: number | null; syncStatus: string };
  calcomTeamId: number | null;
  /** Encrypted; null when the company uses the global key. */
  calcomApiKeyEncrypted: string | null;
  /** undefined when the attempt row is gone. */
  attempt: { requestedAtMs: number } | undefined;
}

interface TargetRow extends ServiceFieldsRow {
  calcom_team_id: string | null;
  calcom_api_key_encrypted: string | null;
  attempt_requested_at_ms: number | null;
}

/** undefined when the service is gone. */
export async function loadSyncTarget(db: SyncDatabase, ids: { serviceId: string; attemptId: string }): Promise<SyncTarget | undefined> {
  const { rows } = await db.query<TargetRow>({
    name: "askpro-sync-target",
    text: `SELECT ${SERVICE_FIELD_COLUMNS}, c.calcom_team_id, c.calcom_api_key_encrypted,
       (extract(epoch FROM a.requested_at) * 1000)::float8 AS attempt_requested_at_ms
     FROM services s
     JOIN companies c ON c.id = s.company_id
     LEFT JOIN sync_attempts a ON a.id = $2
     WHERE s.id = $1`,
    values: [ids.serviceId, ids.attemptId],
  });
  const row = rows[0];
  if (!row) return undefined;
  return {
    service: serviceFieldsFromRow(row),
    calcomTeamId: row.calcom_team_id === null ? null : Number(row.calcom_team_id),
    calcomApiKeyEncrypted: row.calcom_api_key_encrypted,
    attempt: row.attempt_requested_at_ms === null ? undefined : { requestedAtMs: row.attempt_requested_at_ms },
  };
}

/** The columns of a sync-attempt row, which describe its latest HTTP attempt. */
export interface AttemptChange {
  /** Kept when the row has one already: a run after a crash or a retry continues the same attempt. */
  startedAt?: Date;
  finishedAt?: Date | null;
  outcome?: SyncAttemptOutcome | null;
  attemptNumber?: number;
  httpStatus?: number | null;
  calcomErrorCode?: string | null;
  errorMessage?: string | null;
  payload?: Record<string, unknown>;
  jobId?: string;
  /** Appended to the row's log of HTTP attempts. */
  logEntry?: SyncAttemptLogEntry;
}

/** What becomes of the service, only ever while it is `pending`; undefined leaves it as it is. */
export type ServiceChange =
  | { kind: "attempt-started"; at: Date }
  | { kind: "synced"; at: Date }
  | { kind: "failed"; reason: string };

const SERVICE_SET: Record<ServiceChange["kind"], string> = {
  "attempt-started": "last_sync_attempt_at = $1",
  synced: "sync_status = 'synced', last_synced_at = $1, sync_error = NULL",
  failed: "sync_status = 'error', sync_error = $1",
};

function serviceValue(change: ServiceChange): unknown {
  return change.kind === "failed" ? change.reason : change.at;
}

/**
 * Writes the service and its attempt row in one statement. The service's UPDATE leaves `version`
 * alone on purpose: it guards admins' edits, and a sync ending must not make an open edit form
 * stale; and `sync_status = 'pending'` in its WHERE clause means a late or repeated job can never
 * overwrite an outcome that is already recorded. The attempt row is written either way.
 */
export async function writeSyncRecords(
  db: SyncDatabase,
  ids: { serviceId: string; attemptId: string },
  attempt: AttemptChange,
  service: ServiceChange | undefined,
): Promise<void> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let cte = "";
  if (service) {
    const value = param(serviceValue(service));
    cte = `WITH service AS (UPDATE services SET ${SERVICE_SET[service.kind].replace("$1", value)} WHERE id = ${param(ids.serviceId)} AND sync_status = 'pending') `;
  }
  const set: string[] = [];
  if (attempt.startedAt !== undefined) set.push(`started_at = COALESCE(started_at, ${param(attempt.startedAt)})`);
  if (attempt.finishedAt !== undefined) set.push(`finished_at = ${param(attempt.finishedAt)}`);
  if (attempt.outcome !== undefined) set.push(`outcome = ${param(attempt.outcome)}`);
  if (attempt.attemptNumber !== undefined) set.push(`attempt_number = ${param(attempt.attemptNumber)}`);
  if (attempt.httpStatus !== undefined) set.push(`http_status = ${param(attempt.httpStatus)}`);
  if (attempt.calcomErrorCode !== undefined) set.push(`calcom_error_code = ${param(attempt.calcomErrorCode)}`);
  if (attempt.errorMessage !== undefined) set.push(`error_message = ${param(attempt.errorMessage)}`);
  if (attempt.payload !== undefined) set.push(`payload = ${param(JSON.stringify(attempt.payload))}::jsonb`);
  if (attempt.jobId !== undefined) set.push(`job_id = ${param(attempt.jobId)}`);
  if (attempt.logEntry !== undefined) set.push(`attempt_log = attempt_log || jsonb_build_array(${param(JSON.stringify(attempt.logEntry))}::jsonb)`);
  if (set.length === 0) throw new Error("writeSyncRecords: no attempt column to write");
  const text = `${cte}UPDATE sync_attempts SET ${set.join(", ")} WHERE id = ${param(ids.attemptId)}`;
  await db.query({ name: preparedName(text), text, values: params });
}

const preparedNames = new Map<string, string>();

/** A sync writes in a few shapes only; each is prepared once per connection, and planned once. */
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    name = `askpro-sync-write-${preparedNames.size}`;
    preparedNames.set(text, name);
  }
  return name;
}
