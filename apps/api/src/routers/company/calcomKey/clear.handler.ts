import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { ClearCalcomKeyInput } from "./clear.schema";
import { type CalcomKeyStatus, calcomKeyStatus } from "./status";

/** Removes the company's key: its syncs use the global CALCOM_API_KEY again. */
export async function clearCalcomKeyHandler({ ctx, input }: { ctx: AuthedContext; input: ClearCalcomKeyInput }): Promise<CalcomKeyStatus> {
  const company = await findScopedCompany(ctx, input.companyId);
  company.calcomApiKeyEncrypted = null;
  await ctx.em.flush();
  ctx.logger.info({ event: "calcom-key-cleared", companyId: company.id, userId: ctx.user.id }, "Company Cal.com key cleared");
  return calcomKeyStatus(ctx, company);
}
