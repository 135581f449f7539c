import { Company } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";

/**
 * The company a settings procedure acts on: the user's own (companyId omitted or equal to it), or the
 * one a platform operator names. Another company's id is answered like a missing one.
 */
export async function findScopedCompany(ctx: AuthedContext, companyId: string | undefined): Promise<Company> {
  const own = ctx.user.company;
  const targetId = companyId ?? own?.id;
  if (!targetId) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose the company (companyId)." });
  const company = own && own.id !== targetId ? null : await ctx.em.findOne(Company, { id: targetId }, { populate: ["calcomApiKeyEncrypted"] });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  return company;
}
