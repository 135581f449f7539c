export const CALCOM_ERROR_KINDS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "validation",
  "conflict",
  "rate_limited",
  "server",
  "network",
  "timeout",
  "bad_response",
] as const;
export type CalcomErrorKind = (typeof CALCOM_ERROR_KINDS)[number];

const RETRYABLE_KINDS: ReadonlySet<CalcomErrorKind> = new Set(["rate_limited", "server", "network", "timeout"]);

export interface CalcomErrorInit {
  kind: CalcomErrorKind;
  /** "GET /v2/me": what was called, never with credentials. */
  operation: string;
  status?: number;
  calcomCode?: string;
  calcomMessage?: string;
  details?: unknown;
  retryAfterMs?: number;
  cause?: unknown;
  /** Overrides the default message for kinds without an HTTP status (network, timeout, bad_response). */
  reason?: string;
}

/** Every failure of a Cal.com call. `retryable` says whether trying again later can succeed. */
export class CalcomError extends Error {
  readonly kind: CalcomErrorKind;
  readonly status: number | undefined;
  readonly calcomCode: string | undefined;
  readonly calcomMessage: string | undefined;
  readonly details: unknown;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;

  constructor(init: CalcomErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "CalcomError";
    this.kind = init.kind;
    this.status = init.status;
    this.calcomCode = init.calcomCode;
    this.calcomMessage = init.calcomMessage;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = RETRYABLE_KINDS.has(init.kind);
  }
}

function describe(init: CalcomErrorInit): string {
  const head = `Cal.com ${init.operation} failed`;
  if (init.status === undefined || init.reason) return `${head}: ${init.reason ?? init.kind}`;
  const code = init.calcomCode ? ` ${init.calcomCode}` : "";
  const message = init.calcomMessage ? `: ${init.calcomMessage}` : "";
  const wait = init.retryAfterMs === undefined ? "" : ` (retry after ${Math.ceil(init.retryAfterMs / 1000)} s)`;
  return `${head} with ${init.status}${code}${message}${wait}`;
}

export function kindForStatus(status: number): CalcomErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 400 || status === 422) return "validation";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "bad_response";
}

/**
 * Cal.com's 400 for a slug its owner already uses: "User already has an event type with this slug."
 * on the user path, "Team event type with this slug already exists" on the team path.
 */
const SLUG_TAKEN = /already has an event type with this slug|event type with this slug already exists/i;

export function isSlugTakenError(error: unknown): error is CalcomError {
  return error instanceof CalcomError && error.kind === "validation" && SLUG_TAKEN.test(error.calcomMessage ?? "");
}
