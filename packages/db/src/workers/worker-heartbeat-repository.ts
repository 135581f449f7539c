import { sql } from "kysely";
import { db } from "../kysely";
import type { EntityManager } from "../orm";

/**
 * The worker_heartbeats table: each running worker's beats, and who reads them (/readyz, system.status,
 * `npm run verify`). Times come from the database's clock, for the beats and the ages alike, so no
 * process's own clock can skew whether a worker counts as alive.
 */

export interface WorkerBeat {
  /** `hostname:pid` */
  workerId: string;
  startedAt: Date;
  hostname: string;
  pid: number;
  /** Where it serves its metrics; unset: not served. */
  metricsUrl?: string | null | undefined;
}

/** Inserts or refreshes the worker's row, stamped with the database's now(). */
export async function recordWorkerBeat(em: EntityManager, beat: WorkerBeat): Promise<void> {
  await db(em)
    .insertInto("worker_heartbeats")
    .values({
      worker_id: beat.workerId,
      beat_at: sql<Date>`now()`,
      started_at: beat.startedAt,
      hostname: beat.hostname,
      pid: beat.pid,
      metrics_url: beat.metricsUrl ?? null,
    })
    .onConflict((conflict) =>
      conflict.column("worker_id").doUpdateSet((eb) => ({
        beat_at: sql<Date>`now()`,
        started_at: eb.ref("excluded.started_at"),
        hostname: eb.ref("excluded.hostname"),
        pid: eb.ref("excluded.pid"),
        metrics_url: eb.ref("excluded.metrics_url"),
      })),
    )
    .execute();
}

/** A clean stop is not a missing worker. */
export async function removeWorkerBeat(em: EntityManager, workerId: string): Promise<void> {
  await db(em).deleteFrom("worker_heartbeats").where("worker_id", "=", workerId).execute();
}

/** Whether any worker beat less than maxAgeS seconds ago. */
export async function isAnyWorkerAlive(em: EntityManager, maxAgeS: number): Promise<boolean> {
  const row = await db(em)
    .selectNoFrom((eb) =>
      eb
        .exists(eb.selectFrom("worker_heartbeats").select(sql`1`.as("one")).where("beat_at", ">", sql<Date>`now() - make_interval(secs => ${maxAgeS})`))
        .as("alive"),
    )
    .executeTakeFirstOrThrow();
  return row.alive === true;
}

export interface WorkerBeatAge {
  workerId: string;
  /** Seconds since its last beat. */
  ageS: number;
  /** Seconds since it started. */
  uptimeS: number;
  metricsUrl: string | null;
}

/** Every row, the newest beat first. */
export async function listWorkerBeatAges(em: EntityManager): Promise<WorkerBeatAge[]> {
  return db(em)
    .selectFrom("worker_heartbeats")
    .select([
      "worker_id as workerId",
      "metrics_url as metricsUrl",
      sql<number>`extract(epoch FROM now() - beat_at)::float8`.as("ageS"),
      sql<number>`extract(epoch FROM now() - started_at)::float8`.as("uptimeS"),
    ])
    .orderBy("beat_at", "desc")
    .execute();
}
