import type { Agenda, JobParameters, JobWithId } from "agenda";
import type { ShutdownGuard } from "./agenda-workarounds";

export interface StopJobsOptions {
  /** How long running jobs may take to finish before the connections are closed anyway. */
  drainTimeoutMs: number;
}

export interface StopJobsResult {
  /** True when jobs were still running at the drain deadline; their locks expire and another worker retries them. */
  timedOut: boolean;
  /** Jobs still running when the connections were closed. */
  running: number;
}

/**
 * Agenda's own drain() waits too, but leaves the jobs it locked and had not started locked until
 * their lock expires, and may still start them while draining; stop() releases those at once but
 * does not wait. So Agenda is stopped without closing its store, and the waiting is done here.
 */
export async function stopAgenda(agenda: Agenda, guard: ShutdownGuard, drainTimeoutMs: number): Promise<StopJobsResult> {
  const deadline = Date.now() + drainTimeoutMs;
  const finished = new Set<string>();
  const onComplete = (job: JobWithId, remote?: boolean) => {
    if (!remote) finished.add(String(job.attrs._id));
  };
  agenda.on("complete", onComplete);
  try {
    const running = agenda.isActiveJobProcessor() ? await runningJobIds(agenda) : [];
    guard.close();
    await agenda.stop(false);
    const result = await waitUntilFinished(running, finished, agenda, deadline - Date.now());
    // A finished job may still be removing itself; a processor may still be asking for a job.
    await guard.settled(Math.max(deadline - Date.now(), 1_000));
    return result;
  } finally {
    agenda.off("complete", onComplete);
  }
}

async function runningJobIds(agenda: Agenda): Promise<string[]> {
  // The stats also count the queue in the store; with the store unreachable there is nothing to wait for.
  const stats = await agenda.getRunningStats(true).catch(() => undefined);
  return ((stats?.runningJobs ?? []) as JobParameters[]).map((job) => String(job._id));
}

function waitUntilFinished(ids: string[], finished: Set<string>, agenda: Agenda, timeoutMs: number): Promise<StopJobsResult> {
  const pending = () => ids.filter((id) => !finished.has(id)).length;
  if (pending() === 0) return Promise.resolve({ timedOut: false, running: 0 });
  return new Promise((resolve) => {
    const check = () => {
      if (pending() > 0) return;
      clearTimeout(timer);
      agenda.off("complete", check);
      resolve({ timedOut: false, running: 0 });
    };
    const timer = setTimeout(() => {
      agenda.off("complete", check);
      resolve({ timedOut: true, running: pending() });
    }, timeoutMs);
    // Registered after the collecting listener, so `finished` already holds the job when this runs.
    agenda.on("complete", check);
  });
}
