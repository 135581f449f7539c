import { listServiceEdits, type ServiceEditEntry } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { EditHistoryInput } from "./editHistory.schema";
import { findScopedService } from "./scope";

/** Who changed which field of the service from what to what, newest first; anyone who may see the service may read it. */
export async function editHistoryHandler({ ctx, input }: { ctx: AuthedContext; input: EditHistoryInput }): Promise<ServiceEditEntry[]> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  return listServiceEdits(ctx.em, service.id, input.limit);
}
