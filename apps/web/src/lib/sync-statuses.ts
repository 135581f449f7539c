import type { SyncStatus } from "@askpro/domain";

/**
 * The statuses in the domain's order, for the list's filter. Not the domain's SYNC_STATUSES: that lives in the
 * module that builds the zod schemas, and importing it would put zod into the first script. The Record type
 * keeps this exact: a status added to or dropped from the domain fails the typecheck.
 */
const STATUS_KEYS: Record<SyncStatus, null> = { never: null, pending: null, synced: null, error: null };

export const SYNC_STATUSES = Object.keys(STATUS_KEYS) as readonly SyncStatus[];
