import type { AuthedContext } from "../../trpc";
import type { DeleteInput } from "./delete.schema";
import { findScopedService } from "./scope";

export async function deleteHandler({ ctx, input }: { ctx: AuthedContext; input: DeleteInput }): Promise<{ ok: true }> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  await ctx.em.remove(service).flush();
  ctx.logger.info({ event: "service-deleted", serviceId: input.id, userId: ctx.user.id }, "Service deleted");
  return { ok: true };
}
