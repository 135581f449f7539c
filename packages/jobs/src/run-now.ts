import type { Pool } from "pg";
import type { Db } from "mongodb";
import type { JobRun } from "./job-definition";

/**
 * Jobs put back to wait (a paused company's syncs) and brought forward again (its resume). Both keep
 * the job itself, so the one-live-job-per-key rule holds throughout: a parked job is still live.
 */

/**
 * Ends the running job's handler without running it: Agenda saves the job with this due time instead
 * of removing it, and clears its failure count (a pause is no failure, so no retry is spent on it).
 */
export function putBack(run: JobRun, at: Date): void {
  run.job.schedule(at);
}

const POSTGRES_TABLE = "agenda_jobs";
const MONGODB_COLLECTION = "agendaJobs";

/**
 * Makes the waiting jobs of `name` whose `field` is one of `keys` due at `now`. A job that is locked
 * (running, or taken by a worker this instant) is left alone: one conditional statement, so a job is
 * never due and running at once. Resolves to the ids brought forward.
 */
export async function bringForwardPostgres(pool: Pool, name: string, field: string, keys: readonly string[], now: Date): Promise<string[]> {
  if (keys.length === 0) return [];
  const result = await pool.query<{ id: string }>(
    `UPDATE "${POSTGRES_TABLE}" SET next_run_at = $1
     WHERE name = $2 AND data->>'${field}' = ANY($3::text[]) AND locked_at IS NULL AND next_run_at > $1 AND disabled IS NOT TRUE
     RETURNING id`,
    [now, name, keys],
  );
  return result.rows.map((row) => String(row.id));
}

/** bringForwardPostgres for MongoDB. */
export async function bringForwardMongo(db: Db, name: string, field: string, keys: readonly string[], now: Date): Promise<string[]> {
  if (keys.length === 0) return [];
  const collection = db.collection(MONGODB_COLLECTION);
  const filter = { name, [`data.${field}`]: { $in: [...keys] }, lockedAt: null, nextRunAt: { $gt: now }, disabled: { $ne: true } };
  const waiting = await collection.find(filter, { projection: { _id: 1 } }).toArray();
  if (waiting.length === 0) return [];
  // Matched again by the whole filter: a job locked since it was read stays as it is.
  await collection.updateMany({ ...filter, _id: { $in: waiting.map((job) => job._id) } }, { $set: { nextRunAt: now } });
  return waiting.map((job) => String(job._id));
}
