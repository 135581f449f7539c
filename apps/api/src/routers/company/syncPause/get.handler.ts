import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { GetSyncPauseInput } from "./get.schema";

/** "Pause syncing": while paused, sync requests queue but nothing is sent to Cal.com. */
export interface SyncPauseState {
  paused: boolean;
  /** ISO time since when; null while syncing. */
  pausedAt: string | null;
}

export async function getSyncPauseHandler({ ctx, input }: { ctx: AuthedContext; input: GetSyncPauseInput }): Promise<SyncPauseState> {
  const company = await findScopedCompany(ctx, input.companyId);
  return syncPauseState(company.syncPausedAt ?? null);
}

export function syncPauseState(pausedAt: Date | null): SyncPauseState {
  return { paused: pausedAt !== null, pausedAt: pausedAt?.toISOString() ?? null };
}
