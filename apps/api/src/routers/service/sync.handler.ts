import { type RequestSyncResult, requestSync, SyncServiceNotFoundError } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { SyncInput } from "./sync.schema";

/** `queued` | `no_event_type` | `already_pending` | `enqueue_failed` (with the reason, also kept on the service). */
export type SyncOutcome = RequestSyncResult;

export async function syncHandler({ ctx, input }: { ctx: AuthedContext; input: SyncInput }): Promise<SyncOutcome> {
  try {
    const result = await requestSync({
      em: ctx.em,
      jobs: () => ctx.jobs.queue(),
      serviceId: input.id,
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
