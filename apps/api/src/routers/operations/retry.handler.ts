import type { RequestSyncResult } from "@askpro/sync";
import type { AuthedContext } from "../../trpc";
import { requestServiceSync } from "../service/request-service-sync";
import type { RetrySyncInput } from "./retry.schema";

/**
 * "Retry" on a failed sync: the normal sync decision, so a service already pending answers
 * already_pending and never gets a second job. Another company's service is not found.
 */
export function retrySyncHandler({ ctx, input }: { ctx: AuthedContext; input: RetrySyncInput }): Promise<RequestSyncResult> {
  return requestServiceSync(ctx, input.serviceId);
}
