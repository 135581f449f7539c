/** How often an open service page or sync dialog asks whether a worker is alive. */
export const WORKER_STATUS_POLL_MS = 15_000;

/** Only a definite "no worker" warns: while loading, or when the api cannot say, the page stays quiet. */
export function shouldWarnNoWorker(status: { workerAlive: boolean } | undefined): boolean {
  return status?.workerAlive === false;
}
