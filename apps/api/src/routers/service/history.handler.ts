import { SyncAttempt, type SyncAttemptLogEntry, type SyncAttemptOutcome } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { HistoryInput } from "./history.schema";
import { findScopedService } from "./scope";

/** One queued sync of a service, as the view page's history lists it. */
export interface SyncHistoryEntry {
  id: string;
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
  errorMessage: string | null;
  /** Every HTTP attempt of this sync, oldest first. */
  attempts: SyncAttemptLogEntry[];
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
    attempts: attempt.attemptLog,
  };
}
