import { bulkSyncSeconds, type SyncReason } from "@askpro/domain";
import { readBulkRun } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import { companyKeyRate } from "./bulk-sync-scope";
import type { BulkSyncProgressInput } from "./bulkSyncProgress.schema";

/** "X of N synced", failures with their reasons, and how long the rest takes at the key's rate. */
export interface BulkSyncProgress {
  runId: string;
  requestedAt: string;
  cancelledAt: string | null;
  /** N: services the run sent. */
  total: number;
  synced: number;
  failed: number;
  cancelled: number;
  pending: number;
  skipped: number;
  secondsLeft: number;
  failures: Array<{ serviceId: string; serviceName: string; reason: SyncReason | null; error: string | null }>;
}

export async function bulkSyncProgressHandler({ ctx, input }: { ctx: AuthedContext; input: BulkSyncProgressInput }): Promise<BulkSyncProgress | null> {
  const companyId = ctx.user.company?.id ?? null;
  const run = await readBulkRun(ctx.em, { runId: input.runId ?? null, companyId });
  if (!run) {
    if (input.runId) throw new TRPCError({ code: "NOT_FOUND", message: "Bulk sync not found." });
    return null;
  }
  const count = (state: string) => run.items.filter((item) => item.state === state).length;
  const pending = count("pending");
  return {
    runId: run.id,
    requestedAt: run.requestedAt.toISOString(),
    cancelledAt: run.cancelledAt?.toISOString() ?? null,
    total: run.items.length,
    synced: count("synced"),
    failed: count("failed"),
    cancelled: count("cancelled"),
    pending,
    skipped: run.skipped,
    secondsLeft: pending === 0 ? 0 : bulkSyncSeconds(pending, await companyKeyRate(ctx, run.companyId)),
    failures: run.items
      .filter((item) => item.state === "failed")
      .map(({ serviceId, serviceName, reason, error }) => ({ serviceId, serviceName, reason, error })),
  };
}
