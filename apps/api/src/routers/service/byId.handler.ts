import type { AuthedContext } from "../../trpc";
import type { ByIdInput } from "./byId.schema";
import { findScopedService } from "./scope";
import { type ServiceDto, toServiceDto } from "./service.dto";

export async function byIdHandler({ ctx, input }: { ctx: AuthedContext; input: ByIdInput }): Promise<ServiceDto> {
  return toServiceDto(await findScopedService(ctx.em, ctx.user, input.id));
}
