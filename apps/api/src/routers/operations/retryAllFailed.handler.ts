import { type RetryFailedSyncsResult, retryFailedSyncs } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { RetryAllFailedInput } from "./retryAllFailed.schema";
import { RETRY_ALL_LIMIT, windowStart } from "./window";

/**
 * "Retry all failed": every service of the scope still in `error` after a sync that failed in the
 * window, each through the normal sync decision (never two jobs for one service).
 */
export async function retryAllFailedHandler({ ctx, input }: { ctx: AuthedContext; input: RetryAllFailedInput }): Promise<RetryFailedSyncsResult> {
  const own = ctx.user.company?.id ?? null;
  // Another company's id is answered like a missing one.
  if (own !== null && input.companyId !== undefined && input.companyId !== own) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  const companyId = own ?? input.companyId ?? null;
  const result = await retryFailedSyncs({
    em: ctx.em,
    jobs: () => ctx.jobs.queue(),
    companyId,
    since: windowStart(),
    limit: RETRY_ALL_LIMIT,
    requestedById: ctx.user.id,
    logger: ctx.logger,
  });
  ctx.logger.info({ event: "retry-all-failed", company_id: companyId, user_id: ctx.user.id, ...result }, "failed syncs retried");
  return result;
}
