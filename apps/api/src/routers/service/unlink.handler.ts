import { recordEventTypeLink, Service, type ServiceDto, unlinkServiceEventType } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import { staleVersion } from "./link-errors";
import { findScopedService, writtenServiceDto } from "./scope";
import type { UnlinkInput } from "./unlink.schema";

export const UNLINK_WHILE_PENDING_MESSAGE = "A sync of this service is pending. Wait until it has ended, then unlink.";

/** Clears the service's event type; the event type itself stays in Cal.com, untouched. */
export async function unlinkHandler({ ctx, input }: { ctx: AuthedContext; input: UnlinkInput }): Promise<ServiceDto> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  if (service.version !== input.version) throw staleVersion();
  if (service.calcomEventTypeId == null) throw new TRPCError({ code: "CONFLICT", message: "This service is not linked to a Cal.com event type." });
  if (service.syncStatus === "pending") throw new TRPCError({ code: "CONFLICT", message: UNLINK_WHILE_PENDING_MESSAGE });
  const eventTypeId = service.calcomEventTypeId;
  // The unlink and its edit history row in one transaction.
  const unlinked = await ctx.em.transactional(async (tx) => {
    const done = await unlinkServiceEventType(tx, { serviceId: service.id, companyId: service.company.id, version: input.version, at: new Date() });
    if (done) recordEventTypeLink(tx, service.id, { from: eventTypeId, to: null }, ctx.user.id);
    return done;
  });
  if (!unlinked) {
    // A sync queued since the read does not bump the version: tell that apart from an edit.
    const now = await ctx.em.fork().findOne(Service, { id: service.id }, { fields: ["syncStatus"] });
    if (now?.syncStatus === "pending") throw new TRPCError({ code: "CONFLICT", message: UNLINK_WHILE_PENDING_MESSAGE });
    throw staleVersion();
  }
  ctx.logger.info({ event: "service-unlinked", serviceId: service.id, eventTypeId, userId: ctx.user.id }, "Event type unlinked");
  return writtenServiceDto(ctx.em, service.id);
}
