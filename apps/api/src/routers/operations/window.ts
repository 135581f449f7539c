/** The operations page's window: failures and the success rate count syncs that ended in the last 24 hours. */
export const OPERATIONS_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Failures listed at most (newest first); the counts include every one. */
export const OPERATIONS_FAILURE_LIMIT = 200;
/** Services one "Retry all failed" requests at most; press it again for the rest. */
export const RETRY_ALL_LIMIT = 500;

export function windowStart(now = Date.now()): Date {
  return new Date(now - OPERATIONS_WINDOW_MS);
}
