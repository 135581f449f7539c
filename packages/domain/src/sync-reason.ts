/**
 * Why a sync (or any job that calls Cal.com for a service) did not end synced: a code with the
 * parameters its wording needs, stored as JSON on the service (`services.sync_reason`) and on the
 * attempt row (`sync_attempts.reason`). The SPA words it in the reader's language
 * (apps/web/src/services/sync/sync-reason-text.ts); `describeSyncReason` is the plain-English text
 * kept beside it for logs, API consumers and rows written before codes existed.
 *
 * A new failure: add its code here, to describeSyncReason and to the SPA's wording; the exhaustive
 * switches make the compiler point at each place.
 */
import type { UnappliedField } from "./calcom-read-back";

/** A value as JSON holds it: what was sent, or what Cal.com answered. */
export type ReasonValue = string | number | boolean | null | { [key: string]: unknown } | unknown[];

/** A sent field Cal.com answered 2xx to without applying it (read-back). */
export interface UnappliedFieldDetail {
  field: string;
  sent: ReasonValue;
  /** What Cal.com holds after answering. */
  calcom: ReasonValue;
}

export type SyncReasonDetail =
  /** Cal.com answered 2xx but kept other values for these fields. */
  | { code: "unapplied_fields"; fields: UnappliedFieldDetail[] }
  /** 401: the API key is wrong or revoked. */
  | { code: "calcom_key_rejected"; status: number | null }
  /** 403 on the event type. */
  | { code: "calcom_forbidden"; status: number | null; eventTypeId: number | null }
  /** 404: the linked event type is gone. */
  | { code: "event_type_not_found"; status: number | null; eventTypeId: number | null }
  /** 400/422: Cal.com refused the data; `message` is Cal.com's own words (shown untranslated). */
  | { code: "calcom_rejected"; status: number | null; message: string | null }
  /** 409. */
  | { code: "calcom_conflict"; status: number | null; message: string | null }
  /** 429. */
  | { code: "rate_limited"; status: number | null }
  /** 5xx. */
  | { code: "calcom_server_error"; status: number | null }
  /** No connection (DNS, refused, reset). */
  | { code: "calcom_unreachable" }
  | { code: "calcom_timeout" }
  /** An answer we cannot read; status when it was not a 2xx we expected. */
  | { code: "calcom_bad_response"; status: number | null }
  | { code: "no_event_type" }
  /** Neither the company's own key nor CALCOM_API_KEY. */
  | { code: "no_key" }
  /** The company's key was encrypted with another APP_SECRET: it must be stored again. */
  | { code: "key_unreadable" }
  /** Our own failure (the database, a bug); `message` is the error's message. */
  | { code: "worker_error"; message: string }
  /** The job store refused the job. */
  | { code: "queue_failed"; message: string }
  /** The reconciler found the job gone and queued it again (history rows only). */
  | { code: "job_lost" }
  /** ...while a Cal.com call was in flight: whether Cal.com applied it is not known. */
  | { code: "job_lost_mid_call" }
  /**
   * "Create in Cal.com": an event type this job did not create already holds the service's slug
   * (`eventTypeId` null when Cal.com refused the slug but the list did not show who holds it). The
   * SPA offers to link that event type instead.
   */
  | { code: "slug_taken"; slug: string; eventTypeId: number | null; title: string | null }
  /**
   * "Take Cal.com's values" took what a service can hold, but Cal.com holds more than that in these
   * fields (`sent`: what a sync of the service would send; `calcom`: what Cal.com holds).
   */
  | { code: "values_not_expressible"; fields: UnappliedFieldDetail[] };

export type SyncReasonCode = SyncReasonDetail["code"];

/** A reason; `gaveUpAfter`: the retries ran out after this many attempts. */
export type SyncReason = SyncReasonDetail & { gaveUpAfter?: number };

/** Every code, for validation and for tests that each one is worded. */
export const SYNC_REASON_CODES = [
  "unapplied_fields",
  "calcom_key_rejected",
  "calcom_forbidden",
  "event_type_not_found",
  "calcom_rejected",
  "calcom_conflict",
  "rate_limited",
  "calcom_server_error",
  "calcom_unreachable",
  "calcom_timeout",
  "calcom_bad_response",
  "no_event_type",
  "no_key",
  "key_unreadable",
  "worker_error",
  "queue_failed",
  "job_lost",
  "job_lost_mid_call",
  "slug_taken",
  "values_not_expressible",
] as const satisfies readonly SyncReasonCode[];

/** Cal.com's words and our error messages are shown in a badge: keep them short. */
export const MAX_REASON_MESSAGE_LENGTH = 300;

export function shortMessage(message: string | null | undefined): string | null {
  const text = message?.trim();
  if (!text) return null;
  return text.length > MAX_REASON_MESSAGE_LENGTH ? `${text.slice(0, MAX_REASON_MESSAGE_LENGTH - 1)}…` : text;
}

