import type { RequestSyncResult } from "@askpro/sync";
import type { AuthedContext } from "../../trpc";
import { requestServiceSync } from "./request-service-sync";
import type { SyncInput } from "./sync.schema";

/** `queued` | `no_event_type` | `already_pending` | `enqueue_failed` (with the reason, also kept on the service). */
export type SyncOutcome = RequestSyncResult;

export function syncHandler({ ctx, input }: { ctx: AuthedContext; input: SyncInput }): Promise<SyncOutcome> {
  return requestServiceSync(ctx, input.id);
}
