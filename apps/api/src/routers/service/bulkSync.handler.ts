import { type StartedBulkSync, startBulkSync, SyncServiceNotFoundError } from "@askpro/sync";
import type { AuthedContext } from "../../trpc";
import { bulkCompanyId, bulkSelection } from "./bulk-sync-scope";
import type { BulkSelectionInput } from "./bulkSyncPreview.schema";
import { serviceNotFound } from "./scope";

/** "Sync now" of the bulk dialog: the selection is decided again here, each service through requestSync. */
export async function bulkSyncHandler({ ctx, input }: { ctx: AuthedContext; input: BulkSelectionInput }): Promise<StartedBulkSync> {
  const companyId = bulkCompanyId(ctx);
  try {
    const started = await startBulkSync({
      em: ctx.em,
      jobs: () => ctx.jobs.queue(),
      companyId,
      requestedById: ctx.user.id,
      selection: bulkSelection(input),
      logger: ctx.logger,
    });
    return started;
  } catch (error) {
    if (error instanceof SyncServiceNotFoundError) throw serviceNotFound();
    throw error;
  }
}
