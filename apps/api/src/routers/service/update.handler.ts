import { editService, OptimisticLockError } from "@askpro/db";
import { requestAutoSyncAfterSave } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import { EVENT_TYPE_NOT_EDITABLE_MESSAGE } from "./link-errors";
import { findScopedService, flushServiceChanges, writtenServiceDto } from "./scope";
import type { ServiceDto } from "./service.dto";
import type { UpdateInput } from "./update.schema";

export const STALE_VERSION_MESSAGE = "This service was changed by someone else. Reload to see their changes.";

/** service.update: the save, then the company's auto-sync. */
export async function updateHandler({ ctx, input }: { ctx: AuthedContext; input: UpdateInput }): Promise<ServiceDto> {
  const changedFields = await saveServiceUpdate(ctx, input);
  await autoSync(ctx, input.id, changedFields);
  return writtenServiceDto(ctx.em, input.id);
}

/**
 * The save alone; answers the fields it changed. Take Cal.com's values saves through it: what it writes
 * is what Cal.com holds, so auto-sync has nothing to send (and a queued sync would keep the service
 * pending, which taking values may not leave).
 */
export async function saveServiceUpdate(ctx: AuthedContext, input: UpdateInput): Promise<string[]> {
  const { id, version, ...fields } = input;
  const service = await findScopedService(ctx.em, ctx.user, id);
  if (service.version !== version) throw new TRPCError({ code: "CONFLICT", message: STALE_VERSION_MESSAGE });
  // An id typed here would skip link's ownership check: the form sends it back unchanged, or is refused.
  if (fields.calcomEventTypeId !== (service.calcomEventTypeId ?? null)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: EVENT_TYPE_NOT_EDITABLE_MESSAGE });
  }
  // The history row of the changed fields is written by the same flush, in the same transaction.
  const changes = editService(ctx.em, service, fields, ctx.user.id);
  try {
    // The UPDATE also checks the version, which catches an edit saved between our read and this write.
    await flushServiceChanges(ctx.em, fields);
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new TRPCError({ code: "CONFLICT", message: STALE_VERSION_MESSAGE });
    throw error;
  }
  ctx.logger.info({ event: "service-updated", serviceId: service.id, userId: ctx.user.id }, "Service updated");
  return changes.map((change) => change.field);
}

/** The company's auto-sync, after the save: the save stands whatever becomes of it. */
async function autoSync(ctx: AuthedContext, serviceId: string, changedFields: string[]): Promise<void> {
  try {
    const result = await requestAutoSyncAfterSave({ em: ctx.em, jobs: () => ctx.jobs.queue(), serviceId, requestedById: ctx.user.id, logger: ctx.logger, changedFields });
    // Counted as a request when it started (or failed to start) a sync: the quick saves a pending
    // auto-sync carries are not requests an admin made.
    if (result.outcome === "queued" || result.outcome === "enqueue_failed") ctx.metrics?.syncRequested(result.outcome);
  } catch (error) {
    ctx.logger.error({ err: error, serviceId }, "auto-sync could not be requested");
  }
}
