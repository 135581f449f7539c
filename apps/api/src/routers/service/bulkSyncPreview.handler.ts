import { bulkSyncSeconds } from "@askpro/domain";
import { type BulkSkipCounts, planBulkSync, SyncServiceNotFoundError } from "@askpro/sync";
import type { AuthedContext } from "../../trpc";
import { bulkCompanyId, bulkSelection, companyKeyRate, type KeyRate } from "./bulk-sync-scope";
import type { BulkSelectionInput } from "./bulkSyncPreview.schema";
import { serviceNotFound } from "./scope";

/** What the confirm dialog "Sync N services with Cal.com" says. */
export interface BulkSyncPreview {
  /** Services that will be sent. */
  send: number;
  /** Services left out, by reason. */
  skipped: BulkSkipCounts;
  /** How long the sends take at the key's rate. */
  estimatedSeconds: number;
  rate: KeyRate;
}

export async function bulkSyncPreviewHandler({ ctx, input }: { ctx: AuthedContext; input: BulkSelectionInput }): Promise<BulkSyncPreview> {
  const companyId = bulkCompanyId(ctx);
  try {
    const plan = await planBulkSync(ctx.em, companyId, bulkSelection(input));
    const rate = await companyKeyRate(ctx, companyId);
    return { send: plan.send.length, skipped: plan.skipped, estimatedSeconds: bulkSyncSeconds(plan.send.length, rate), rate };
  } catch (error) {
    if (error instanceof SyncServiceNotFoundError) throw serviceNotFound();
    throw error;
  }
}
