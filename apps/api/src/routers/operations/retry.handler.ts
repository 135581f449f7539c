import { type RequestSyncResult, requestSync, SyncServiceNotFoundError } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { RetrySyncInput } from "./retry.schema";

/**
 * "Retry" on a failed sync: the normal sync decision (requestSync), so a service already pending
 * answers already_pending and never gets a second job. Another company's service is not found.
 */
export async function retrySyncHandler({ ctx, input }: { ctx: AuthedContext; input: RetrySyncInput }): Promise<RequestSyncResult> {
  try {
    const result = await requestSync({
      em: ctx.em,
      jobs: () => ctx.jobs.queue(),
      serviceId: input.serviceId,
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
