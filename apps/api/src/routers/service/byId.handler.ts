import { findServiceDto, type ServiceDto } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { ByIdInput } from "./byId.schema";
import { serviceNotFound } from "./scope";

export async function byIdHandler({ ctx, input }: { ctx: AuthedContext; input: ByIdInput }): Promise<ServiceDto> {
  // Scoped like findScopedService: a company user finds their company's services only.
  const service = await findServiceDto(ctx.em, input.id, ctx.user.company?.id ?? null);
  if (!service) throw serviceNotFound();
  return service;
}
