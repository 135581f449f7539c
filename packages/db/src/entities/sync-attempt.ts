import type { SyncReason } from "@askpro/domain";
import { defineEntity, p } from "@mikro-orm/core";
import { Service } from "./service";
import { User } from "./user";
import { uuidPrimaryKey } from "./columns";

/** null while the attempt is queued or running; "cancelled": a bulk run's "Cancel remaining" took it back before it started. */
export const SYNC_ATTEMPT_OUTCOMES = ["succeeded", "failed", "retrying", "cancelled"] as const;
export type SyncAttemptOutcome = (typeof SYNC_ATTEMPT_OUTCOMES)[number];

/**
 * What a history row records: a sync pushed to Cal.com, a service imported from Cal.com, its event
 * type hidden or deleted in Cal.com as the service is deleted, or its event type created in Cal.com.
 */
export const SYNC_ATTEMPT_KINDS = ["sync", "import", "hide", "delete", "create"] as const;
export type SyncAttemptKind = (typeof SYNC_ATTEMPT_KINDS)[number];

/**
 * One HTTP call of a queued sync. The worker logs it before sending it and fills in the answer when
 * the call ends, so a call whose worker died meanwhile stays here with finishedAt null: its outcome
 * is unknown.
 */
export interface SyncAttemptLogEntry {
  attempt: number;
  /** The request, e.g. PATCH /v2/teams/39203/event-types/3664712 (absent in entries logged before calls were logged at their start). */
  method?: string;
  path?: string;
  startedAt: string;
  /** null while the call is in flight, and for good when the worker died during it. */
  finishedAt: string | null;
  durationMs: number | null;
  /** null when no answer came (timeout, network). */
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** errorMessage as a code with parameters (entries logged before codes have none). */
  reason?: SyncReason;
  /** Sent fields Cal.com answered 2xx to without applying them (read-back), with both values. */
  unappliedFields?: Array<{ field: string; sent: LoggedValue; actual: LoggedValue }>;
}

/** A field's value as JSON holds it (a sent field is a text, number, flag or an object such as confirmationPolicy). */
export type LoggedValue = string | number | boolean | null | Record<string, unknown>;

const SyncAttemptSchema = defineEntity({
  name: "SyncAttempt",
  tableName: "sync_attempts",
  properties: {
    id: uuidPrimaryKey(),
    kind: p.enum(SYNC_ATTEMPT_KINDS).default("sync"),
    service: () => p.manyToOne(Service).deleteRule("cascade").index(),
    /** null when the system (the reconciler) started it, or the user was deleted. */
    requestedBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    requestedAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    outcome: p.enum(SYNC_ATTEMPT_OUTCOMES).nullable(),
    attemptNumber: p.integer().default(1),
    httpStatus: p.integer().nullable(),
    calcomErrorCode: p.string().length(200).nullable(),
    errorMessage: p.text().nullable(),
    /** errorMessage as a code with parameters; null on success and on rows from before codes. */
    reason: p.json<SyncReason>().nullable(),
    payload: p.json<Record<string, unknown>>().nullable(),
    jobId: p.string().length(200).nullable(),
    /** Every HTTP attempt of this sync, oldest first; the columns above describe the latest one. */
    attemptLog: p.json<SyncAttemptLogEntry[]>().defaultRaw("'[]'"),
  },
});

export class SyncAttempt extends SyncAttemptSchema.class {}
SyncAttemptSchema.setClass(SyncAttempt);
export { SyncAttemptSchema };
