import { pauseSyncing, resumeSyncing } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import { type SyncPauseState, syncPauseState } from "./get.handler";
import type { SetSyncPauseInput } from "./set.schema";

/**
 * "Pause syncing" / "Resume syncing" (packages/sync's sync-pause): a pause holds the company's queued
 * syncs in the worker; a resume wakes them so the queue drains at once.
 */
export async function setSyncPauseHandler({ ctx, input }: { ctx: AuthedContext; input: SetSyncPauseInput }): Promise<SyncPauseState> {
  const company = await findScopedCompany(ctx, input.companyId);
  const options = { em: ctx.em, companyId: company.id, userId: ctx.user.id, logger: ctx.logger };
  if (input.paused) {
    const pausedAt = await pauseSyncing(options);
    if (pausedAt === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
    return syncPauseState(pausedAt);
  }
  const resumed = await resumeSyncing({ ...options, jobs: () => ctx.jobs.queue() });
  if (resumed === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  return syncPauseState(null);
}