/** The reason for a read-back that found fields Cal.com did not apply. */
export function unappliedFieldsReason(fields: readonly UnappliedField[]): SyncReason {
  return {
    code: "unapplied_fields",
    fields: fields.map(({ field, sent, actual }) => ({ field, sent: (sent ?? null) as ReasonValue, calcom: (actual ?? null) as ReasonValue })),
  };
}

/** The reason "Take Cal.com's values" leaves when Cal.com holds values a service cannot express. */
export function valuesNotExpressibleReason(fields: readonly UnappliedField[]): SyncReason {
  return { ...unappliedFieldsReason(fields), code: "values_not_expressible" } as SyncReason;
}

/** The same reason, saying the retries ran out after `attempts`. */
export function gaveUp(reason: SyncReason, attempts: number): SyncReason {
  return { ...reason, gaveUpAfter: attempts };
}

/** A value as the English text and the SPA show it: texts quoted, the rest as JSON. */
export function shownValue(value: unknown): string {
  return JSON.stringify(value ?? null);
}

const withStatus = (text: string, status: number | null) => (status === null ? text : `${text} (${status})`);
const eventType = (id: number | null) => (id === null ? "the event type" : `event type ${id}`);

function describeDetail(reason: SyncReasonDetail): string {
  switch (reason.code) {
    case "unapplied_fields":
      // The wording rows written before codes hold.
      return `Cal.com did not apply: ${reason.fields.map(({ field, sent, calcom }) => `${field} (sent ${shownValue(sent)}, Cal.com has ${shownValue(calcom)})`).join(", ")}`;
    case "calcom_key_rejected":
      return withStatus("Cal.com rejected the API key", reason.status);
    case "calcom_forbidden":
      return withStatus(`Cal.com refused access to ${eventType(reason.eventTypeId)}`, reason.status);
    case "event_type_not_found":
      return withStatus(`${reason.eventTypeId === null ? "The event type" : `Event type ${reason.eventTypeId}`} not found in Cal.com`, reason.status);
    case "calcom_rejected":
      return withStatus(`Cal.com rejected the data: ${reason.message ?? "no reason given"}`, reason.status);
    case "calcom_conflict":
      return withStatus(`Cal.com reported a conflict: ${reason.message ?? "no reason given"}`, reason.status);
    case "rate_limited":
      return withStatus("Cal.com's rate limit was reached", reason.status);
    case "calcom_server_error":
      return withStatus("Cal.com had a server error", reason.status);
    case "calcom_unreachable":
      return "Cal.com could not be reached (network error)";
    case "calcom_timeout":
      return "Cal.com did not answer in time (timeout)";
    case "calcom_bad_response":
      return reason.status === null ? "Cal.com returned an unreadable answer" : `Cal.com answered with an unexpected status (${reason.status})`;
    case "no_event_type":
      return "No Cal.com event type linked";
    case "no_key":
      return "No Cal.com API key is configured (neither the company's own nor CALCOM_API_KEY)";
    case "key_unreadable":
      return "The company's Cal.com API key must be set again: it cannot be decrypted with this APP_SECRET";
    case "worker_error":
      return `The worker could not complete the sync: ${reason.message}`;
    case "queue_failed":
      return `Could not queue the sync: ${reason.message}`;
    case "job_lost":
      return "The sync's job was lost before it finished (worker crash or job store reset); the system queued it again";
    case "job_lost_mid_call":
      return "The sync's job was lost during a Cal.com call, whose outcome is unknown (worker crash or job store reset); the system queued it again";
    case "slug_taken":
      return reason.eventTypeId === null
        ? `Cal.com already has an event type with the slug "${reason.slug}", which this service did not create. Link it instead, or change the slug`
        : `Cal.com event type ${reason.eventTypeId}${reason.title === null ? "" : ` (“${reason.title}”)`} already has the slug "${reason.slug}" and was not created for this service. Link it instead, or change the slug`;
    case "values_not_expressible":
      return `Cal.com holds values a service cannot express: ${reason.fields.map(({ field, sent, calcom }) => `${field} (the service sends ${shownValue(sent)}, Cal.com has ${shownValue(calcom)})`).join(", ")}. Sync to send the service's`;
  }
}

/** The plain-English text of a reason, for logs, API consumers and the text columns beside the code. */
export function describeSyncReason(reason: SyncReason): string {
  const text = describeDetail(reason);
  return reason.gaveUpAfter === undefined ? text : `${text} - gave up after ${reason.gaveUpAfter} attempts`;
}

/**
 * A stored reason as read back from JSON: a known code with an object shape, else null (a row written
 * by a newer version, or damaged), in which case the reader falls back to the stored text.
 */
export function parseSyncReason(value: unknown): SyncReason | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const code = (value as { code?: unknown }).code;
  if (typeof code !== "string" || !(SYNC_REASON_CODES as readonly string[]).includes(code)) return null;
  if (code === "unapplied_fields" && !Array.isArray((value as { fields?: unknown }).fields)) return null;
  return value as SyncReason;
}
