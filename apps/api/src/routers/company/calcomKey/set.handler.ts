import { encryptSecret } from "@askpro/db";
import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { SetCalcomKeyInput } from "./set.schema";
import { type CalcomKeyStatus, calcomKeyStatus } from "./status";

/** Stores the key encrypted; the answer says which key is in use, by its last four characters only. */
export async function setCalcomKeyHandler({ ctx, input }: { ctx: AuthedContext; input: SetCalcomKeyInput }): Promise<CalcomKeyStatus> {
  const company = await findScopedCompany(ctx, input.companyId);
  company.calcomApiKeyEncrypted = encryptSecret(input.apiKey, ctx.env.APP_SECRET);
  await ctx.em.flush();
  ctx.logger.info({ event: "calcom-key-set", companyId: company.id, userId: ctx.user.id }, "Company Cal.com key set");
  return calcomKeyStatus(ctx, company);
}
