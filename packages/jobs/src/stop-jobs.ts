import type { Agenda, JobParameters, JobWithId } from "agenda";
import { contextOf, type JobsContext, type StopJobsResult } from "./context";

export interface StopJobsOptions {
  /** How long running jobs may take to finish before the connections are closed anyway. */
  drainTimeoutMs: number;
}

/**
 * Graceful shutdown: takes no new jobs, hands back jobs locked but not started, waits up to
 * drainTimeoutMs for running jobs, then closes every connection createJobs opened. Safe to call
 * more than once (the second call waits for the first).
 *
 * Agenda's own drain() waits too, but leaves jobs it locked and had not started locked until their
 * lock expires and may still start them while draining; stop() releases those at once but does not
 * wait. So this stops Agenda without closing its store and does the waiting itself.
 */
export function stopJobs(agenda: Agenda, options: StopJobsOptions): Promise<StopJobsResult> {
  const context = contextOf(agenda);
  context.stopping ??= stop(agenda, context, options.drainTimeoutMs);
  return context.stopping;
}

async function stop(agenda: Agenda, context: JobsContext, drainTimeoutMs: number): Promise<StopJobsResult> {
  const deadline = Date.now() + drainTimeoutMs;
  const finished = new Set<string>();
  const onComplete = (job: JobWithId, remote?: boolean) => {
    if (!remote) finished.add(String(job.attrs._id));
  };
  agenda.on("complete", onComplete);
  let result: StopJobsResult = { timedOut: false, running: 0 };
  try {
    const running = agenda.isActiveJobProcessor() ? await runningJobIds(agenda) : [];
    context.guard.close();
    await agenda.stop(false);
    result = await waitUntilFinished(running, finished, agenda, deadline - Date.now());
    // A finished job may still be removing itself; a processor may still be asking for a job.
    await context.guard.settled(Math.max(deadline - Date.now(), 1_000));
  } finally {
    agenda.off("complete", onComplete);
    await closeConnections(context);
  }
  return result;
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

async function closeConnections(context: JobsContext): Promise<void> {
  context.cancelRetryWakeUps();
  // Agenda.stop() disconnects the channel, but only if Agenda was started (an enqueue-only process is not).
  if (context.channel.state !== "disconnected") await context.channel.disconnect();
  await context.backend.disconnect();
  await context.mongoClient?.close();
  await Promise.all([context.pool.end(), context.lockPool.end()]);
  context.markClosed();
}
