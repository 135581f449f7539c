import { TRPCClientError } from "@trpc/client";

/**
 * What the UI needs to know about a failed call. "unavailable" covers every case where the api could not
 * answer properly (network down, proxy 502, 5xx): the UI then retries and says so instead of showing
 * raw error text.
 */
export type ApiErrorKind =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "bad_request"
  | "rate_limited"
  | "unavailable"
  | "other";

export interface ApiIssue {
  path: ReadonlyArray<string | number>;
  message: string;
  code?: string;
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  zodIssues?: unknown;
}

function dataOf(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null ? (data as ErrorData) : undefined;
}

const KIND_BY_CODE: Record<string, ApiErrorKind> = {
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  BAD_REQUEST: "bad_request",
  PARSE_ERROR: "bad_request",
  TOO_MANY_REQUESTS: "rate_limited",
};

export function classifyApiError(error: unknown): ApiErrorKind {
  if (!(error instanceof TRPCClientError)) return "other";
  const data = dataOf(error);
  // A tRPC error response always carries data.code; without it the request never reached tRPC
  // (fetch failed, or a proxy answered with a non-JSON 502/504 page).
  if (!data || typeof data.code !== "string") return "unavailable";
  if (typeof data.httpStatus === "number" && data.httpStatus >= 500) return "unavailable";
  return KIND_BY_CODE[data.code] ?? "other";
}

function isIssue(value: unknown): value is ApiIssue {
  if (typeof value !== "object" || value === null) return false;
  const { path, message } = value as { path?: unknown; message?: unknown };
  return Array.isArray(path) && path.every((p) => typeof p === "string" || typeof p === "number") && typeof message === "string";
}

/** The zod issues a BAD_REQUEST carries at error.data.zodIssues; malformed entries are dropped. */
export function apiIssuesOf(error: unknown): ApiIssue[] {
  const issues = dataOf(error)?.zodIssues;
  return Array.isArray(issues) ? issues.filter(isIssue) : [];
}

/**
 * The server's own sentence for an expected refusal (e.g. a CONFLICT naming the duplicate slug).
 * Never for "unavailable" or unknown errors, whose text may be a stack or a proxy page.
 */
export function apiMessageOf(error: unknown): string | undefined {
  const kind = classifyApiError(error);
  if (kind === "unavailable" || kind === "other" || !(error instanceof TRPCClientError)) return undefined;
  return error.message || undefined;
}
