import { parseSyncReason, type SyncReason } from "@askpro/domain";
import { SyncAttempt, type SyncAttemptKind, type SyncAttemptLogEntry, type SyncAttemptOutcome } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { HistoryInput } from "./history.schema";
import { findScopedService } from "./scope";

/** One queued sync of a service, as the view page's history lists it. */
export interface SyncHistoryEntry {
  id: string;
  /** "sync": pushed to Cal.com; "import": the service was made from its Cal.com event type (no call of its own). */
  kind: SyncAttemptKind;
  /** null: the system asked (the reconciler), or the user was deleted since. */
  requestedBy: { email: string } | null;
  requestedAt: string;
  /** When the worker first took the job; null until then. */
  startedAt: string | null;
  /** null until the sync has an outcome. */
  finishedAt: string | null;
  /** From startedAt to finishedAt, retries included. */
  durationMs: number | null;
  /** null while queued or running; "retrying" while waiting to try again. */
  outcome: SyncAttemptOutcome | null;
  /** HTTP attempts so far (1 for the first). */
  attemptNumber: number;
  httpStatus: number | null;
  calcomErrorCode: string | null;
  /** Plain English; rows from before reason codes have only this. */
  errorMessage: string | null;
  /** The same as a code with parameters, which the SPA words in the reader's language. */
  reason: SyncReason | null;
  /** Every HTTP attempt of this sync, oldest first. */
  attempts: SyncHistoryCall[];
}

/**
 * One call to Cal.com. `answer`: "answered" once it ended; "awaited" while the sync's latest call
 * waits for Cal.com; "unknown" for a call sent by a worker that died before the answer came (a later
 * run, or the reconciler, took over): whether Cal.com applied it is not known.
 */
export interface SyncHistoryCall extends SyncAttemptLogEntry {
  answer: "answered" | "awaited" | "unknown";
}

export async function historyHandler({ ctx, input }: { ctx: AuthedContext; input: HistoryInput }): Promise<SyncHistoryEntry[]> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  const attempts = await ctx.em.find(
    SyncAttempt,
    { service: service.id },
    { populate: ["requestedBy"], orderBy: { requestedAt: "desc", id: "desc" }, limit: input.limit },
  );
  return attempts.map(toHistoryEntry);
}

function toHistoryEntry(attempt: SyncAttempt): SyncHistoryEntry {
  const { startedAt, finishedAt } = attempt;
  return {
    id: attempt.id,
    kind: attempt.kind,
    requestedBy: attempt.requestedBy ? { email: attempt.requestedBy.email } : null,
    requestedAt: attempt.requestedAt.toISOString(),
    startedAt: startedAt?.toISOString() ?? null,
    finishedAt: finishedAt?.toISOString() ?? null,
    durationMs: startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
    outcome: attempt.outcome ?? null,
    attemptNumber: attempt.attemptNumber,
    httpStatus: attempt.httpStatus ?? null,
    calcomErrorCode: attempt.calcomErrorCode ?? null,
    errorMessage: attempt.errorMessage ?? null,
    reason: attempt.errorMessage ? parseSyncReason(attempt.reason) : null,
    attempts: attempt.attemptLog.map((call, index, calls) => ({ ...call, answer: answerOf(call, index === calls.length - 1, attempt.outcome ?? null) })),
  };
}

function answerOf(call: SyncAttemptLogEntry, latest: boolean, outcome: SyncAttemptOutcome | null): SyncHistoryCall["answer"] {
  // Entries logged before calls were logged at their start always have finishedAt.
  if (call.finishedAt != null) return "answered";
  return latest && outcome === null ? "awaited" : "unknown";
}
