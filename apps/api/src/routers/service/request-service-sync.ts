import { type RequestSyncResult, requestSync, SyncServiceNotFoundError } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";

/**
 * A signed-in user asks for a sync of one service (the button, or "Retry" on the operations page):
 * the normal sync decision, counted in the metrics; another company's service is not found.
 */
export async function requestServiceSync(ctx: AuthedContext, serviceId: string): Promise<RequestSyncResult> {
  try {
    const result = await requestSync({
      em: ctx.em,
      jobs: () => ctx.jobs.queue(),
      serviceId,
      companyId: ctx.user.company?.id ?? null,
      requestedById: ctx.user.id,
      logger: ctx.logger,
    });
    ctx.metrics?.syncRequested(result.outcome);
    return result;
  } catch (error) {
    if (error instanceof SyncServiceNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: "Service not found." });
    throw error;
  }
}
