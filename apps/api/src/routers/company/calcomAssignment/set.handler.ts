import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { CalcomAssignmentSetting } from "./get.handler";
import type { SetCalcomAssignmentInput } from "./set.schema";

/** Sets the company's default; event types created before keep theirs (Cal.com holds them). */
export async function setCalcomAssignmentHandler({ ctx, input }: { ctx: AuthedContext; input: SetCalcomAssignmentInput }): Promise<CalcomAssignmentSetting> {
  const company = await findScopedCompany(ctx, input.companyId);
  company.calcomAssignment = input.assignment;
  await ctx.em.flush();
  ctx.logger.info({ event: "calcom-assignment-set", companyId: company.id, assignment: input.assignment, userId: ctx.user.id }, "Company Cal.com assignment set");
  return { assignment: company.calcomAssignment };
}
