import type { CalcomAssignment } from "@askpro/domain";
import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { GetCalcomAssignmentInput } from "./get.schema";

/** How the company's team event types made by "Create in Cal.com" assign bookings (a service may override it). */
export interface CalcomAssignmentSetting {
  assignment: CalcomAssignment;
}

export async function getCalcomAssignmentHandler({ ctx, input }: { ctx: AuthedContext; input: GetCalcomAssignmentInput }): Promise<CalcomAssignmentSetting> {
  const company = await findScopedCompany(ctx, input.companyId);
  return { assignment: company.calcomAssignment };
}
