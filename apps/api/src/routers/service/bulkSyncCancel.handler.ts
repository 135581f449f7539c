import { BulkRunNotFoundError, cancelBulkSync } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { BulkSyncCancelInput } from "./bulkSyncCancel.schema";

/** "Cancel remaining": the run's syncs not yet started go back to their status, with a "Cancelled" history row. */
export async function bulkSyncCancelHandler({ ctx, input }: { ctx: AuthedContext; input: BulkSyncCancelInput }): Promise<{ cancelled: number }> {
  try {
    return await cancelBulkSync({ em: ctx.em, jobs: () => ctx.jobs.queue(), runId: input.runId, companyId: ctx.user.company?.id ?? null, logger: ctx.logger });
  } catch (error) {
    if (error instanceof BulkRunNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: "Bulk sync not found." });
    throw error;
  }
}
