import type { CalcomError } from "@askpro/calcom";
import { shortMessage, type SyncReason } from "@askpro/domain";

/**
 * A failed call to Cal.com as a reason the SPA words (sync-reason.ts): the error's kind, its HTTP
 * status and Cal.com's own message, never anything of the request, so it cannot carry the API key.
 * Any job that calls Cal.com for a service (sync, create in Cal.com, ...) records its failures with it.
 */
export function calcomFailureReason(error: CalcomError, eventTypeId: number | null): SyncReason {
  const status = error.status ?? null;
  switch (error.kind) {
    case "unauthorized":
      return { code: "calcom_key_rejected", status };
    case "forbidden":
      return { code: "calcom_forbidden", status, eventTypeId };
    case "not_found":
      return { code: "event_type_not_found", status, eventTypeId };
    case "validation":
      return { code: "calcom_rejected", status, message: shortMessage(error.calcomMessage) };
    case "conflict":
      return { code: "calcom_conflict", status, message: shortMessage(error.calcomMessage) };
    case "rate_limited":
      return { code: "rate_limited", status };
    case "server":
      return { code: "calcom_server_error", status };
    case "network":
      return { code: "calcom_unreachable" };
    case "timeout":
      return { code: "calcom_timeout" };
    case "bad_response":
      return { code: "calcom_bad_response", status: status !== null && (status < 200 || status > 299) ? status : null };
  }
}
