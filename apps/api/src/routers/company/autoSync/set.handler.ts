import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { AutoSyncSetting } from "./get.handler";
import type { SetAutoSyncInput } from "./set.schema";

/** Turns auto-sync on or off; applies to the next save (services changed before are synced by hand). */
export async function setAutoSyncHandler({ ctx, input }: { ctx: AuthedContext; input: SetAutoSyncInput }): Promise<AutoSyncSetting> {
  const company = await findScopedCompany(ctx, input.companyId);
  company.autoSync = input.enabled;
  await ctx.em.flush();
  ctx.logger.info({ event: "auto-sync-set", companyId: company.id, enabled: input.enabled, userId: ctx.user.id }, "Company auto-sync set");
  return { enabled: company.autoSync };
}
