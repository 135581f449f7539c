import type { EntityManager } from "@askpro/db";
import { WORKER_HEARTBEAT_MAX_AGE_S } from "@askpro/domain";

/**
 * Whether any worker has beaten recently. Ages come from the database's clock, which the worker's beats
 * used too, so the api's own clock cannot skew the answer.
 */
export async function isWorkerAlive(em: EntityManager): Promise<boolean> {
  const [row] = await em
    .getConnection()
    .execute<{ alive: boolean }[]>("select exists (select 1 from worker_heartbeats where beat_at > now() - make_interval(secs => ?)) as alive", [
      WORKER_HEARTBEAT_MAX_AGE_S,
    ]);
  return row?.alive === true;
}
