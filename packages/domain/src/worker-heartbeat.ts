/** How often a running worker writes its row in worker_heartbeats. */
export const WORKER_HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * A worker whose newest beat is older than this is gone (or cannot reach the database): six beats
 * missed, so a slow beat or a short database hiccup does not raise the alarm. /readyz, the web app
 * and `npm run verify` all count live workers with it.
 */
export const WORKER_HEARTBEAT_MAX_AGE_S = 60;
