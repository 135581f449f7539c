import { TRPC_MAX_BATCH_SIZE } from "@askpro/domain";
import { httpBatchLink } from "@trpc/client";

/**
 * Same origin as the api (in dev through the Vite proxy), so the session cookie is sent with every call.
 * Batches are split at the api's limit: a screen that asks for more at once still gets every answer.
 */
export function trpcLinks(fetchImpl?: typeof fetch, url = "/trpc") {
  return [httpBatchLink({ url, maxItems: TRPC_MAX_BATCH_SIZE, ...(fetchImpl ? { fetch: fetchImpl } : {}) })];
}
