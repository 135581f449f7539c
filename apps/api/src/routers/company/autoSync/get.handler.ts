import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { GetAutoSyncInput } from "./get.schema";

/** Auto-sync: whether a saved change to a field sent to Cal.com requests a sync by itself. */
export interface AutoSyncSetting {
  enabled: boolean;
}

export async function getAutoSyncHandler({ ctx, input }: { ctx: AuthedContext; input: GetAutoSyncInput }): Promise<AutoSyncSetting> {
  const company = await findScopedCompany(ctx, input.companyId);
  return { enabled: company.autoSync };
}
