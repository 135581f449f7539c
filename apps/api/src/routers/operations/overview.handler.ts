import { type CompanySyncOverview, type SyncOperationsOverview, syncOperationsOverview } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { OperationsOverviewInput } from "./overview.schema";
import { type CompanyRateBudget, companyRateBudgets } from "./rate-budgets";
import { OPERATIONS_FAILURE_LIMIT, OPERATIONS_WINDOW_MS, windowStart } from "./window";

export interface CompanyOperationsRow extends CompanySyncOverview {
  /** The Cal.com rate budget of the company's key in its current window. */
  rateBudget: CompanyRateBudget;
}

export interface OperationsOverview extends SyncOperationsOverview {
  companies: CompanyOperationsRow[];
  windowHours: number;
  /** Whether the caller sees every company (a platform operator). */
  allCompanies: boolean;
}

const NO_BUDGET: CompanyRateBudget = { sharedKey: false, hasKey: false, window: null };

/**
 * The operations page: per company the sync queue, the window's failures and success rate, the pause
 * and the rate budget used; the failed services with their reasons. A company user reads only their own
 * company's rows.
 */
export async function operationsOverviewHandler({ ctx }: { ctx: AuthedContext; input: OperationsOverviewInput }): Promise<OperationsOverview> {
  const companyId = ctx.user.company?.id ?? null;
  const overview = await syncOperationsOverview(ctx.em, { companyId, since: windowStart(), failureLimit: OPERATIONS_FAILURE_LIMIT });
  const budgets = await companyRateBudgets(
    ctx,
    overview.companies.map((row) => row.companyId),
  );
  return {
    ...overview,
    companies: overview.companies.map((row) => ({ ...row, rateBudget: budgets.get(row.companyId) ?? NO_BUDGET })),
    windowHours: OPERATIONS_WINDOW_MS / 3_600_000,
    allCompanies: companyId === null,
  };
}
