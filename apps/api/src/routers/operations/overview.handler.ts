import { type SyncOperationsOverview, syncOperationsOverview } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { OperationsOverviewInput } from "./overview.schema";
import { OPERATIONS_FAILURE_LIMIT, OPERATIONS_WINDOW_MS, windowStart } from "./window";

export interface OperationsOverview extends SyncOperationsOverview {
  windowHours: number;
  /** Whether the caller sees every company (a platform operator). */
  allCompanies: boolean;
}

/**
 * The operations page: per company the sync queue, the window's failures and success rate, and the
 * pause; the failed services with their reasons. A company user reads only their own company's rows.
 */
export async function operationsOverviewHandler({ ctx }: { ctx: AuthedContext; input: OperationsOverviewInput }): Promise<OperationsOverview> {
  const companyId = ctx.user.company?.id ?? null;
  const overview = await syncOperationsOverview(ctx.em, { companyId, since: windowStart(), failureLimit: OPERATIONS_FAILURE_LIMIT });
  return { ...overview, windowHours: OPERATIONS_WINDOW_MS / 3_600_000, allCompanies: companyId === null };
}
