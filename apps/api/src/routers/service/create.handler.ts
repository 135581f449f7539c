import { Company, recordServiceCreated, Service } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { CreateInput } from "./create.schema";
import { EVENT_TYPE_NOT_EDITABLE_MESSAGE } from "./link-errors";
import { flushServiceChanges, writtenServiceDto } from "./scope";
import type { ServiceDto } from "./service.dto";

export async function createHandler({ ctx, input }: { ctx: AuthedContext; input: CreateInput }): Promise<ServiceDto> {
  const { companyId, ...fields } = input;
  // An id given here would skip link's ownership check: a service is linked once it exists.
  if (fields.calcomEventTypeId !== null) throw new TRPCError({ code: "BAD_REQUEST", message: EVENT_TYPE_NOT_EDITABLE_MESSAGE });
  const targetId = companyId ?? ctx.user.company?.id;
  if (!targetId) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Choose the company the service belongs to (companyId)." });
  }
  const company = ctx.user.company && ctx.user.company.id !== targetId ? null : await ctx.em.findOne(Company, { id: targetId });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  const service = ctx.em.create(Service, { ...fields, company, syncStatus: "never" });
  recordServiceCreated(ctx.em, service, ctx.user.id);
  await flushServiceChanges(ctx.em, fields);
  ctx.logger.info({ event: "service-created", serviceId: service.id, userId: ctx.user.id }, "Service created");
  return writtenServiceDto(ctx.em, service.id);
}
