import { linkServiceEventType, recordEventTypeLink, type ServiceDto } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import { readOwnedEventType } from "../../calcom/company-event-types";
import type { AuthedContext } from "../../trpc";
import { eventTypeTaken, isEventTypeUniqueViolation, staleVersion } from "./link-errors";
import type { LinkInput } from "./link.schema";
import { findScopedService, writtenServiceDto } from "./scope";

export async function linkHandler({ ctx, input }: { ctx: AuthedContext; input: LinkInput }): Promise<ServiceDto> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  if (service.version !== input.version) throw staleVersion();
  if (service.calcomEventTypeId != null) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This service is already linked to Cal.com event type ${service.calcomEventTypeId}. Unlink it first.`,
    });
  }
  const companyId = service.company.id;
  // Before anything is saved, and before saying whether someone holds it: a foreign id learns nothing.
  await readOwnedEventType(ctx, service.company, input.eventTypeId);
  const taken = await eventTypeTaken(ctx.em, input.eventTypeId, companyId);
  if (taken) throw taken;

  let linked: boolean;
  try {
    // The link and its edit history row in one transaction.
    linked = await ctx.em.transactional(async (tx) => {
      const done = await linkServiceEventType(tx, { serviceId: service.id, companyId, version: input.version, eventTypeId: input.eventTypeId, at: new Date() });
      if (done) recordEventTypeLink(tx, service.id, { from: null, to: input.eventTypeId }, ctx.user.id);
      return done;
    });
  } catch (error) {
    if (!isEventTypeUniqueViolation(error)) throw error;
    // Another service took it between the check above and this write.
    throw (await eventTypeTaken(ctx.em, input.eventTypeId, companyId)) ?? error;
  }
  // Someone saved, linked or deleted the service since it was read.
  if (!linked) throw staleVersion();
  ctx.logger.info({ event: "service-linked", serviceId: service.id, eventTypeId: input.eventTypeId, userId: ctx.user.id }, "Event type linked");
  return writtenServiceDto(ctx.em, service.id);
}
