import type { CalcomError } from "@askpro/calcom";

/** What an operator does about each way a Cal.com call fails. */
export function calcomFailureFix(error: CalcomError): string {
  switch (error.kind) {
    case "unauthorized":
      return "set CALCOM_API_KEY to a valid key (Cal.com: Settings > Developer > API keys)";
    case "forbidden":
    case "not_found":
      return "link an event type that the key's user or the company's Cal.com team owns, or use a key of that team";
    case "rate_limited":
      return `the key is blocked by Cal.com's rate limit: wait ${Math.ceil((error.retryAfterMs ?? 60_000) / 1000)} s and run verify again`;
    case "network":
    case "timeout":
      return "check CALCOM_API_URL and that this host can reach it";
    default:
      return "Cal.com answered unexpectedly: check https://www.cal.com/status and run verify again";
  }
}
