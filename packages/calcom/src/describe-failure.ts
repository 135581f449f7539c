import type { CalcomError } from "./errors";

/** Cal.com's own words are quoted in a reason, but a reason is shown in a badge: keep it short. */
const MAX_QUOTED_LENGTH = 300;

function quoted(message: string | undefined): string {
  const text = message?.trim() || "no reason given";
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : text;
}

/**
 * The reason a service shows when a call to Cal.com failed, in words an admin understands, with the
 * HTTP status. Built from the error's kind and Cal.com's message only: never from the request, so
 * it cannot carry the API key.
 */
export function describeCalcomFailure(error: CalcomError, eventTypeId: number): string {
  const status = error.status;
  switch (error.kind) {
    case "unauthorized":
      return `Cal.com rejected the API key (${status})`;
    case "forbidden":
      return `Cal.com refused access to event type ${eventTypeId} (${status})`;
    case "not_found":
      return `Event type ${eventTypeId} not found in Cal.com (${status})`;
    case "validation":
      return `Cal.com rejected the data: ${quoted(error.calcomMessage)} (${status})`;
    case "conflict":
      return `Cal.com reported a conflict: ${quoted(error.calcomMessage)} (${status})`;
    case "rate_limited":
      return `Cal.com's rate limit was reached (${status})`;
    case "server":
      return `Cal.com had a server error (${status})`;
    case "network":
      return "Cal.com could not be reached (network error)";
    case "timeout":
      return "Cal.com did not answer in time (timeout)";
    case "bad_response":
      return status !== undefined && (status < 200 || status > 299)
        ? `Cal.com answered with an unexpected status (${status})`
        : "Cal.com returned an unreadable answer";
  }
}
