import type { AuthedContext } from "../../trpc";
import { isWorkerAlive } from "../../worker-liveness";

export interface SystemStatus {
  /** false: no worker has beaten lately, so requested syncs wait in the queue until one runs. */
  workerAlive: boolean;
}

export async function statusHandler({ ctx }: { ctx: AuthedContext }): Promise<SystemStatus> {
  return { workerAlive: await isWorkerAlive(ctx.em) };
}
