import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/**
 * The answer tRPC gives when each call of a request fails with `code` and `message`, shaped as the
 * errorFormatter in trpc.ts shapes it (no zod issues): for middleware that answers before tRPC runs,
 * so clients read the refusal like any other tRPC error. A batch gets one error per call.
 */
export function trpcErrorAnswer(code: TRPC_ERROR_CODE_KEY, message: string, paths: readonly string[], batch: boolean): { status: number; body: string } {
  const status = getHTTPStatusCodeFromError(new TRPCError({ code }));
  const errorFor = (path: string) => ({ error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status, path, zodIssues: null } } });
  return { status, body: JSON.stringify(batch ? paths.map(errorFor) : errorFor(paths[0] ?? "")) };
}
