import { Service } from "@askpro/db";
import { requestServiceDeletion } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { DeleteInput } from "./delete.schema";
import { findScopedService } from "./scope";

/**
 * `deleted`: gone now (unlinked, or the event type kept). `deleting`: a job hides or deletes the event
 * type, then removes the service; meanwhile the list leaves it out and its page says so. `enqueue_failed`:
 * the job could not be queued, the service is back as "Deletion failed" with the reason.
 */
export type DeleteResult = { ok: true; outcome: "deleted" } | { ok: true; outcome: "deleting"; jobId: string } | { ok: false; outcome: "enqueue_failed"; reason: string };

export const CHOOSE_EVENT_TYPE_MESSAGE = (eventTypeId: number) =>
  `This service is linked to Cal.com event type ${eventTypeId}: choose whether to keep, hide or delete it in Cal.com. Nothing was deleted.`;
export const ALREADY_DELETING_MESSAGE = "This service is already being deleted: its Cal.com event type is being hidden or deleted.";
export const DELETE_WHILE_PENDING_MESSAGE = "A sync of this service is pending. Wait until it has ended, then delete it.";

export async function deleteHandler({ ctx, input }: { ctx: AuthedContext; input: DeleteInput }): Promise<DeleteResult> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  const eventTypeId = service.calcomEventTypeId ?? null;
  if (eventTypeId !== null && input.eventType === undefined) throw new TRPCError({ code: "BAD_REQUEST", message: CHOOSE_EVENT_TYPE_MESSAGE(eventTypeId) });
  if (service.syncStatus === "deleting") throw new TRPCError({ code: "CONFLICT", message: ALREADY_DELETING_MESSAGE });
  const log = { serviceId: input.id, eventTypeId, eventType: eventTypeId === null ? null : input.eventType, userId: ctx.user.id };

  if (eventTypeId === null || input.eventType === "keep") {
    // As before: nothing is sent to Cal.com, the service and its history go at once.
    await ctx.em.remove(service).flush();
    ctx.logger.info({ event: "service-deleted", ...log }, "Service deleted");
    return { ok: true, outcome: "deleted" };
  }
  if (service.syncStatus === "pending") throw new TRPCError({ code: "CONFLICT", message: DELETE_WHILE_PENDING_MESSAGE });

  const result = await requestServiceDeletion({
    em: ctx.em,
    jobs: () => ctx.jobs.queue(),
    serviceId: service.id,
    companyId: service.company.id,
    requestedById: ctx.user.id,
    removal: input.eventType === "hide" ? "hide" : "delete",
    logger: ctx.logger,
  });
  if (result.outcome === "not_claimed") {
    // Changed since it was read: a sync queued, another admin's deletion, or unlinked.
    const now = await ctx.em.fork().findOne(Service, { id: service.id }, { fields: ["syncStatus", "calcomEventTypeId"] });
    if (!now) throw new TRPCError({ code: "NOT_FOUND", message: "Service not found." });
    if (now.syncStatus === "deleting") throw new TRPCError({ code: "CONFLICT", message: ALREADY_DELETING_MESSAGE });
    if (now.syncStatus === "pending") throw new TRPCError({ code: "CONFLICT", message: DELETE_WHILE_PENDING_MESSAGE });
    throw new TRPCError({ code: "CONFLICT", message: "This service was changed by someone else. Reload to see their changes." });
  }
  if (result.outcome === "enqueue_failed") return { ok: false, outcome: "enqueue_failed", reason: result.reason };
  ctx.logger.info({ event: "service-deletion-requested", ...log, jobId: result.jobId }, "Service deletion requested");
  return { ok: true, outcome: "deleting", jobId: result.jobId };
}
