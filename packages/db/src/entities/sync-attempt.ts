import { defineEntity, p } from "@mikro-orm/core";
import { Service } from "./service";
import { User } from "./user";
import { uuidPrimaryKey } from "./columns";

/** null while the attempt is queued or running. */
export const SYNC_ATTEMPT_OUTCOMES = ["succeeded", "failed", "retrying"] as const;
export type SyncAttemptOutcome = (typeof SYNC_ATTEMPT_OUTCOMES)[number];

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
  },
});

export class SyncAttempt extends SyncAttemptSchema.class {}
SyncAttemptSchema.setClass(SyncAttempt);
export { SyncAttemptSchema };
