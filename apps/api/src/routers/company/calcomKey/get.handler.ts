import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { GetCalcomKeyInput } from "./get.schema";
import { type CalcomKeyStatus, calcomKeyStatus } from "./status";

export async function getCalcomKeyHandler({ ctx, input }: { ctx: AuthedContext; input: GetCalcomKeyInput }): Promise<CalcomKeyStatus> {
  return calcomKeyStatus(ctx, await findScopedCompany(ctx, input.companyId));
}
