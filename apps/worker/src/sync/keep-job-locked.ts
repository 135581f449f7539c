import type { Job } from "@askpro/jobs";

/**
 * Renews the job's lock every `everyMs` while a sync runs. A sync can outlast its lock: the Cal.com
 * client holds requests back to respect the API's rate limit before its own timeout starts. An
 * expired lock would let another worker start the same sync alongside. The returned function stops
 * renewing and waits for a renewal in flight, so that none lands after Agenda has saved the result.
 */
export function keepJobLocked(job: Job, everyMs: number, onError: (error: unknown) => void): () => Promise<void> {
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = job.touch().catch(onError);
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
