import { type EntityManager, isAnyWorkerAlive } from "@askpro/db";
import { WORKER_HEARTBEAT_MAX_AGE_S } from "@askpro/domain";

/** Whether any worker has beaten recently, by the database's clock (see the heartbeat repository). */
export function isWorkerAlive(em: EntityManager): Promise<boolean> {
  return isAnyWorkerAlive(em, WORKER_HEARTBEAT_MAX_AGE_S);
}
