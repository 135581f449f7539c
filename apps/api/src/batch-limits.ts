import { TRPC_MAX_BATCH_SIZE } from "@askpro/domain";
import { TRPCError } from "@trpc/server";
import type { TRPCRequestInfo } from "@trpc/server/http";

/** Calls per tRPC batch (tRPC's maxBatchSize answers more with a 400); the SPA splits at the same size. */
export const MAX_BATCH_SIZE = TRPC_MAX_BATCH_SIZE;
/** tRPC's own message for a batch beyond maxBatchSize. */
export const BATCH_TOO_LARGE = "Batch call exceeds maximum size";
export const ONE_SIGN_IN_PER_BATCH = "A batch may carry at most one auth.signIn call: send each sign-in in its own request.";

const SIGN_IN = "auth.signIn";

/**
 * Every call of a batch shares one request: sign-ins in one batch would share its client address
 * and arrive at once, which is what password guessing wants. Checked before the context exists, so
 * the whole batch is refused and nothing in it runs.
 */
export function refuseSignInBatches(info: TRPCRequestInfo): void {
  if (!info.isBatchCall) return;
  if (info.calls.filter((call) => call.path === SIGN_IN).length > 1) throw new TRPCError({ code: "BAD_REQUEST", message: ONE_SIGN_IN_PER_BATCH });
}
