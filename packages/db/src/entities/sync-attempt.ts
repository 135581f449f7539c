import { defineEntity, p } from "@mikro-orm/core";
import { Service } from "./service";
import { User } from "./user";
import { uuidPrimaryKey } from "./columns";

/** null while the attempt is queued or running. */
export const SYNC_ATTEMPT_OUTCOMES = ["succeeded", "failed", "retrying"] as const;
export type SyncAttemptOutcome = (typeof SYNC_ATTEMPT_OUTCOMES)[number];

/** One HTTP call of a queued sync, as the worker recorded it when the call ended. */
export interface SyncAttemptLogEntry {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** null when no answer came (timeout, network). */
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
}

const SyncAttemptSchema = defineEntity({
  name: "SyncAttempt",
  tableName: "sync_attempts",
  properties: {
    id: uuidPrimaryKey(),
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
    payload: p.json<Record<string, unknown>>().nullable(),
    jobId: p.string().length(200).nullable(),
    /** Every HTTP attempt of this sync, oldest first; the columns above describe the latest one. */
    attemptLog: p.json<SyncAttemptLogEntry[]>().defaultRaw("'[]'"),
  },
});

export class SyncAttempt extends SyncAttemptSchema.class {}
SyncAttemptSchema.setClass(SyncAttempt);
export { SyncAttemptSchema };
